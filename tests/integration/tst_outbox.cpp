// SPDX-License-Identifier: MIT
// The one outbox mechanism (core/outbox/outbox.h) on its own: a kind plugged in over the
// real message_outbox table of a real SQLCipher cache (written by a real CacheWriter on its
// thread, read through storage::Cache), sending to the real plaza-server through a proxy
// that can lose answers or fail with a 5xx. No Session, no ChatService.
#include "chat/messageoutbox.h"
#include "common/retrypolicy.h"
#include "common/waittask.h"
#include "dropproxy.h"
#include "integrationutil.h"
#include "outbox/outbox.h"
#include "protocol/endpoints.h"
#include "storage/cache.h"
#include "storage/database.h"
#include "sync/cachewriter.h"
#include "common/testserver.h"

#include <QCoroFuture>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>

using namespace plaza;
using namespace plaza::test;
using namespace std::chrono_literals;
using chat::MessageOutbox;
using chat::OutgoingMessage;

namespace {

const QString kPassword = QStringLiteral("correct horse battery staple");
using Queue = outbox::Outbox<OutgoingMessage, QString>;

} // namespace

class TestOutbox : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<DropProxy> m_proxy;
    std::optional<RemoteUser> m_sender;
    std::optional<RemoteUser> m_reader;
    QString m_conversation;

    QTemporaryDir m_dir;
    QByteArray m_key;
    std::unique_ptr<sync::CacheWriter> m_writer;
    std::unique_ptr<storage::Cache> m_cache;
    std::unique_ptr<storage::Database> m_db; //!< a read connection, as a service keeps one
    std::unique_ptr<Queue> m_queue;
    int m_sends = 0; //!< tries that reached send()

    std::unique_ptr<Queue> makeQueue(RetryPolicy policy)
    {
        Queue::Kind kind;
        kind.order = outbox::Order::Strict;
        kind.key = [](const OutgoingMessage &m) { return m.clientId; };
        kind.describe = [](const OutgoingMessage &m, storage::RowChanges &c) { c.add(storage::Table::MessageOutbox, m.conversationId); };
        kind.due = [this]() { return MessageOutbox(*m_db).pending(); };
        kind.send = [this](OutgoingMessage m) { return post(std::move(m)); };
        kind.markAttempt = [](storage::Database &db, const OutgoingMessage &m) { return MessageOutbox(db).markAttempt(m.clientId); };
        kind.markSent = [](storage::Database &db, const OutgoingMessage &m, const QString &id, storage::RowChanges &) {
            return MessageOutbox(db).markSent(m.clientId, id);
        };
        kind.markFailed = [](storage::Database &db, const OutgoingMessage &m, const Error &e, storage::RowChanges &) {
            return MessageOutbox(db).markFailed(m.clientId, e);
        };
        kind.markUnanswered = [](storage::Database &db, const OutgoingMessage &m, const Error &e, storage::RowChanges &) {
            return MessageOutbox(db).noteUnanswered(m.clientId, e);
        };
        auto queue = std::make_unique<Queue>(std::move(kind), policy, [this] { return m_writer.get(); }, m_cache.get());
        queue->open();
        return queue;
    }

    QCoro::Task<Result<QString>> post(OutgoingMessage m)
    {
        ++m_sends;
        const QString path = protocol::endpoints::conversationMessages(m.conversationId);
        const QJsonObject body{{QStringLiteral("client_id"), m.clientId}, {QStringLiteral("text"), m.text}};
        auto reply = co_await m_sender->api->post(path, body);
        if (!reply)
            co_return reply.error();
        co_return reply->body.value(QStringLiteral("id")).toString();
    }

    //! Queues \a text for \a conversation through the mechanism (committed before it resolves).
    Result<OutgoingMessage> add(const QString &text, const QString &conversation = {})
    {
        OutgoingMessage m;
        m.clientId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        m.conversationId = conversation.isEmpty() ? m_conversation : conversation;
        m.text = text;
        Queue::ItemStore store = [](storage::Database &db, const OutgoingMessage &o, storage::RowChanges &) {
            return MessageOutbox(db).add(o.conversationId, o.text, o.clientId);
        };
        return waitTask(m_queue->add(m, std::move(store)));
    }

    OutgoingMessage row(const QString &clientId)
    {
        auto found = MessageOutbox(*m_db).find(clientId);
        if (!found)
            qFatal("no outbox row %s", qPrintable(clientId));
        return *found;
    }

    //! The texts the server holds in the conversation, oldest first, as the other member reads them.
    QStringList serverTexts()
    {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("limit"), QStringLiteral("100"));
        auto reply = waitTask(m_reader->api->get(protocol::endpoints::conversationMessages(m_conversation), query));
        if (!reply)
            return {QStringLiteral("<error %1>").arg(reply.error().codeName())};
        QStringList texts;
        for (const QJsonValue &v : reply->body.value(QStringLiteral("items")).toArray())
            texts.prepend(v.toObject().value(QStringLiteral("text")).toString()); // newest first on the wire
        return texts;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
        m_proxy = std::make_unique<DropProxy>(m_server->port());
        QVERIFY(m_proxy->listening());
        m_proxy->setWatched("POST /v1/conversations/");
    }

    void init()
    {
        // A fresh sender and conversation per test: the server's list is this test's alone.
        m_sender = registerUser(m_proxy->url(), QStringLiteral("out"), kPassword);
        QVERIFY(m_sender);
        m_reader = registerUser(m_server->url(), QStringLiteral("in"), kPassword);
        QVERIFY(m_reader);
        auto conversation = createConversation(*m_reader, {m_sender->id});
        QVERIFY(conversation);
        m_conversation = *conversation;
        m_proxy->setDropping(false);
        m_proxy->setFailing(0);

        QVERIFY(m_dir.isValid());
        const QString path = m_dir.filePath(QStringLiteral("cache-%1.db").arg(QRandomGenerator::global()->generate()));
        m_key.resize(32);
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(m_key.data()), 8);
        m_writer = std::make_unique<sync::CacheWriter>();
        QFuture<Result<sync::OpenedCache>> opening = m_writer->open(path, m_key, m_sender->id);
        opening.waitForFinished(); // the writer's own thread does the work
        const Result<sync::OpenedCache> opened = opening.result();
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
        m_cache = std::make_unique<storage::Cache>();
        m_cache->attach(path, m_key, m_sender->id);
        m_cache->setOpen(true);
        auto reader = m_cache->openConnection(true);
        QVERIFY(reader);
        m_db = std::move(reader).value();
        m_sends = 0;
        m_queue = makeQueue(RetryPolicy(100ms, 400ms));
    }

    void cleanup()
    {
        m_queue.reset();
        m_db.reset();
        m_cache.reset();
        if (m_writer) {
            QFuture<Status> closing = m_writer->close();
            closing.waitForFinished();
        }
        m_writer.reset();
        m_sender.reset();
        m_reader.reset();
    }

    void keyIsStoredBeforeTheFirstTryAndPublished()
    {
        QSignalSpy stream(m_cache.get(), &storage::Cache::changed);
        auto queued = add(QStringLiteral("hello"));
        QVERIFY(queued);
        QCOMPARE(m_sends, 0); // add() stores, it does not send
        const OutgoingMessage stored = row(queued->clientId);
        QCOMPARE(stored.state, OutgoingMessage::State::Sending);
        QCOMPARE(stored.attempts, 0);
        // Handed to the writer, then committed: both on the one change stream, by conversation.
        QCOMPARE(stream.size(), 2);
        for (const auto &args : std::as_const(stream))
            QVERIFY(args.at(0).value<storage::ChangeSet>().changes.ids(storage::Table::MessageOutbox).contains(m_conversation));
        QVERIFY(m_queue->onTheirWay().isEmpty());

        stream.clear();
        auto round = waitTask(m_queue->flush());
        QVERIFY(round);
        QCOMPARE(round->left, 0);
        QVERIFY(round->sent.contains(queued->clientId));
        QCOMPARE(row(queued->clientId).state, OutgoingMessage::State::Sent);
        QCOMPARE(row(queued->clientId).attempts, 1);
        QCOMPARE(stream.size(), 1); // counting the try is not a change worth showing; its answer is
        QCOMPARE(serverTexts(), QStringList{QStringLiteral("hello")});
    }

    void lostAnswerIsRetriedWithTheSameKeyExactlyOnce()
    {
        auto queued = add(QStringLiteral("once"));
        QVERIFY(queued);
        m_proxy->setDropping(true); // the server commits, the answer is lost
        auto round = waitTask(m_queue->flush());
        QVERIFY(round);
        QCOMPARE(round->left, 1);
        QVERIFY(m_proxy->dropped() >= 1);
        OutgoingMessage now = row(queued->clientId);
        QCOMPARE(now.state, OutgoingMessage::State::Sending);
        QVERIFY(!now.errorCode.isEmpty()); // why the last try got no answer
        QVERIFY(m_queue->retryTimer().isActive()); // the back-off's first round is scheduled
        QCOMPARE(m_queue->retryTimer().rounds(), 1);

        m_proxy->setDropping(false);
        // The timer's round sends it again with its client_id: the server keeps one message.
        QTRY_COMPARE_WITH_TIMEOUT(row(queued->clientId).state, OutgoingMessage::State::Sent, 10000);
        QCOMPARE(row(queued->clientId).attempts, 2);
        // (the row is committed a moment before the outbox hears back from the writer)
        QTRY_COMPARE_WITH_TIMEOUT(m_queue->retryTimer().rounds(), 0, 5000); // an answer: the back-off starts again
        QCOMPARE(serverTexts(), QStringList{QStringLiteral("once")});
    }

    void serverFailureIsRetriedNotFinal()
    {
        auto queued = add(QStringLiteral("after 503"));
        QVERIFY(queued);
        m_proxy->setFailing(503);
        const int failedBefore = m_proxy->failed();
        auto round = waitTask(m_queue->flush());
        QVERIFY(round);
        QCOMPARE(m_proxy->failed(), failedBefore + 1);
        QVERIFY(round->refused.isEmpty());
        QCOMPARE(round->left, 1);
        QCOMPARE(row(queued->clientId).state, OutgoingMessage::State::Sending);
        QCOMPARE(serverTexts(), QStringList()); // it never reached the server
        m_proxy->setFailing(0);
        QTRY_COMPARE_WITH_TIMEOUT(row(queued->clientId).state, OutgoingMessage::State::Sent, 10000);
        QCOMPARE(serverTexts(), QStringList{QStringLiteral("after 503")});
    }

    void refusalIsFinalAndTheRestGoInOrder()
    {
        // A conversation the sender is not in: 403/404, an answer — failed, never retried alone.
        auto stranger = registerUser(m_server->url(), QStringLiteral("x"), kPassword);
        QVERIFY(stranger);
        auto theirs = createConversation(*stranger, {m_reader->id});
        QVERIFY(theirs);
        auto refused = add(QStringLiteral("not yours"), *theirs);
        auto first = add(QStringLiteral("one"));
        auto second = add(QStringLiteral("two"));
        QVERIFY(refused && first && second);
        auto round = waitTask(m_queue->flush());
        QVERIFY(round);
        QCOMPARE(round->left, 0);
        QCOMPARE(round->refused.size(), 1);
        QVERIFY(round->refused.contains(refused->clientId));
        QVERIFY(RetryPolicy::isFinal(round->refused.value(refused->clientId)));
        QCOMPARE(row(refused->clientId).state, OutgoingMessage::State::Failed);
        QCOMPARE(row(refused->clientId).attempts, 1);
        QCOMPARE(serverTexts(), (QStringList{QStringLiteral("one"), QStringLiteral("two")}));
        QVERIFY(!m_queue->retryTimer().isActive()); // every item answered: nothing to retry
        // Another round does not try the refused one again.
        const int sends = m_sends;
        QVERIFY(waitTask(m_queue->flush()));
        QCOMPARE(m_sends, sends);
    }

    void orderIsKeptAcrossAnOutage()
    {
        m_proxy->setFailing(503);
        const int failedBefore = m_proxy->failed();
        QStringList texts;
        QStringList keys;
        for (int i = 0; i < 5; ++i) {
            texts << QStringLiteral("m%1").arg(i);
            auto queued = add(texts.constLast());
            QVERIFY(queued);
            keys << queued->clientId;
        }
        auto round = waitTask(m_queue->flush());
        QVERIFY(round);
        QCOMPARE(round->left, 5);
        // Strict: the round stopped at the first unanswered message; none overtook it.
        QCOMPARE(m_proxy->failed(), failedBefore + 1);
        QCOMPARE(row(keys.at(0)).attempts, 1);
        for (int i = 1; i < 5; ++i)
            QCOMPARE(row(keys.at(i)).attempts, 0);
        m_proxy->setFailing(0);
        m_queue->reconnected();
        QTRY_COMPARE_WITH_TIMEOUT(row(keys.constLast()).state, OutgoingMessage::State::Sent, 10000);
        QCOMPARE(serverTexts(), texts);
    }

    void backoffDoublesAndResetsOnReconnect()
    {
        m_queue = makeQueue(RetryPolicy(2s, 8s)); // long enough that the timer never fires here
        auto queued = add(QStringLiteral("patience"));
        QVERIFY(queued);
        m_proxy->setFailing(502);
        for (int round = 1; round <= 3; ++round) {
            QVERIFY(waitTask(m_queue->flush()));
            QCOMPARE(m_queue->retryTimer().rounds(), round);
        }
        QCOMPARE(m_queue->retryTimer().interval(), std::chrono::milliseconds(8s)); // 2, 4, 8 (the cap)
        QVERIFY(waitTask(m_queue->flush()));
        QCOMPARE(m_queue->retryTimer().interval(), std::chrono::milliseconds(8s));

        // A new connection: the back-off starts again, and a round runs at once.
        const int failedBefore = m_proxy->failed();
        m_queue->reconnected();
        QCOMPARE(m_queue->retryTimer().rounds(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_proxy->failed(), failedBefore + 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(m_queue->retryTimer().rounds(), 1, 10000);
        QCOMPARE(m_queue->retryTimer().interval(), std::chrono::milliseconds(2s));
        m_proxy->setFailing(0);
        m_queue->reconnected();
        QTRY_COMPARE_WITH_TIMEOUT(row(queued->clientId).state, OutgoingMessage::State::Sent, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(m_queue->retryTimer().rounds(), 0, 5000);
        QCOMPARE(serverTexts(), QStringList{QStringLiteral("patience")});
    }

    void oneTryAtATimePerItem()
    {
        auto queued = add(QStringLiteral("single"));
        QVERIFY(queued);
        // A round and a direct try of the same item at once: one request goes out.
        auto round = m_queue->flush();
        auto direct = waitTask(m_queue->attempt(*queued));
        QVERIFY(direct);
        QCOMPARE(direct->state, Queue::Try::State::Unanswered);
        QCOMPARE(direct->error.code, ErrorCode::Cancelled); // already being sent
        QVERIFY(waitTask(std::move(round)));
        QCOMPARE(m_sends, 1);
        QCOMPARE(row(queued->clientId).state, OutgoingMessage::State::Sent);
        QCOMPARE(serverTexts(), QStringList{QStringLiteral("single")});
    }

    void closedOutboxWritesNothing()
    {
        auto queued = add(QStringLiteral("closed"));
        QVERIFY(queued);
        m_queue->close();
        auto round = waitTask(m_queue->flush());
        QVERIFY(!round);
        QCOMPARE(round.error().code, ErrorCode::CacheLocked);
        m_queue->kick(); // nothing scheduled while closed
        QTest::qWait(50);
        QCOMPARE(m_sends, 0);
        QCOMPARE(row(queued->clientId).attempts, 0);
    }
};

QTEST_GUILESS_MAIN(TestOutbox)
#include "tst_outbox.moc"
