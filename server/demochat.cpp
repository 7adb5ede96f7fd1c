// SPDX-License-Identifier: MIT
#include "demochat.h"

#include "common/logging.h"
#include "conversations.h"
#include "demomedia.h"
#include "media.h"
#include "messages.h"
#include "serverdb.h"

#include <algorithm>

namespace plaza::server {

namespace {

constexpr qint64 kMinuteMs = 60'000;
constexpr qint64 kDayMs = 24 * 60 * kMinuteMs;
constexpr int kDays = 35;

// Small exchanges: lines alternate between the two sides of a direct chat (the first line
// is the opener's), or go round the group's members.
constexpr const char16_t *kExchanges[][4] = {
    {u"Coffee tomorrow at Café Lumière?", u"Yes! 9:30?", u"Perfect, see you there ☕", u"👍"},
    {u"Did you see the match last night?", u"Only the second half 😅", u"That last goal though!", u"Unreal."},
    {u"Can you send me the photos from Saturday?", u"Sure, give me a minute", u"Thanks 🙏", u"Sent!"},
    {u"Running late, 10 minutes", u"No worries", u"Sorry!! Traffic on the ring road", u"I'll grab a table"},
    {u"Happy birthday!! 🎉", u"Merci beaucoup ❤️", u"Dinner this week to celebrate?", u"Thursday works"},
    {u"What was the name of that crêpe place?", u"Chez Léon, near the market", u"The one with the blue door?", u"That's it"},
    {u"Are you free this weekend?", u"Sunday afternoon, why?", u"Moving a sofa 😬", u"Ha. I'll bring pizza."},
    {u"Déjà vu: the printer is broken again", u"Of course it is", u"Third time this month", u"Résumé of my week 🙃"},
    {u"Book club is on Wednesday", u"I haven't finished the book…", u"Nobody has", u"See you Wednesday then"},
    {u"Thanks for yesterday, it was lovely", u"Thank you for coming!", u"Next time at mine", u"Deal 😊"},
    {u"Do you have the wifi password?", u"plaza-guest, the usual", u"Got it", u"🙌"},
    {u"Lunch? The new falafel place opened", u"Oh yes. 12:30?", u"See you downstairs", u"On my way"},
};

constexpr const char16_t *kGroupLines[] = {
    u"Who's in for Saturday?", u"Me!", u"Count me in 🥾", u"What time do we leave?",
    u"8:00 at the station?", u"Too early 😴", u"8:30 then", u"I'll bring the thermos",
    u"Weather looks good", u"Don't forget sunscreen", u"Should we book the refuge?", u"Done, 4 beds",
    u"Trail map: the red one, 14 km", u"Is the café at the top open?", u"It reopened in spring", u"Great, crêpes at the top",
};

struct DemoChat {
    const char16_t *a;
    const char16_t *b;
};

constexpr DemoChat kDirect[] = {
    {u"amelie", u"bruno"}, {u"chloe", u"amelie"}, {u"amelie", u"david"}, {u"emma", u"amelie"},
    {u"amelie", u"farid"}, {u"giulia", u"amelie"}, {u"bruno", u"david"},
};

struct PlannedMessage {
    qint64 at = 0;
    qint64 conversationId = 0;
    qint64 senderId = 0;
    QString text;
    QList<protocol::AttachmentRef> attachments = {};
};

class Dice
{
public:
    int roll(int n)
    {
        m_state = m_state * 6364136223846793005ULL + 1442695040888963407ULL;
        return int((m_state >> 33) % quint64(n));
    }

private:
    quint64 m_state = 0x5eed'c4a7ULL;
};

} // namespace

Status seedDemoChat(ServerDb &db, const QHash<QString, qint64> &idOf, const DemoPictures &pictures, qint64 nowMs)
{
    const qint64 start = nowMs - kDays * kDayMs;
    const qint64 last = nowMs - 60 * kMinuteMs; // the newest message, an hour ago
    Dice dice;
    QList<PlannedMessage> plan;
    QHash<qint64, QList<qint64>> membersOf;

    int exchange = 0;
    for (const DemoChat &chat : kDirect) {
        const qint64 a = idOf.value(QString::fromUtf16(chat.a));
        const qint64 b = idOf.value(QString::fromUtf16(chat.b));
        auto created = createConversation(db, a, {b}, QString(), start, RequestRule::Skip);
        if (!created)
            return created.error();
        membersOf.insert(created->id, {a, b});
        // Every two to four days an exchange, at some time of the day.
        for (qint64 day = 1 + dice.roll(3); day < kDays; day += 2 + dice.roll(3)) {
            qint64 t = start + day * kDayMs + (8 + dice.roll(13)) * 60 * kMinuteMs;
            const auto &lines = kExchanges[exchange++ % std::size(kExchanges)];
            for (int i = 0; i < 4; ++i) {
                plan.append({t, created->id, i % 2 == 0 ? a : b, QString::fromUtf16(lines[i])});
                t += (1 + dice.roll(9)) * kMinuteMs;
            }
        }
    }

    const QList<qint64> hikers{idOf.value(QStringLiteral("amelie")), idOf.value(QStringLiteral("chloe")),
                               idOf.value(QStringLiteral("david")), idOf.value(QStringLiteral("emma"))};
    auto group = createConversation(db, hikers.constFirst(), hikers.mid(1), QStringLiteral("Weekend hike 🥾"), start);
    if (!group)
        return group.error();
    membersOf.insert(group->id, hikers);
    for (qint64 week = 0; week < 5; ++week) {
        qint64 t = start + (week * 7 + 3) * kDayMs + 18 * 60 * kMinuteMs;
        for (const char16_t *line : kGroupLines) {
            plan.append({t, group->id, hikers.at(dice.roll(int(hikers.size()))), QString::fromUtf16(line)});
            t += (1 + dice.roll(20)) * kMinuteMs;
        }
    }

    // Nothing generated is newer than two hours ago; after that two hikers and then Chloé
    // wrote to Amélie (left unread below).
    for (PlannedMessage &m : plan)
        m.at = std::min(m.at, last - 60 * kMinuteMs);
    qint64 chloeChat = 0;
    for (auto it = membersOf.cbegin(); it != membersOf.cend(); ++it) {
        if (it.key() != group->id && it.value().contains(hikers.at(0)) && it.value().contains(hikers.at(1)))
            chloeChat = it.key();
    }
    QList<protocol::AttachmentRef> photos;
    for (const QString &scene : {QStringLiteral("ridge"), QStringLiteral("lake"), QStringLiteral("summit")}) {
        if (const qint64 id = pictures.mediaId(scene))
            photos.append({ids::format(ids::kMedia, id), pictures.alt(scene)});
    }
    plan.append({last - 50 * kMinuteMs, group->id, hikers.at(2), QStringLiteral("Photos from the hike are up! 📸"), photos});
    plan.append({last - 45 * kMinuteMs, group->id, hikers.at(3), QStringLiteral("Same time next month?")});
    plan.append({last - 5 * kMinuteMs, chloeChat, hikers.at(1), QStringLiteral("Are you coming tonight?")});
    plan.append({last, chloeChat, hikers.at(1), QStringLiteral("I saved you a seat at the café 😉")});

    // Everything is posted oldest first, so ids follow time.
    std::stable_sort(plan.begin(), plan.end(), [](const PlannedMessage &l, const PlannedMessage &r) { return l.at < r.at; });
    int n = 0;
    for (const PlannedMessage &m : plan) {
        auto posted = postTextMessage(db, m.conversationId, m.senderId, QStringLiteral("demo-%1").arg(++n), m.text, m.at,
                                      m.attachments);
        if (!posted)
            return posted.error();
    }

    // Everyone has read everything, except Amélie in her chat with Chloé and in the group.
    const qint64 amelie = idOf.value(QStringLiteral("amelie"));
    const qint64 chloe = idOf.value(QStringLiteral("chloe"));
    for (auto it = membersOf.cbegin(); it != membersOf.cend(); ++it) {
        const bool unreadForAmelie = it.key() == group->id || it.value().contains(chloe);
        for (qint64 member : it.value()) {
            qint64 upTo = 0;
            if (member == amelie && unreadForAmelie) {
                // Up to just before the second newest message of someone else: two unread.
                auto row = db.integer(QStringLiteral("SELECT max(id) FROM messages WHERE conversation_id = ?1 AND id < "
                                                     "(SELECT id FROM messages WHERE conversation_id = ?1 AND sender_id <> ?2 "
                                                     "ORDER BY id DESC LIMIT 1 OFFSET 1)"),
                                      it.key(), amelie);
                if (!row)
                    return row.error();
                upTo = row->value_or(0);
            } else {
                auto row = db.integer(QStringLiteral("SELECT max(id) FROM messages WHERE conversation_id = ?1"), it.key());
                if (!row)
                    return row.error();
                upTo = row->value_or(0);
            }
            if (upTo) {
                if (auto moved = markRead(db, it.key(), member, upTo); !moved)
                    return moved.error();
            }
        }
    }
    qCInfo(lcServer) << "demo chat seeded:" << plan.size() << "messages in" << membersOf.size() << "conversations";
    return {};
}

} // namespace plaza::server
