// SPDX-License-Identifier: MIT
#include "demosavings.h"

#include "savings.h"
#include "serverdb.h"
#include "wallet.h"

#include <QDateTime>

namespace plaza::server {

namespace {

struct DemoGoal {
    const char16_t *name;
    qint64 target;
    qint64 saved;
    int deadlineInDays; //!< 0: no deadline
};

struct DemoSaver {
    const char16_t *handle;
    qint64 unassigned;
    QList<DemoGoal> goals;
};

constexpr int kHistoryDays = 92;

} // namespace

Status seedDemoSavings(ServerDb &db, const QHash<QString, qint64> &idOf, qint64 nowMs)
{
    const QList<DemoSaver> savers{
        {u"amelie", 6'000, {{u"Lisbon trip", 120'000, 26'000, 190}, {u"Emergency fund", 200'000, 12'500, 0}}},
        {u"bruno", 15'000, {{u"New bike", 90'000, 31'000, 120}}},
    };
    const QDate today = QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC).date();
    // The money went in three months ago; interest has accrued every day since. A ledger
    // entry's balance_after is the balance when it was inserted, so the demo inserts in time
    // order: this runs before the wallet's history (which starts at 07:00 that day), and each
    // saver first tops up from a card exactly what goes into savings.
    const QDate start = today.addDays(-kHistoryDays);
    const qint64 startMs = QDateTime(start, QTime(6, 0), Qt::UTC).toMSecsSinceEpoch();
    for (const DemoSaver &saver : savers) {
        const qint64 user = idOf.value(QString::fromUtf16(saver.handle));
        if (user <= 0)
            continue;
        if (auto account = savings::ensureAccount(db, user); !account)
            return account.error();
        qint64 total = saver.unassigned;
        for (const DemoGoal &goal : saver.goals)
            total += goal.saved;
        if (auto tx = topUpWallet(db, user, total, startMs - 60'000); !tx)
            return tx.error();
        for (const DemoGoal &goal : saver.goals) {
            const QString deadline = goal.deadlineInDays > 0 ? today.addDays(goal.deadlineInDays).toString(Qt::ISODate)
                                                             : QString();
            auto goalId = db.insert(QStringLiteral("INSERT INTO savings_goals (user_id, name, target, saved, deadline, "
                                                   "created_at) VALUES (?1, ?2, ?3, 0, NULLIF(?4, ''), ?5)"),
                user, QString::fromUtf16(goal.name), goal.target, deadline, startMs);
            if (!goalId)
                return goalId.error();
            if (auto tx = savings::deposit(db, user, goal.saved, *goalId, startMs); !tx)
                return tx.error();
        }
        if (auto tx = savings::deposit(db, user, saver.unassigned, 0, startMs); !tx)
            return tx.error();
    }
    // Accrue (and pay on each 1st) from the day of the deposits up to yesterday.
    if (auto st = db.run(QStringLiteral("UPDATE savings_progress SET accrued_through = ?1 WHERE id = 1"),
                         start.addDays(-1).toString(Qt::ISODate));
        !st)
        return st;
    return savings::catchUp(db, nowMs);
}

} // namespace plaza::server
