// SPDX-License-Identifier: MIT
// The demo world's money: about three months of card top-ups, transfers between friends
// with notes, coffees at Café Lumière, one payment in a chat, a settled request and a few
// open invoices of the café. Everything goes through the same functions as the API, so
// balances, entries and both parties' event logs agree. Deterministic: the same history
// (relative to the seeding day) on every machine.

#include "demowallet.h"

#include "common/logging.h"
#include "ledger.h"
#include "serverdb.h"
#include "wallet.h"

namespace plaza::server {

namespace {

constexpr qint64 kDayMs = 86'400'000;
constexpr qint64 kHourMs = 3'600'000;
constexpr int kDays = 92;

const char16_t *const kFriends[] = {u"amelie", u"bruno", u"chloe", u"david", u"emma", u"farid", u"giulia"};

const char16_t *const kNotes[] = {
    u"Pizza night 🍕",   u"Cinema tickets", u"Groceries",      u"Train to Lyon", u"Birthday gift 🎁",
    u"Concert",          u"Taxi home",      u"Brunch",         u"Rent share",    u"Climbing gym",
    u"Book club snacks", u"Flowers for Mum", u"Drinks on Friday", u"Picnic",     u"Football tickets ⚽",
};

const char16_t *const kCafeNotes[] = {u"Flat white", u"Croissant & espresso", u"Cappuccino", u"Pain au chocolat",
                                      u"Lunch menu", u"Chai latte"};

// A small deterministic generator (LCG): the demo must not differ between runs.
class Dice
{
public:
    int roll(int n)
    {
        m_state = m_state * 6364136223846793005ULL + 1442695040888963407ULL;
        return int((m_state >> 33) % quint64(n));
    }

private:
    quint64 m_state = 20261122;
};

// Refusals (not enough money, over a limit) just mean this bit of history did not happen.
bool refusedByRules(const Error &e)
{
    return e.code == ErrorCode::InsufficientFunds || e.code == ErrorCode::LimitExceeded;
}

} // namespace

Status seedDemoWallet(ServerDb &db, const QHash<QString, qint64> &idOf, qint64 nowMs)
{
    Dice dice;
    const qint64 today = nowMs - nowMs % kDayMs;
    const qint64 cafe = idOf.value(QStringLiteral("cafe_lumiere"));
    int movements = 0;

    for (int day = kDays; day >= 1; --day) {
        const qint64 dayStart = today - day * kDayMs;
        qint64 t = dayStart + 7 * kHourMs + dice.roll(60) * 60'000;
        auto next = [&] { return t += (1 + dice.roll(90)) * 60'000; };

        // Salary-like top-ups: everyone at the start, then every three weeks or so.
        for (const char16_t *who : kFriends) {
            const qint64 id = idOf.value(QString::fromUtf16(who));
            if (day == kDays || dice.roll(21) == 0) {
                auto tx = topUpWallet(db, id, 15'000 + 500 * dice.roll(21), next());
                if (!tx)
                    return tx.error();
                ++movements;
            }
        }
        // A few transfers between friends.
        const int transfers = dice.roll(3);
        for (int i = 0; i < transfers; ++i) {
            const int from = dice.roll(7);
            const int to = (from + 1 + dice.roll(6)) % 7;
            const qint64 amount = 500 + 50 * dice.roll(110);
            auto paid = payUser(db, next(), idOf.value(QString::fromUtf16(kFriends[from])),
                                idOf.value(QString::fromUtf16(kFriends[to])), amount,
                                QString::fromUtf16(kNotes[dice.roll(std::size(kNotes))]), 0, 0);
            if (!paid && !refusedByRules(paid.error()))
                return paid.error();
            movements += paid ? 1 : 0;
        }
        // Coffees.
        for (const char16_t *who : kFriends) {
            if (dice.roll(4) != 0)
                continue;
            auto paid = payUser(db, next(), idOf.value(QString::fromUtf16(who)), cafe, 320 + 10 * dice.roll(60),
                                QString::fromUtf16(kCafeNotes[dice.roll(std::size(kCafeNotes))]), 0, 0);
            if (!paid && !refusedByRules(paid.error()))
                return paid.error();
            movements += paid ? 1 : 0;
        }
    }

    const qint64 amelie = idOf.value(QStringLiteral("amelie"));
    const qint64 bruno = idOf.value(QStringLiteral("bruno"));
    const qint64 chloe = idOf.value(QStringLiteral("chloe"));
    qint64 t = nowMs - 50 * 60'000;

    // Yesterday's dinner, paid in Amélie's chat with Bruno (a payment message there).
    auto direct = db.integer(QStringLiteral("SELECT id FROM conversations WHERE direct_key = ?1"),
                             QStringLiteral("%1:%2").arg(std::min(amelie, bruno)).arg(std::max(amelie, bruno)));
    if (!direct)
        return direct.error();
    if (direct->has_value()) {
        auto paid = payUser(db, t += 60'000, bruno, amelie, 2'350, QStringLiteral("Dinner at Chez Léon 🍷"), 0, **direct);
        if (!paid)
            return paid.error();
    }
    // Chloé asked Amélie for the concert tickets, and Amélie paid.
    auto request = createPaymentRequest(db, chloe, amelie, 4'500, QStringLiteral("Concert tickets 🎶"), t += 60'000);
    if (!request)
        return request.error();
    if (auto paid = payUser(db, t += 60'000, amelie, chloe, 4'500, QStringLiteral("Concert tickets 🎶"), *request, 0); !paid)
        return paid.error();
    if (auto st = settlePaymentRequest(db, *request, amelie, t); !st)
        return st;
    // Café Lumière's open invoices.
    const QList<std::tuple<QString, qint64, QString>> invoices{
        {QStringLiteral("amelie"), 1'840, QStringLiteral("Invoice #1042 — catering for the book club")},
        {QStringLiteral("bruno"), 960, QStringLiteral("Invoice #1043 — coffee beans (1 kg)")},
        {QStringLiteral("farid"), 2'400, QStringLiteral("Invoice #1044 — birthday cake")},
    };
    for (const auto &[who, amount, note] : invoices) {
        auto invoice = createPaymentRequest(db, cafe, idOf.value(who), amount, note, t += 60'000);
        if (!invoice)
            return invoice.error();
    }
    qCInfo(lcServer) << "demo wallet seeded:" << movements << "movements";
    return {};
}

} // namespace plaza::server
