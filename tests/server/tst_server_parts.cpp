// SPDX-License-Identifier: MIT
// plaza-server's building blocks driven in-process: route matching, public ids, the
// login throttle's window, and the event log's rules (inside a transaction only,
// seq = max + 1, published after COMMIT, dropped on rollback, retention), and the
// ledger's own guards (funds checked in post(), immutable history, no negative balance).

#include "conversations.h"
#include "credentials.h"
#include "eventlog.h"
#include "ledger.h"
#include "loginthrottle.h"
#include "messages.h"
#include "posts.h"
#include "router.h"
#include "serverdb.h"
#include "common/teststorage.h"
#include "wallet.h"

#include <QTemporaryDir>
#include <QTest>

using namespace plaza;
using namespace plaza::server;

class TestServerParts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void routerMatches();
    void ids();
    void throttleWindow();
    void appendEventNeedsTransaction();
    void eventsPublishedAfterCommitOnly();
    void retention();
    void ledgerGuards();
    void timesFollowIdsWhenTheClockStands();
    void approximatePlaceKeepsTwoBytes();
};

void TestServerParts::routerMatches()
{
    Router router;
    QString hit;
    const auto handler = [&hit](const QString &name) {
        return [&hit, name](RequestContext &) {
            hit = name;
            return Response::noContent();
        };
    };
    router.add(Router::Method::Get, QStringLiteral("/v1/things/{id}"), Router::NoFlags, handler(QStringLiteral("one")));
    router.add(Router::Method::Get, QStringLiteral("/v1/things/special"), Router::NoFlags, handler(QStringLiteral("special")));
    router.add(Router::Method::Delete, QStringLiteral("/v1/things/{id}"), Router::NoFlags, handler(QStringLiteral("delete")));
    router.add(Router::Method::Post, QStringLiteral("/v1/things/{id}/parts/{part}"), Router::JsonBody,
               handler(QStringLiteral("part")));

    Router::Match m = router.match(Router::Method::Get, QStringLiteral("/v1/things/t_7"));
    QVERIFY(m.route);
    QCOMPARE(m.params.value(QStringLiteral("id")), QStringLiteral("t_7"));
    RequestContext ctx;
    m.route->handler(ctx);
    QCOMPARE(hit, QStringLiteral("one"));

    // The literal route wins although it was added after the placeholder one.
    m = router.match(Router::Method::Get, QStringLiteral("/v1/things/special"));
    QVERIFY(m.route);
    m.route->handler(ctx);
    QCOMPARE(hit, QStringLiteral("special"));

    m = router.match(Router::Method::Post, QStringLiteral("/v1/things/a/parts/b"));
    QVERIFY(m.route);
    QVERIFY(m.route->flags & Router::JsonBody);
    QCOMPARE(m.params.value(QStringLiteral("part")), QStringLiteral("b"));

    m = router.match(Router::Method::Put, QStringLiteral("/v1/things/t_7"));
    QVERIFY(!m.route);
    QCOMPARE(m.allowed, (QList<Router::Method>{Router::Method::Get, Router::Method::Delete}));

    // An encoded slash stays inside its segment: the thing "a/parts/b", not part b of a.
    m = router.match(Router::Method::Get, QStringLiteral("/v1/things/a%2Fparts%2Fb"));
    QVERIFY(m.route);
    QCOMPARE(m.params.value(QStringLiteral("id")), QStringLiteral("a/parts/b"));
    QVERIFY(!router.match(Router::Method::Post, QStringLiteral("/v1/things/a%2Fparts%2Fb")).route);
    m = router.match(Router::Method::Get, QStringLiteral("/v1/things/%73pecial")); // literals compare decoded
    QVERIFY(m.route);
    m.route->handler(ctx);
    QCOMPARE(hit, QStringLiteral("special"));

    for (const QString &path : {QStringLiteral("/v1/things"), QStringLiteral("/v1/things/t_7/"), QStringLiteral("/v1//things/x"),
                                QStringLiteral("/v1/things/a/parts"), QStringLiteral("/v1/other/x")}) {
        m = router.match(Router::Method::Get, path);
        QVERIFY2(!m.route && m.allowed.isEmpty(), qPrintable(path));
    }
}

void TestServerParts::ids()
{
    QCOMPARE(ids::format(ids::kUser, 42), QStringLiteral("u_42"));
    QCOMPARE(ids::parse(ids::kUser, u"u_42"), std::optional<qint64>(42));
    QCOMPARE(ids::parse(ids::kConversation, u"c_1"), std::optional<qint64>(1));
    for (const char16_t *bad : {u"u_", u"u_0", u"u_01", u"u_-1", u"u_1x", u"c_1", u"42", u"u_1234567890123456789", u""})
        QVERIFY2(!ids::parse(ids::kUser, QStringView(bad)).has_value(), qPrintable(QString::fromUtf16(bad)));
}

void TestServerParts::throttleWindow()
{
    using Key = LoginThrottle::Key;
    using Scope = LoginThrottle::Scope;
    // The delays: free failures, then 1 s, 2 s, 4 s … capped at a minute.
    QCOMPARE(LoginThrottle::delayMsAfter(Scope::Handle, LoginThrottle::kFreeFailuresPerHandle), 0);
    QCOMPARE(LoginThrottle::delayMsAfter(Scope::Handle, LoginThrottle::kFreeFailuresPerHandle + 1), 1000);
    QCOMPARE(LoginThrottle::delayMsAfter(Scope::Handle, LoginThrottle::kFreeFailuresPerHandle + 3), 4000);
    QCOMPARE(LoginThrottle::delayMsAfter(Scope::Handle, LoginThrottle::kFreeFailuresPerHandle + 7), 60'000);
    QCOMPARE(LoginThrottle::delayMsAfter(Scope::Ip, 1000), LoginThrottle::kMaxDelayMs);
    QCOMPARE(LoginThrottle::delayMsAfter(Scope::Ip, LoginThrottle::kFreeFailuresPerIp), 0);

    LoginThrottle throttle;
    const qint64 t0 = 1'000'000;
    const QList<Key> h{{Scope::Ip, QStringLiteral("10.0.0.1")}, {Scope::Handle, QStringLiteral("h")}};
    const auto fail = [&throttle](const QList<Key> &keys, qint64 at) {
        const qint64 wait = throttle.attempt(keys, at).retryAfterSeconds;
        if (wait == 0)
            throttle.failed(keys, at);
        return wait;
    };
    for (int i = 0; i <= LoginThrottle::kFreeFailuresPerHandle; ++i)
        QCOMPARE(fail(h, t0), 0);
    // One over the free failures: a second to wait, and the handle says so.
    LoginThrottle::Verdict v = throttle.attempt(h, t0 + 400);
    QCOMPARE(v.retryAfterSeconds, 1);
    QCOMPARE(v.scope, Scope::Handle);
    // Refused attempts do not count: at t0 + 1 s it may try, then waits 2 s.
    QCOMPARE(fail(h, t0 + 1000), 0);
    QCOMPARE(fail(h, t0 + 1000), 2);
    // Another handle from the same address is not held (the address has room left).
    QCOMPARE(fail({{Scope::Ip, QStringLiteral("10.0.0.1")}, {Scope::Handle, QStringLiteral("other")}}, t0 + 1000), 0);
    // A success clears the handle; the address keeps its failures.
    QCOMPARE(throttle.attempt(h, t0 + 3000).retryAfterSeconds, 0);
    throttle.succeeded(h);
    QCOMPARE(fail(h, t0 + 3000), 0);
    // Fifteen quiet minutes forget everything.
    for (int i = 0; i < 10; ++i)
        QCOMPARE(fail(h, t0 + 4000 + i * LoginThrottle::kMaxDelayMs), 0);
    const qint64 last = t0 + 4000 + 9 * LoginThrottle::kMaxDelayMs;
    QCOMPARE(throttle.attempt(h, last + 1).retryAfterSeconds, LoginThrottle::kMaxDelayMs / 1000);
    QCOMPARE(throttle.attempt(h, last + LoginThrottle::kForgetAfterMs).retryAfterSeconds, 0);
    throttle.withdraw(h);

    // Attempts in flight: as many as the free failures left, then one at a time.
    LoginThrottle fresh;
    const QList<Key> d{{Scope::Device, QStringLiteral("7")}};
    for (int i = 0; i < LoginThrottle::kFreeFailuresPerDevice; ++i)
        QCOMPARE(fresh.attempt(d, t0).retryAfterSeconds, 0);
    v = fresh.attempt(d, t0);
    QCOMPARE(v.retryAfterSeconds, 1);
    QCOMPARE(v.scope, Scope::Device);
    fresh.failed(d, t0);
    QCOMPARE(fresh.attempt(d, t0).retryAfterSeconds, 1); // one free failure left, two in flight
    fresh.succeeded(d);
    fresh.withdraw(d);
    QCOMPARE(fresh.attempt(d, t0).retryAfterSeconds, 0); // the success cleared the failure
    fresh.withdraw(d);
    // An attempt that never ran leaves nothing behind.
    for (int i = 0; i < 10; ++i) {
        QCOMPARE(fresh.attempt(d, t0).retryAfterSeconds, 0);
        fresh.withdraw(d);
    }
}

using plaza::test::TestStorage;

namespace {
std::unique_ptr<ServerDb> openWithUsers(const TestStorage &storage, int users)
{
    auto spec = StorageSpec::parse(storage.spec());
    if (!spec)
        return nullptr;
    auto db = ServerDb::open(*spec);
    if (!db)
        return nullptr;
    for (int i = 1; i <= users; ++i) {
        const Status st = (*db)->run(QStringLiteral("INSERT INTO users (handle, display_name, password_hash, created_at) "
                                                    "VALUES (?1, ?1, 'x', 0)"),
                                     QStringLiteral("user%1").arg(i));
        if (!st)
            return nullptr;
    }
    return std::move(*db);
}
} // namespace

void TestServerParts::appendEventNeedsTransaction()
{
    TestStorage dir;
    PLAZA_VERIFY_STORAGE(dir);
    auto db = openWithUsers(dir, 1);
    QVERIFY(db);
    auto outside = appendEvent(*db, 1, QStringLiteral("user.updated"), {});
    QVERIFY(!outside.ok());
    QCOMPARE(db->integer(QStringLiteral("SELECT count(*) FROM events")).value().value_or(-1), 0);
}

void TestServerParts::eventsPublishedAfterCommitOnly()
{
    TestStorage dir;
    PLAZA_VERIFY_STORAGE(dir);
    auto db = openWithUsers(dir, 2);
    QVERIFY(db);
    QList<UserEvent> heard;
    bool committedWhenHeard = false;
    db->setEventListener([&](const QList<UserEvent> &events) {
        heard += events;
        // Another connection sees the rows: the listener runs after COMMIT.
        auto reader = ServerDb::open(StorageSpec::parse(dir.spec()).value());
        committedWhenHeard = reader && (*reader)->integer(QStringLiteral("SELECT count(*) FROM events")).value() == heard.size();
    });

    QVERIFY(db->write([&]() -> Status {
        for (qint64 user : {1, 2, 1}) {
            auto seq = appendEvent(*db, user, QStringLiteral("user.updated"), {{QStringLiteral("n"), int(user)}});
            if (!seq)
                return seq.error();
        }
        if (!heard.isEmpty())
            return makeError(ErrorCode::Internal, QStringLiteral("published before commit"));
        return {};
    }).ok());
    QCOMPARE(heard.size(), 3);
    QVERIFY(committedWhenHeard);
    QCOMPARE(heard.at(0).userId, 1);
    QCOMPARE(heard.at(0).event.seq, 1);
    QCOMPARE(heard.at(1).userId, 2);
    QCOMPARE(heard.at(1).event.seq, 1);
    QCOMPARE(heard.at(2).event.seq, 2);

    // A failing transaction leaves no row and no publication, and the next seq is unaffected.
    heard.clear();
    const Status failed = db->write([&]() -> Status {
        if (auto seq = appendEvent(*db, 1, QStringLiteral("user.updated"), {}); !seq)
            return seq.error();
        return makeError(ErrorCode::Conflict, QStringLiteral("changed my mind"));
    });
    QVERIFY(!failed.ok());
    QVERIFY(heard.isEmpty());
    QVERIFY(db->write([&]() -> Status {
        auto seq = appendEvent(*db, 1, QStringLiteral("user.updated"), {});
        if (!seq)
            return seq.error();
        return *seq == 3 ? Status() : Status(makeError(ErrorCode::Internal, QStringLiteral("gap")));
    }).ok());
    QCOMPARE(heard.size(), 1);
    auto range = eventRange(*db, 1);
    QVERIFY(range.ok());
    QCOMPARE(range->oldest, 1);
    QCOMPARE(range->latest, 3);
}

void TestServerParts::retention()
{
    TestStorage dir;
    PLAZA_VERIFY_STORAGE(dir);
    auto db = openWithUsers(dir, 1);
    QVERIFY(db);
    setEventRetention(2);
    for (int i = 0; i < 5; ++i) {
        QVERIFY(db->write([&]() -> Status {
            auto seq = appendEvent(*db, 1, QStringLiteral("user.updated"), {});
            return seq ? Status() : Status(seq.error());
        }).ok());
    }
    setEventRetention(0);
    auto range = eventRange(*db, 1);
    QVERIFY(range.ok());
    QCOMPARE(range->oldest, 4);
    QCOMPARE(range->latest, 5);
    auto events = readEvents(*db, 1, 0, 100);
    QVERIFY(events.ok());
    QCOMPARE(events->size(), 2);
    QCOMPARE(events->at(0).seq, 4);
}

void TestServerParts::ledgerGuards()
{
    TestStorage dir;
    PLAZA_VERIFY_STORAGE(dir);
    auto db = openWithUsers(dir, 2);
    QVERIFY(db);
    qint64 tx = 0;
    QVERIFY(db->write([&]() -> Status {
                  auto id = topUpWallet(*db, 1, 1000, 0);
                  if (!id)
                      return id.error();
                  tx = *id;
                  return {};
              })
                .ok());
    const qint64 wallet1 = db->integer(QStringLiteral("SELECT id FROM accounts WHERE user_id = 1")).value().value_or(0);
    QVERIFY(wallet1 > 0);

    // post() refuses to overdraw, and the refusal writes nothing.
    const Status overdraw = db->write([&]() -> Status {
        auto to = ensureWalletAccount(*db, 2);
        if (!to)
            return to.error();
        Movement m{QStringLiteral("transfer"), wallet1, *to, 1001, QStringLiteral("EUR"), {}, 0, 0, 0, 0};
        auto id = post(*db, m);
        return id ? Status() : Status(id.error());
    });
    QVERIFY(!overdraw.ok());
    QCOMPARE(overdraw.error().code, ErrorCode::InsufficientFunds);
    QCOMPARE(db->integer(QStringLiteral("SELECT count(*) FROM entries")).value().value_or(-1), 2);

    // History cannot be rewritten, even by hand, and a user's balance cannot go negative.
    for (const QString &sql : {QStringLiteral("UPDATE ledger_transactions SET amount = 1"),
                               QStringLiteral("DELETE FROM ledger_transactions"), QStringLiteral("UPDATE entries SET amount = 5"),
                               QStringLiteral("DELETE FROM entries"),
                               QStringLiteral("UPDATE accounts SET balance = -1 WHERE user_id = 1")}) {
        QVERIFY2(!db->run(sql).ok(), qPrintable(sql));
    }
    QCOMPARE(db->integer(QStringLiteral("SELECT sum(balance) FROM accounts")).value().value_or(-1), 0);
    QCOMPARE(db->integer(QStringLiteral("SELECT balance FROM accounts WHERE id = ?1"), wallet1).value().value_or(-1), 1000);
    QVERIFY(tx > 0);
}

void TestServerParts::timesFollowIdsWhenTheClockStands()
{
    // Clients order a conversation and a timeline by (created_at, id) and cannot read an order
    // from opaque ids ("m_9" sorts after "m_10" as text). So rows made in the same millisecond,
    // or with the clock behind the newest row, get the next free millisecond: time order is
    // id order.
    TestStorage dir;
    PLAZA_VERIFY_STORAGE(dir);
    auto db = openWithUsers(dir, 2);
    QVERIFY(db);
    const qint64 t0 = 1'790'000'000'000;
    QList<qint64> messageTimes;
    QList<qint64> postTimes;
    QVERIFY(db->write([&]() -> Status {
        auto c = createConversation(*db, 1, {2}, {}, t0);
        if (!c)
            return c.error();
        for (int i = 0; i < 12; ++i) {
            const qint64 at = i == 11 ? t0 - 5000 : t0; // the last one with the clock set back
            auto m = postTextMessage(*db, c->id, 1 + i % 2, QStringLiteral("m%1").arg(i), QStringLiteral("hi"), at);
            if (!m)
                return m.error();
            auto p = createPost(*db, {1 + i % 2, QStringLiteral("p%1").arg(i), QStringLiteral("post")}, at);
            if (!p)
                return p.error();
        }
        // A new conversation starts from its own clock.
        auto other = createConversation(*db, 1, {2}, QStringLiteral("group"), t0);
        if (!other)
            return other.error();
        auto first = postTextMessage(*db, other->id, 1, QStringLiteral("g1"), QStringLiteral("first"), t0);
        if (!first)
            return first.error();
        return {};
    }).ok());
    for (const char *table : {"messages", "posts"}) {
        auto stmt = db->query(QStringLiteral("SELECT created_at FROM %1 WHERE client_id <> 'g1' ORDER BY id")
                                  .arg(QLatin1String(table)));
        QVERIFY(stmt);
        QList<qint64> &times = qstrcmp(table, "messages") == 0 ? messageTimes : postTimes;
        for (auto row = stmt->step(); row && *row; row = stmt->step())
            times.append(stmt->int64(0));
    }
    QCOMPARE(messageTimes.size(), 12);
    QCOMPARE(postTimes.size(), 12);
    for (int i = 0; i < 12; ++i) {
        QCOMPARE(messageTimes.at(i), t0 + i);
        QCOMPARE(postTimes.at(i), t0 + i);
    }
    QCOMPARE(db->integer(QStringLiteral("SELECT created_at FROM messages WHERE client_id = 'g1'")).value().value_or(-1), t0);
}

void TestServerParts::approximatePlaceKeepsTwoBytes()
{
    using plaza::server::credentials::approximatePlace;
    QCOMPARE(approximatePlace(QHostAddress(QStringLiteral("192.168.7.9"))), QStringLiteral("192.168.x.x"));
    QCOMPARE(approximatePlace(QHostAddress(QStringLiteral("10.0.0.1"))), QStringLiteral("10.0.x.x"));
    // IPv4 mapped into IPv6 (a dual-stack listener) is still IPv4.
    QCOMPARE(approximatePlace(QHostAddress(QStringLiteral("::ffff:203.0.113.77"))), QStringLiteral("203.0.x.x"));
    QCOMPARE(approximatePlace(QHostAddress(QStringLiteral("2001:db8:1234::1"))), QStringLiteral("2001:db8:x:x:x:x:x:x"));
    QCOMPARE(approximatePlace(QHostAddress(QStringLiteral("::1"))), QStringLiteral("0:0:x:x:x:x:x:x"));
    QCOMPARE(approximatePlace(QHostAddress()), QString());
}

QTEST_GUILESS_MAIN(TestServerParts)

#include "tst_server_parts.moc"
