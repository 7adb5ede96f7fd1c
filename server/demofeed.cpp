// SPDX-License-Identifier: MIT
// The demo world's feed: about five weeks of posts by the demo people, with replies,
// reposts and likes, one advertisement and one limited-reach post. Everything goes through
// the same functions as the API (createPost, setLiked, setReposted), so counts and the
// followers' event logs agree. Deterministic: the same feed (relative to the seeding day)
// on every machine, created in time order so that ids grow with created_at.

#include "demofeed.h"

#include "common/logging.h"
#include "demomedia.h"
#include "media.h"
#include "posts.h"
#include "serverdb.h"

#include <QList>

#include <algorithm>

namespace plaza::server {

namespace {

constexpr qint64 kDayMs = 86'400'000;
constexpr qint64 kMinuteMs = 60'000;
constexpr int kDays = 35;
constexpr int kRootPosts = 230;

const char16_t *const kAuthors[] = {u"amelie", u"bruno", u"chloe", u"david", u"emma", u"farid", u"giulia", u"cafe_lumiere"};

const char16_t *const kOpeners[] = {u"", u"Morning! ", u"Okay, ", u"Honestly, ", u"Small joy: ", u"PSA: ",
                                    u"Thinking out loud: ", u"Update: ", u"", u"Hot take: "};

const char16_t *const kBodies[] = {
    u"the bakery on Rue Oberkampf finally has sourdough again 🥖",
    u"took the long way home along the canal and it was worth every minute.",
    u"who else is going to the jazz night on Friday? 🎷",
    u"my plants survived the week I was away. Barely.",
    u"three chapters into that novel everyone recommends and I get it now.",
    u"trying to cook without a recipe tonight. Wish me luck.",
    u"the first snow of the year is the best snow. No arguments.",
    u"climbing gym session done, forearms gone 🧗",
    u"found a vinyl of my dad's favourite album at the flea market.",
    u"learning French subjunctive is humbling.",
    u"the new tram line cut my commute in half. Public transport wins again.",
    u"bike tyre flat, again. Third time this month 🚲",
    u"made ravioli from scratch. Took three hours, eaten in ten minutes.",
    u"anyone have a good podcast for long train rides?",
    u"sunset from the hill behind the station tonight 🌅",
    u"my cat has decided the keyboard is her bed now.",
    u"finished the puzzle. 1000 pieces, one missing. Of course.",
    u"the market had the first clementines of the season 🍊",
    u"hiking plans for the weekend are ON. Bring snacks.",
    u"wrote a letter by hand for the first time in years. Felt great.",
    u"tried the new ramen place. Broth was incredible 🍜",
    u"running 10k felt impossible in spring. Did it this morning.",
    u"the library's reading room on a rainy day is peak cosiness.",
    u"photo walk through the old town, found a hidden courtyard.",
    u"second attempt at a sourdough starter. It's alive!",
    u"the museum is free on the first Sunday. Go early.",
    u"karaoke night was a mistake and also the best decision.",
    u"fixed the wobbly table with a folded postcard. Engineering.",
    u"board game night: I lost, gracefully-ish 🎲",
    u"today's playlist is all 90s, and I am not sorry.",
    u"a stranger returned my lost glove. People are nice.",
    u"the lake was so calm this morning it looked like glass.",
    u"splitting bills with Plaza is so much easier than spreadsheets.",
    u"new recipe: roasted squash soup with ginger. 10/10.",
    u"power cut for two hours. Candles, cards, and a good chat.",
    u"rearranged the living room and it feels like a new flat.",
    u"the orchestra rehearsal ran late but that final movement 😮",
    u"garden update: tomatoes are finally turning red 🍅",
    u"saw the northern lights on a livestream. One day in person.",
    u"volunteered at the food bank this morning. Go if you can.",
};

const char16_t *const kCafeBodies[] = {
    u"Pumpkin spice is back at Café Lumière this week ☕🎃",
    u"New: almond croissants, baked every morning at 7.",
    u"Live acoustic music on Thursday evening. Come early for a seat!",
    u"Pay with Plaza at the counter and skip the queue.",
    u"Closed on Monday for a deep clean, back Tuesday with fresh beans.",
};

const char16_t *const kReplies[] = {
    u"So true 😄", u"Count me in!", u"Where exactly?", u"Love this.", u"Haha, same here.",
    u"Save me a seat!", u"Pics or it didn't happen 📸", u"That's brilliant.", u"Oh no, good luck!",
    u"Recommend it 100%.", u"Next time I'm coming with you.", u"You inspired me to try it.",
};

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
    quint64 m_state = 20261123;
};

struct Planned {
    qint64 at = 0;
    int kind = 0;      // 0 post, 1 reply, 2 repost, 3 like
    int who = 0;       // index into kAuthors
    int text = 0;
    int target = 0;    // index of an earlier root post (replies, reposts, likes)
};

} // namespace

Status seedDemoFeed(ServerDb &db, const QHash<QString, qint64> &idOf, const DemoPictures &pictures, qint64 nowMs)
{
    Dice dice;
    const qint64 start = nowMs - kDays * kDayMs;
    constexpr int people = int(std::size(kAuthors));

    // Root posts spread over the weeks at waking hours, then reactions shortly after them.
    QList<Planned> plan;
    for (int i = 0; i < kRootPosts; ++i) {
        const qint64 day = start + qint64(i) * (kDays - 1) * kDayMs / kRootPosts;
        plan.append({day + (8 + dice.roll(14)) * 60 * kMinuteMs + dice.roll(60) * kMinuteMs, 0, dice.roll(people),
                     dice.roll(1000), i});
    }
    std::sort(plan.begin(), plan.end(), [](const Planned &a, const Planned &b) { return a.at < b.at; });
    for (int i = 0; i < plan.size(); ++i)
        plan[i].target = i;
    const QList<Planned> roots = plan;
    for (const Planned &root : roots) {
        const int replies = dice.roll(4) == 0 ? 1 + dice.roll(2) : 0;
        for (int r = 0; r < replies; ++r)
            plan.append({root.at + (5 + dice.roll(180)) * kMinuteMs, 1, dice.roll(people - 1), dice.roll(1000), root.target});
        if (dice.roll(8) == 0)
            plan.append({root.at + (30 + dice.roll(600)) * kMinuteMs, 2, dice.roll(people - 1), 0, root.target});
        const int likes = dice.roll(5);
        for (int l = 0; l < likes; ++l)
            plan.append({root.at + (1 + dice.roll(300)) * kMinuteMs, 3, dice.roll(people - 1), 0, root.target});
    }
    std::stable_sort(plan.begin(), plan.end(), [](const Planned &a, const Planned &b) { return a.at < b.at; });

    QList<qint64> rootIds(roots.size(), 0);
    int made = 0;
    for (const Planned &p : std::as_const(plan)) {
        if (p.at >= nowMs - 2 * 3600 * 1000)
            continue; // the last two hours belong to the hand-made posts below
        const QString handle = QString::fromUtf16(kAuthors[p.who]);
        const qint64 user = idOf.value(handle);
        if (p.kind == 0) {
            const bool cafe = handle == u"cafe_lumiere";
            const QString text = cafe ? QString::fromUtf16(kCafeBodies[p.text % std::size(kCafeBodies)])
                                      : QString::fromUtf16(kOpeners[p.text % std::size(kOpeners)])
                                            + QString::fromUtf16(kBodies[(p.text / 10) % std::size(kBodies)]);
            // Opener and body: capitalise the first letter of what is shown first.
            QString shown = text;
            shown[0] = shown.at(0).toUpper();
            auto created = createPost(db, {user, QStringLiteral("demo-%1").arg(p.target), shown}, p.at);
            if (!created)
                return created.error();
            rootIds[p.target] = created->id;
            ++made;
            continue;
        }
        const qint64 target = rootIds.value(p.target);
        if (!target)
            continue;
        if (p.kind == 1) {
            NewPost reply{user, QStringLiteral("demo-r%1-%2").arg(p.target).arg(p.at), QString::fromUtf16(kReplies[p.text % std::size(kReplies)])};
            reply.replyTo = target;
            auto created = createPost(db, reply, p.at);
            if (!created)
                return created.error();
        } else if (p.kind == 2) {
            auto done = setReposted(db, user, target, true, p.at);
            if (!done)
                return done.error();
        } else {
            auto done = setLiked(db, user, target, true, p.at);
            if (!done)
                return done.error();
        }
        ++made;
    }

    // One advertisement, by the demo advertiser, labelled sponsored with itself as advertiser.
    const qint64 lumen = idOf.value(QStringLiteral("lumen_bikes"));
    NewPost ad{lumen, QStringLiteral("demo-ad-1"),
               QStringLiteral("Winter city bikes are here: studded tyres, lights that last, 15 % off this week. 🚲❄️")};
    ad.sponsored = true;
    ad.advertiserId = lumen;
    auto adPost = createPost(db, ad, nowMs - 90 * kMinuteMs);
    if (!adPost)
        return adPost.error();
    // One limited-reach post: allowed, but de-amplified (clients hide it behind a label).
    NewPost limited{idOf.value(QStringLiteral("farid")), QStringLiteral("demo-limited-1"),
                    QStringLiteral("Unpopular opinion, loudly: every cyclist on the pavement should lose their bike. No exceptions!!")};
    limited.limitedReach = true;
    auto limitedPost = createPost(db, limited, nowMs - 60 * kMinuteMs);
    if (!limitedPost)
        return limitedPost.error();
    auto picture = [&pictures](const QString &scene) {
        QList<protocol::AttachmentRef> refs;
        if (const qint64 id = pictures.mediaId(scene))
            refs.append({ids::format(ids::kMedia, id), pictures.alt(scene)});
        return refs;
    };
    // The café shows its morning latte.
    NewPost latte{idOf.value(QStringLiteral("cafe_lumiere")), QStringLiteral("demo-latte-1"),
                  QStringLiteral("First latte of the day, poured with love ☕ Open until 19:00.")};
    latte.images = picture(QStringLiteral("latte"));
    if (auto made = createPost(db, latte, nowMs - 75 * kMinuteMs); !made)
        return made.error();
    // And something fresh from a friend, with a photo and a reaction.
    NewPost dinner{idOf.value(QStringLiteral("bruno")), QStringLiteral("demo-fresh-1"),
                   QStringLiteral("Dinner was great tonight, thanks Amélie! Next one is on me 🍝")};
    dinner.images = picture(QStringLiteral("dinner"));
    auto fresh = createPost(db, dinner, nowMs - 30 * kMinuteMs);
    if (!fresh)
        return fresh.error();
    if (auto liked = setLiked(db, idOf.value(QStringLiteral("amelie")), fresh->id, true, nowMs - 20 * kMinuteMs); !liked)
        return liked.error();
    qCInfo(lcServer) << "demo feed seeded:" << made + 4 << "posts, replies, reposts and likes";
    return {};
}

} // namespace plaza::server
