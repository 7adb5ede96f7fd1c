// SPDX-License-Identifier: MIT
// The sync engine against the real plaza-server: pull from 0, live events, a server
// crash, replayed pages, gaps, 410 resync_required and a client restart.
#include "common/cachekey.h"
#include "integrationutil.h"
#include "common/testserver.h"

#include "net/wssession.h"
#include "storage/cacheschema.h"
#include "storage/database.h"
#include "sync/eventapplier.h"
#include "sync/syncengine.h"

#include <QSignalSpy>
#include <QTest>

using namespace plaza;
using namespace plaza::test;

namespace {

const QString kPassword = QStringLiteral("correct horse 1");
const QString kPassphrase = QStringLiteral("sync test passphrase");

//! Every private table's rows, as text, in a stable order: equal dumps = equal caches.
QString dumpPrivateTables(storage::Database &db)
{
    QString out;
    for (const QString &table : storage::privateTables()) {
        auto stmt = db.prepare(QStringLiteral("SELECT * FROM %1 ORDER BY 1, 2;").arg(table));
        if (!stmt)
            return stmt.error().message;
        out += table + u'\n';
        for (;;) {
            auto row = stmt->step();
            if (!row || !*row)
                break;
            for (int c = 0; c < stmt->columnCount(); ++c)
                out += (stmt->isNull(c) ? QStringLiteral("NULL") : stmt->text(c)) + u'|';
            out += u'\n';
        }
    }
    return out;
}

//! Sums what eventsApplied reports.
struct AppliedCounter {
    explicit AppliedCounter(Session &session)
    {
        QObject::connect(&session, &Session::eventsApplied, &context,
                         [this](int count, qint64, const QStringList &) { total += count; });
    }
    QObject context;
    qint64 total = 0;
};

} // namespace

class SyncTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pullFromZeroAppliesEveryEvent();
    void liveEventLandsInCache();
    void replayedPageChangesNothing();
    void gapTriggersPull();
    void serverCrashEventsArriveExactlyOnce();
    void restoreKeepsCursor();
    void resyncRequiredRebuilds();
    void pipelinedPullAppliesEachEventOnceInOrder();

private:
    qint64 count(const QString &table)
    {
        auto n = countRows(m_fixture->session->cachePath(), testCacheKey(*m_fixture->session), table);
        return n ? *n : -1;
    }

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<SessionFixture> m_fixture;
    std::optional<RemoteUser> m_me;     // the session's account, as seen from another device
    std::optional<RemoteUser> m_friend; // follows and talks to m_me
    std::optional<RemoteUser> m_other;
};

void SyncTest::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    m_me = registerUser(m_server->url(), QStringLiteral("me"), kPassword);
    m_friend = registerUser(m_server->url(), QStringLiteral("friend"), kPassword);
    m_other = registerUser(m_server->url(), QStringLiteral("other"), kPassword);
    QVERIFY(m_me && m_friend && m_other);
}

void SyncTest::pullFromZeroAppliesEveryEvent()
{
    // History made before this device signs in: a follow and two conversations.
    QVERIFY(follow(*m_friend, m_me->id));
    QVERIFY(createConversation(*m_friend, {m_me->id}));
    QVERIFY(createConversation(*m_other, {m_me->id, m_friend->id}, QStringLiteral("trio")));
    QVERIFY(follow(*m_me, m_other->id));
    auto latest = latestSeq(*m_me->api);
    QVERIFY(latest);
    QVERIFY(*latest >= 4);

    m_fixture = std::make_unique<SessionFixture>();
    Session &session = *m_fixture->session;
    AppliedCounter applied(session);
    session.signIn(m_server->url().toString(), m_me->handle, kPassword);
    QVERIFY(waitIdle(session));
    QCOMPARE(session.state(), Session::State::NeedsPassphrase);
    QVERIFY(session.passphraseIsNew());
    session.submitPassphrase(kPassphrase);
    QVERIFY(waitIdle(session));
    QCOMPARE(session.state(), Session::State::Ready);
    QVERIFY(waitCursor(session, *latest));

    QCOMPARE(applied.total, *latest);
    QCOMPARE(session.cursor(), *latest);
    QCOMPARE(count(QStringLiteral("conversations")), 2);
    QCOMPARE(count(QStringLiteral("conversation_members")), 5);
    QCOMPARE(count(QStringLiteral("users")), 3);
    QCOMPARE(count(QStringLiteral("follows")), 1); // me → other
    QVERIFY(session.lastSyncedAt().isValid());
}

void SyncTest::liveEventLandsInCache()
{
    Session &session = *m_fixture->session;
    QTRY_VERIFY_WITH_TIMEOUT(session.online(), 15000);
    QVERIFY(waitCursor(session, session.cursor()));
    const qint64 before = session.cursor();
    QSignalSpy pulls(session.syncEngine(), &SyncEngine::pullingChanged);
    QSignalSpy batches(session.syncEngine(), &SyncEngine::applied);

    QVERIFY(createConversation(*m_other, {m_me->id}));
    QVERIFY(waitCursor(session, before + 1));
    QCOMPARE(pulls.count(), 0); // it came over the WebSocket, not from a pull
    QCOMPARE(batches.count(), 1);
    const auto changes = batches.at(0).at(0).value<sync::ChangeSet>();
    QCOMPARE(changes.types, QStringList{QStringLiteral("conversation.updated")});
    QVERIFY(changes.changes.touches(storage::Table::Conversations));
    QCOMPARE(count(QStringLiteral("conversations")), 3);
}

void SyncTest::replayedPageChangesNothing()
{
    Session &session = *m_fixture->session;
    const qint64 cursor = session.cursor();
    auto page = syncPage(*session.api(), 0);
    QVERIFY(page);
    QCOMPARE(page->events.size(), cursor);

    // Through the engine's path: everything is at or below the cursor.
    storage::OpenOptions readOnly;
    readOnly.rawKey = testCacheKey(session);
    readOnly.readOnly = true;
    auto reader = storage::Database::open(session.cachePath(), readOnly);
    QVERIFY(reader);
    const QString before = dumpPrivateTables(**reader);
    for (int round = 0; round < 2; ++round) {
        auto changes = waitTask(session.syncEngine()->applyPage(*page));
        QVERIFY(changes);
        QCOMPARE(changes->applied, 0);
        QCOMPARE(changes->skipped, page->events.size());
        QCOMPARE(changes->cursor, cursor);
    }
    QCOMPARE(dumpPrivateTables(**reader), before);
    QCOMPARE(session.cursor(), cursor);

    // And the appliers themselves, ignoring the cursor: writing every event again over
    // the state they produced changes no row.
    auto writer = storage::openCache(session.cachePath(), testCacheKey(session));
    QVERIFY(writer);
    sync::EventApplier applier(**writer, session.userId());
    for (int round = 0; round < 2; ++round) {
        QVERIFY((*writer)->transaction([&]() -> Status {
            storage::RowChanges changes;
            for (const protocol::Event &e : std::as_const(page->events)) {
                auto known = applier.applyEvent(e, changes);
                if (!known)
                    return known.error();
            }
            return {};
        }));
        QCOMPARE(dumpPrivateTables(**reader), before);
    }
}

void SyncTest::gapTriggersPull()
{
    Session &session = *m_fixture->session;
    session.live()->stop(); // so the two events can only reach us the way the test says
    QTRY_VERIFY(!session.online());
    const qint64 before = session.cursor();
    AppliedCounter applied(session);

    QVERIFY(unfollow(*m_friend, m_me->id));
    QVERIFY(follow(*m_friend, m_me->id));
    auto page = syncPage(*session.api(), before);
    QVERIFY(page);
    QCOMPARE(page->events.size(), 2);
    QCOMPARE(page->events.at(1).seq, before + 2);

    // The second event arrives "live" without the first: a gap, so the engine pulls.
    QSignalSpy pulls(session.syncEngine(), &SyncEngine::pullingChanged);
    session.syncEngine()->handleLiveEvent(page->events.at(1));
    QVERIFY(waitCursor(session, before + 2));
    QVERIFY(pulls.count() >= 2); // started and finished
    QCOMPARE(applied.total, 2);

    session.live()->start();
    QTRY_VERIFY_WITH_TIMEOUT(session.online(), 15000);
}

void SyncTest::serverCrashEventsArriveExactlyOnce()
{
    Session &session = *m_fixture->session;
    QVERIFY(waitCursor(session, session.cursor()));
    const qint64 before = session.cursor();
    const qint64 conversations = count(QStringLiteral("conversations"));
    AppliedCounter applied(session);

    m_server->kill();
    QTRY_VERIFY_WITH_TIMEOUT(!session.online(), 15000);
    QVERIFY2(m_server->restart(), qPrintable(m_server->lastError()));
    // Events made while this client is still reconnecting.
    QVERIFY(unfollow(*m_friend, m_me->id));
    QVERIFY(createConversation(*m_other, {m_me->id, m_friend->id}, QStringLiteral("after the crash")));
    auto latest = latestSeq(*m_friend->api);
    QVERIFY(latest);
    auto mine = latestSeq(*m_me->api);
    QVERIFY(mine);
    QCOMPARE(*mine, before + 2);

    QTRY_VERIFY_WITH_TIMEOUT(session.online(), 30000);
    QVERIFY(waitCursor(session, *mine, 30000));
    QCOMPARE(applied.total, 2);
    QCOMPARE(count(QStringLiteral("conversations")), conversations + 1);
    QCOMPARE(count(QStringLiteral("follows")), 1);
}

void SyncTest::restoreKeepsCursor()
{
    const qint64 cursor = m_fixture->session->cursor();
    const QString cachePath = m_fixture->session->cachePath();
    m_fixture->reopen();
    Session &session = *m_fixture->session;
    session.restore();
    QVERIFY(waitIdle(session));
    QCOMPARE(session.state(), Session::State::NeedsPassphrase);
    QVERIFY(!session.passphraseIsNew());

    // A wrong passphrase: refused, nothing written, and the user may try again.
    const QByteArray bytes = readAll(cachePath);
    session.submitPassphrase(QStringLiteral("not the passphrase"));
    QVERIFY(waitIdle(session));
    QCOMPARE(session.state(), Session::State::NeedsPassphrase);
    QCOMPARE(session.errorCode(), QStringLiteral("cache_locked"));
    QCOMPARE(readAll(cachePath), bytes);

    session.submitPassphrase(kPassphrase);
    QVERIFY(waitIdle(session));
    QCOMPARE(session.state(), Session::State::Ready);
    QCOMPARE(session.cursor(), cursor);
    QCOMPARE(session.handle(), m_me->handle);
    QVERIFY(waitCursor(session, cursor));
    QCOMPARE(count(QStringLiteral("follows")), 1);
}

void SyncTest::resyncRequiredRebuilds()
{
    // A server that keeps only the 2 newest events of each user.
    TestServer server({QStringLiteral("--keep-events"), QStringLiteral("2")});
    QVERIFY2(server.start(), qPrintable(server.lastError()));
    auto me = registerUser(server.url(), QStringLiteral("resync"), kPassword);
    auto other = registerUser(server.url(), QStringLiteral("pal"), kPassword);
    QVERIFY(me && other);
    QVERIFY(createConversation(*other, {me->id})); // seq 1: will be pruned

    SessionFixture fixture;
    Session &session = *fixture.session;
    session.signIn(server.url().toString(), me->handle, kPassword);
    QVERIFY(waitIdle(session));
    session.submitPassphrase(kPassphrase);
    QVERIFY(waitIdle(session));
    QCOMPARE(session.state(), Session::State::Ready);
    QVERIFY(waitCursor(session, 1));
    auto conversations = countRows(session.cachePath(), testCacheKey(session), QStringLiteral("conversations"));
    QCOMPARE(conversations ? *conversations : -1, 1);

    session.live()->stop();
    QTRY_VERIFY(!session.online());
    QSignalSpy batches(session.syncEngine(), &SyncEngine::applied);
    // seq 2, 3, 4: only 3 and 4 are kept, so since=1 is too old.
    QVERIFY(follow(*other, me->id));
    QVERIFY(unfollow(*other, me->id));
    QVERIFY(follow(*other, me->id));
    const Status pulled = waitTask(session.syncEngine()->pull());
    QVERIFY2(pulled.ok(), pulled.ok() ? "" : qPrintable(pulled.error().message));
    QCOMPARE(session.cursor(), 4);
    QVERIFY(!batches.isEmpty());
    QVERIFY(batches.at(0).at(0).value<sync::ChangeSet>().reset);

    // The pruned conversation is gone; what the kept events say is there; the account stays.
    conversations = countRows(session.cachePath(), testCacheKey(session), QStringLiteral("conversations"));
    QCOMPARE(conversations ? *conversations : -1, 0);
    auto users = countRows(session.cachePath(), testCacheKey(session), QStringLiteral("users"));
    QCOMPARE(users ? *users : -1, 1);
    auto tokens = countRows(session.cachePath(), testCacheKey(session),
                            QStringLiteral("kv WHERE key IN ('access_token', 'refresh_token') AND value <> ''"));
    QCOMPARE(tokens ? *tokens : -1, 2);
    QCOMPARE(session.state(), Session::State::Ready);
}

void SyncTest::pipelinedPullAppliesEachEventOnceInOrder()
{
    // More history for m_me, then a second device's first sync in pages of 3 events: the next
    // page is fetched while the writer applies the one before, so many pages overlap.
    for (int i = 0; i < 20; ++i)
        QVERIFY(createConversation(*m_friend, {m_me->id}, QStringLiteral("pipeline %1").arg(i)));
    QVERIFY(unfollow(*m_friend, m_me->id));
    QVERIFY(follow(*m_friend, m_me->id));
    auto latest = latestSeq(*m_me->api);
    QVERIFY(latest);
    QVERIFY(*latest >= 22);

    SessionFixture second;
    Session &session = *second.session;
    session.syncEngine()->setPageLimit(3);
    QCOMPARE(session.syncEngine()->pageLimit(), 3);
    QSignalSpy batches(session.syncEngine(), &SyncEngine::applied);
    session.signIn(m_server->url().toString(), m_me->handle, kPassword);
    QVERIFY(waitIdle(session));
    session.submitPassphrase(kPassphrase);
    QVERIFY(waitIdle(session));
    QCOMPARE(session.state(), Session::State::Ready);
    QVERIFY(waitCursor(session, *latest));
    const qint64 end = session.cursor();

    // Every page committed once, in the order of the log, each event applied exactly once.
    QVERIFY(batches.size() >= (*latest + 2) / 3);
    qint64 previous = 0;
    qint64 applied = 0;
    for (const QList<QVariant> &batch : std::as_const(batches)) {
        const auto changes = batch.at(0).value<sync::ChangeSet>();
        QVERIFY(!changes.reset);
        QCOMPARE(changes.skipped, 0);
        if (changes.applied == 0 && changes.cursor == previous)
            continue; // another round (the WebSocket said hello meanwhile) found nothing new
        QVERIFY2(changes.cursor > previous, qPrintable(QStringLiteral("cursor %1 after %2").arg(changes.cursor).arg(previous)));
        QVERIFY(changes.cursor - previous <= 3);
        QCOMPARE(qint64(changes.applied), changes.cursor - previous);
        applied += changes.applied;
        previous = changes.cursor;
    }
    QCOMPARE(previous, end);
    QCOMPARE(applied, end);

    // The same cache as the first device's, which took the same log in big pages and live.
    Session &first = *m_fixture->session;
    QVERIFY(waitTask(first.syncEngine()->pull()));
    QCOMPARE(first.cursor(), end);
    storage::OpenOptions readOnly;
    readOnly.readOnly = true;
    readOnly.rawKey = testCacheKey(first);
    auto firstReader = storage::Database::open(first.cachePath(), readOnly);
    QVERIFY(firstReader);
    readOnly.rawKey = testCacheKey(session);
    auto secondReader = storage::Database::open(session.cachePath(), readOnly);
    QVERIFY(secondReader);
    QCOMPARE(dumpPrivateTables(**secondReader), dumpPrivateTables(**firstReader));
}

QTEST_GUILESS_MAIN(SyncTest)
#include "tst_sync.moc"
