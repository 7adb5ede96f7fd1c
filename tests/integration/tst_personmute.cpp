// SPDX-License-Identifier: MIT
// Muting a person in the feed on the client (issue 17, docs/api.md "Safety"). First in a real
// SQLCipher cache through the EventApplier: person_mute.changed fills and empties
// person_mutes (a replay changes nothing), and the home and discover timelines leave the muted
// person's posts (cached before too), their reposts and others' reposts of them out at once,
// while their profile keeps them; unmuting brings them back; a resync empties the table. Then
// one account on two devices (two plaza-cli folders) and the person muted, on the real server:
// a mute made on one device reaches the other's cache, also when that device was offline
// meanwhile; the other device unmutes and the first follows; messages still flow. Last, the
// window's side in the core: FeedService::mute/unmute and MutedPeopleModel (a refusal is
// personMuteFailed, not the feed's generic actionFailed; the list follows a mute at once), and a
// device signed in after the mute lists it (its first pull brings it).
#include "integrationutil.h"

#include "common/modeltester.h"
#include "common/testserver.h"
#include "feed/feedservice.h"
#include "feed/mutedpeoplemodel.h"
#include "feed/postrecord.h"
#include "protocol/events.h"
#include "protocol/feed.h"
#include "protocol/json.h"
#include "protocol/safety.h"
#include "storage/cacheschema.h"
#include "storage/database.h"
#include "sync/eventapplier.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace plaza;
using namespace plaza::test;

namespace {

const QString kMe = QStringLiteral("u_me");
const QString kPassword = QStringLiteral("mute password");
const QString kPassphrase = QStringLiteral("mute passphrase");

protocol::User person(const QString &id, const QString &handle, bool followed = false)
{
    return protocol::User{id, handle, handle.toUpper(), QStringLiteral("person"), false, 0, 0, followed};
}

protocol::Event logEvent(qint64 seq, protocol::EventType type, const QJsonObject &data)
{
    return protocol::Event{seq, protocol::eventName(type), data};
}

protocol::Post postBy(const protocol::User &author, const QString &id, const QString &at)
{
    protocol::Post p;
    p.id = id;
    p.clientId = id + QStringLiteral("-c");
    p.author = author;
    p.text = QStringLiteral("Post %1").arg(id);
    p.createdAt = protocol::parseTime(at);
    return p;
}

struct Device {
    QTemporaryDir data;
    QTemporaryDir config;
    CliRun run(const QStringList &args, const QByteArray &stdinData = {}) const
    {
        return runCli(args, stdinData, cliEnvironment(kPassphrase), data.path(), config.path());
    }
};

bool signInAgain(Session &session, const QUrl &server, const QString &handle)
{
    session.signIn(server.toString(), handle, kPassword);
    if (!waitIdle(session))
        return false;
    if (session.state() == Session::State::NeedsPassphrase) {
        session.submitPassphrase(kPassphrase);
        if (!waitIdle(session))
            return false;
    }
    return session.state() == Session::State::Ready;
}

QString lineWith(const CliRun &run, const QString &text)
{
    for (const QString &line : run.out.split(u'\n')) {
        if (line.contains(text))
            return line;
    }
    return {};
}

} // namespace

class PersonMuteTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mutesInTheCache();
    void twoDevicesConverge();
    void modelFollowsAndNewDeviceLists();
};

void PersonMuteTest::mutesInTheCache()
{
    QTemporaryDir dir;
    auto db = storage::openCache(dir.filePath(QStringLiteral("cache.db")), QByteArray(32, '\x35'));
    QVERIFY(db);
    QCOMPARE((*db)->userVersion().value(), storage::cacheSchemaVersion());
    sync::EventApplier applier(**db, kMe);
    QVERIFY(applier.load());

    const protocol::User bob = person(QStringLiteral("u_b"), QStringLiteral("bob"), true);
    const protocol::User cleo = person(QStringLiteral("u_c"), QStringLiteral("cleo"), true);
    const protocol::Post bobs = postBy(bob, QStringLiteral("p_1"), QStringLiteral("2026-12-01T09:00:00.000Z"));
    const protocol::Post cleos = postBy(cleo, QStringLiteral("p_2"), QStringLiteral("2026-12-01T09:01:00.000Z"));
    protocol::Post cleoRepostsBob = postBy(cleo, QStringLiteral("p_3"), QStringLiteral("2026-12-01T09:02:00.000Z"));
    cleoRepostsBob.repostOf = std::make_shared<protocol::Post>(bobs);
    protocol::Post bobRepostsCleo = postBy(bob, QStringLiteral("p_4"), QStringLiteral("2026-12-01T09:03:00.000Z"));
    bobRepostsCleo.repostOf = std::make_shared<protocol::Post>(cleos);
    QVERIFY(applier.applyBatch({logEvent(1, protocol::EventType::UserUpdated, bob.toJson()),
                                logEvent(2, protocol::EventType::UserUpdated, cleo.toJson()),
                                logEvent(3, protocol::EventType::PostCreated, bobs.toJson()),
                                logEvent(4, protocol::EventType::PostCreated, cleos.toJson()),
                                logEvent(5, protocol::EventType::PostCreated, cleoRepostsBob.toJson()),
                                logEvent(6, protocol::EventType::PostCreated, bobRepostsCleo.toJson())},
                               6));
    const auto ids = [&](feed::PostScope scope, const QString &key = {}) {
        QStringList out;
        if (auto page = feed::readPosts(**db, scope, key, kMe, {}, 50)) {
            for (const feed::PostRecord &r : std::as_const(*page))
                out.append(r.id);
        }
        return out;
    };
    const QStringList everything{QStringLiteral("p_4"), QStringLiteral("p_3"), QStringLiteral("p_2"), QStringLiteral("p_1")};
    QCOMPARE(ids(feed::PostScope::Following), everything);
    QCOMPARE(ids(feed::PostScope::Discover), (QStringList{QStringLiteral("p_2"), QStringLiteral("p_1")}));

    const protocol::PersonMuteChange muted{bob, true, protocol::parseTime(QStringLiteral("2026-12-01T10:00:00.000Z"))};
    auto first = applier.applyBatch({logEvent(7, protocol::EventType::PersonMuteChanged, muted.toJson())}, 7);
    QVERIFY(first);
    QVERIFY(first->changes.ids(storage::Table::PersonMutes).contains(QStringLiteral("u_b")));
    QCOMPARE((*db)->scalar(QStringLiteral("SELECT count(*) FROM person_mutes WHERE user_id = 'u_b' AND muted_at = "
                                          "'2026-12-01T10:00:00.000Z'"))
                 .value(),
             1);
    // His posts, his repost and Cleo's repost of him leave both timelines; his profile keeps them.
    QCOMPARE(ids(feed::PostScope::Following), QStringList{QStringLiteral("p_2")});
    QCOMPARE(ids(feed::PostScope::Discover), QStringList{QStringLiteral("p_2")});
    QCOMPARE(ids(feed::PostScope::Author, QStringLiteral("u_b")), (QStringList{QStringLiteral("p_4"), QStringLiteral("p_1")}));
    // A replay changes nothing; a post he makes while muted stays out.
    QVERIFY(applier.applyBatch({logEvent(7, protocol::EventType::PersonMuteChanged, muted.toJson())}, 7));
    QVERIFY(applier.applyBatch({logEvent(8, protocol::EventType::PersonMuteChanged, muted.toJson())}, 8));
    QCOMPARE((*db)->scalar(QStringLiteral("SELECT count(*) FROM person_mutes")).value(), 1);
    const protocol::Post later = postBy(bob, QStringLiteral("p_5"), QStringLiteral("2026-12-01T11:00:00.000Z"));
    QVERIFY(applier.applyBatch({logEvent(9, protocol::EventType::PostCreated, later.toJson())}, 9));
    QCOMPARE(ids(feed::PostScope::Following), QStringList{QStringLiteral("p_2")});

    // Unmuted: all back at once.
    const protocol::PersonMuteChange unmuted{bob, false, protocol::parseTime(QStringLiteral("2026-12-01T12:00:00.000Z"))};
    auto undone = applier.applyBatch({logEvent(10, protocol::EventType::PersonMuteChanged, unmuted.toJson())}, 10);
    QVERIFY(undone);
    QVERIFY(undone->changes.ids(storage::Table::PersonMutes).contains(QStringLiteral("u_b")));
    QCOMPARE(ids(feed::PostScope::Following), QStringList{QStringLiteral("p_5")} + everything);
    QVERIFY(applier.applyBatch({logEvent(11, protocol::EventType::PersonMuteChanged, unmuted.toJson())}, 11));
    QCOMPARE((*db)->scalar(QStringLiteral("SELECT count(*) FROM person_mutes")).value(), 0);

    // person_mutes is private: a reset (resync) empties it.
    QVERIFY(applier.applyBatch({logEvent(12, protocol::EventType::PersonMuteChanged, muted.toJson())}, 12));
    QVERIFY(storage::privateTables().contains(QStringLiteral("person_mutes")));
    QVERIFY(applier.resetPrivateData());
    QCOMPARE((*db)->scalar(QStringLiteral("SELECT count(*) FROM person_mutes")).value(), 0);
}

void PersonMuteTest::twoDevicesConverge()
{
    TestServer server;
    QVERIFY2(server.start(), qPrintable(server.lastError()));
    Device laptop; // Ana's first device
    Device phone;  // Ana's second device
    Device bens;
    const QString ana = uniqueHandle(QStringLiteral("ana"));
    const QString ben = uniqueHandle(QStringLiteral("ben"));
    CliRun r = laptop.run({QStringLiteral("register"), QStringLiteral("--server"), server.url().toString(), QStringLiteral("--handle"),
                           ana, QStringLiteral("--display-name"), QStringLiteral("Ana"), QStringLiteral("--password-stdin")},
                          kPassword.toUtf8() + '\n');
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    r = bens.run({QStringLiteral("register"), QStringLiteral("--server"), server.url().toString(), QStringLiteral("--handle"), ben,
                  QStringLiteral("--display-name"), QStringLiteral("Ben"), QStringLiteral("--password-stdin")},
                 kPassword.toUtf8() + '\n');
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    r = phone.run({QStringLiteral("login"), QStringLiteral("--server"), server.url().toString(), QStringLiteral("--handle"), ana,
                   QStringLiteral("--password-stdin")},
                  kPassword.toUtf8() + '\n');
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QString toBen = u'@' + ben;
    const QString toAna = u'@' + ana;
    const QString bensText = QStringLiteral("Vélo dimanche, qui vient ?");
    r = bens.run({QStringLiteral("post"), bensText});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QStringList discover{QStringLiteral("feed"), QStringLiteral("--discover")};
    QVERIFY2(laptop.run(discover).out.contains(bensText), "Ben's post in Ana's feed");
    r = phone.run({QStringLiteral("muted-people")});
    QVERIFY2(r.exitCode == 0 && r.out.contains(QStringLiteral("nobody muted")), qPrintable(r.out + r.err));

    // Refusals: oneself, nobody, no argument.
    r = laptop.run({QStringLiteral("mute-person"), toAna});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("validation_failed")) || r.err.contains(QStringLiteral("yourself")), qPrintable(r.err));
    r = laptop.run({QStringLiteral("mute-person"), QStringLiteral("@nobody_at_all")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("not_found")) || r.err.contains(QStringLiteral("No such")), qPrintable(r.err));
    QCOMPARE(laptop.run({QStringLiteral("mute-person")}).exitCode, 2);

    // On the laptop: mute Ben. His post leaves the feed; Ben is not told and may still write.
    r = laptop.run({QStringLiteral("mute-person"), toBen});
    QVERIFY2(r.exitCode == 0 && r.out.startsWith(QStringLiteral("muted @") + ben), qPrintable(r.out + r.err));
    QVERIFY2(!laptop.run(discover).out.contains(bensText), "Ben's post left the laptop's feed");
    QVERIFY2(bens.run(discover).out.contains(bensText), "Ben's own feed is unchanged");
    QCOMPARE(bens.run({QStringLiteral("say"), toAna, QStringLiteral("Bonjour Ana")}).exitCode, 0);

    // The phone, offline: what it had.
    QVERIFY(server.stop());
    r = phone.run({QStringLiteral("muted-people")});
    QVERIFY2(r.exitCode == 0 && r.out.contains(QStringLiteral("nobody muted")) && r.out.contains(QStringLiteral("(offline")),
             qPrintable(r.out + r.err));
    QVERIFY2(phone.run({QStringLiteral("mute-person"), toBen}).exitCode != 0, "muting needs the server");
    // Back online: the mute arrives, and the post leaves the phone's feed too.
    QVERIFY2(server.restart(), qPrintable(server.lastError()));
    r = phone.run({QStringLiteral("muted-people")});
    QVERIFY2(r.exitCode == 0 && lineWith(r, toBen).contains(QStringLiteral("Ben")), qPrintable(r.out + r.err));
    QVERIFY2(!phone.run(discover).out.contains(bensText), "Ben's post left the phone's feed");

    // The phone unmutes (by id); the laptop follows.
    const QString benId = lineWith(r, toBen).section(u' ', 0, 0);
    QVERIFY2(benId.startsWith(QStringLiteral("u_")), qPrintable(r.out));
    r = phone.run({QStringLiteral("unmute-person"), benId});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    r = laptop.run({QStringLiteral("muted-people")});
    QVERIFY2(r.out.contains(QStringLiteral("nobody muted")), qPrintable(r.out));
    QVERIFY2(laptop.run(discover).out.contains(bensText), "Ben's post is back on the laptop");
}

void PersonMuteTest::modelFollowsAndNewDeviceLists()
{
    TestServer server;
    QVERIFY2(server.start(), qPrintable(server.lastError()));
    auto ben = registerUser(server.url(), QStringLiteral("ben"), kPassword);
    QVERIFY(ben);
    SessionFixture laptop;
    const QString ana = uniqueHandle(QStringLiteral("ana"));
    QVERIFY(createAccount(*laptop.session, server.url(), ana, QStringLiteral("Ana"), kPassword, kPassphrase));
    feed::FeedService feed(laptop.session.get());
    QVERIFY(feed.start().ok());
    feed::MutedPeopleModel muted;
    test::checkModel(&muted);
    muted.setFeed(&feed);
    QCOMPARE(muted.count(), 0);
    QSignalSpy done(&feed, &feed::FeedService::personMuted);
    QSignalSpy refused(&feed, &feed::FeedService::personMuteFailed);
    QSignalSpy generic(&feed, &feed::FeedService::actionFailed);

    // Refused (nobody by that id): said to whoever asked, and nothing listed.
    feed.mute(QStringLiteral("u_nobody_here"));
    QTRY_COMPARE_WITH_TIMEOUT(refused.count(), 1, 10000);
    QCOMPARE(refused.at(0).at(0).toString(), QStringLiteral("u_nobody_here"));
    QCOMPARE(refused.at(0).at(1).toBool(), true);
    QCOMPARE(refused.at(0).at(2).toString(), QStringLiteral("not_found"));
    QCOMPARE(generic.count(), 0);
    QCOMPARE(muted.count(), 0);

    // Muted: the list has Ben by the time personMuted says so.
    QSignalSpy ids(&muted, &feed::MutedPeopleModel::userIdsChanged);
    feed.mute(ben->id);
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 10000);
    QCOMPARE(done.at(0).at(0).toString(), ben->id);
    QCOMPARE(muted.userIds(), QStringList{ben->id});
    QVERIFY(ids.count() >= 1);
    QCOMPARE(muted.data(muted.index(0), feed::MutedPeopleModel::HandleRole).toString(), ben->handle);
    QVERIFY(muted.data(muted.index(0), feed::MutedPeopleModel::SinceRole).toDateTime().isValid());

    // A second device that never muted anyone: its first pull brings the mute.
    SessionFixture phone;
    QVERIFY(signInAgain(*phone.session, server.url(), ana));
    feed::FeedService phoneFeed(phone.session.get());
    QVERIFY(phoneFeed.start().ok());
    feed::MutedPeopleModel phoneMuted;
    test::checkModel(&phoneMuted);
    phoneMuted.setFeed(&phoneFeed);
    QTRY_COMPARE_WITH_TIMEOUT(phoneMuted.userIds(), QStringList{ben->id}, 15000);
    QCOMPARE(phoneMuted.data(phoneMuted.index(0), feed::MutedPeopleModel::HandleRole).toString(), ben->handle);

    // Unmuted there: the laptop's list follows (person_mute.changed).
    phoneFeed.unmute(ben->id);
    QTRY_COMPARE_WITH_TIMEOUT(phoneMuted.count(), 0, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(muted.count(), 0, 20000);
    QCOMPARE(generic.count(), 0);
}

QTEST_GUILESS_MAIN(PersonMuteTest)
#include "tst_personmute.moc"
