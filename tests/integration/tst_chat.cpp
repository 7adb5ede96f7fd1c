// SPDX-License-Identifier: MIT
// Chat on the client against the real plaza-server: the message outbox (200 messages
// written while the server is down, an app restart, the server restarted twice: every
// message arrives exactly once and in order), a lost answer retried with the same
// client_id, refusals that fail a message (retry, discard), a replayed sync page that
// changes nothing (search index included), search with and without accents, the models
// served from the cache offline, drafts, read marks and typing both ways.
#include "common/cachekey.h"
#include "chat/chatqueries.h"
#include "chat/chatsearchmodel.h"
#include "chat/chatservice.h"
#include "chat/conversationsmodel.h"
#include "chat/incomingmessages.h"
#include "chat/messagesmodel.h"
#include "common/modeltester.h"
#include "common/testserver.h"
#include "dropproxy.h"
#include "integrationutil.h"
#include "money/money.h"
#include "net/wssession.h"
#include "protocol/events.h"
#include "protocol/types.h"
#include "session/session.h"
#include "storage/cacheschema.h"
#include "storage/database.h"
#include "sync/eventapplier.h"
#include "sync/syncengine.h"

#include <QJsonArray>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QUuid>

using namespace plaza;
using namespace plaza::chat;
using namespace plaza::test;

namespace {

const QString kPassword = QStringLiteral("correct horse battery staple");
const QString kPassphrase = QStringLiteral("chat cache passphrase");

//! Every message of \a conversationId as the server has them, oldest first (another device).
QList<QJsonObject> serverMessages(net::ApiClient &api, const QString &conversationId)
{
    QList<QJsonObject> all;
    QString before;
    for (;;) {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("limit"), QStringLiteral("200"));
        if (!before.isEmpty())
            query.addQueryItem(QStringLiteral("before"), before);
        auto page = waitTask(api.get(QStringLiteral("/v1/conversations/%1/messages").arg(conversationId), query));
        if (!page)
            return {};
        for (const QJsonValue &v : page->body.value(QStringLiteral("items")).toArray())
            all.prepend(v.toObject());
        if (!page->body.value(QStringLiteral("next_before")).isString())
            break;
        before = page->body.value(QStringLiteral("next_before")).toString();
    }
    return all;
}

Status post(RemoteUser &by, const QString &conversationId, const QString &text)
{
    static int counter = 0;
    auto r = waitTask(by.api->post(QStringLiteral("/v1/conversations/%1/messages").arg(conversationId),
                                   {{QStringLiteral("client_id"), QStringLiteral("remote-%1").arg(++counter)},
                                    {QStringLiteral("text"), text}}));
    if (!r)
        return r.error();
    return {};
}

//! \a by asks for \a amountMinor EUR with \a note, of \a payer (an id; empty: anyone with the link).
Result<QString> askMoney(RemoteUser &by, qint64 amountMinor, const QString &note, const QString &payer)
{
    QJsonObject body{{QStringLiteral("amount"), QJsonObject{{QStringLiteral("amount"), amountMinor},
                                                             {QStringLiteral("currency"), QStringLiteral("EUR")}}},
                     {QStringLiteral("note"), note}};
    if (!payer.isEmpty())
        body.insert(QStringLiteral("payer"), payer);
    net::RequestOptions options;
    options.idempotencyKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
    auto r = waitTask(by.api->post(QStringLiteral("/v1/payment-requests"), body, options));
    if (!r)
        return r.error();
    return r->body.value(QStringLiteral("id")).toString();
}

} // namespace

class ChatTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void offlineMessagesArriveOnceInOrder();
    void lostAnswerIsRetriedWithTheSameClientId();
    void refusalFailsTheMessage();
    void replayedSyncPageChangesNothing();
    void searchFoldsAccents();
    void modelsServeTheCacheOffline();
    void olderPagesComeFromTheServer();
    void draftsAndTyping();
    void chatStepAddedToALaterCache();
    void modelsUpdateByRow();
    void newConversationAndMessageInsertRows();
    void updatedMessageIsNotNews();
    void sendAndDraftDoNotWaitForTheCacheLock();
    void readMarkWaitsForTheChatToOpen();
    void sendWhileAReadMarkIsOnItsWay();
    void moneyInMessagesIsInTheReadersLocale();
    void firstUnreadIsTheBadgesOldest();
    void messagesChangeInPlaceAndGoInByTime();
    void messagesWindowStaysBounded();
    void aLargeBatchIsAppliedOverSeveralTurns();

private:
    bool signUp(const QUrl &via);
    bool reopen();
    bool syncedTo(RemoteUser &who);
    [[nodiscard]] QString selfId() const { return m_fixture->session->userId(); }
    //! The signed-in user follows \a userId: that person's first message is then no message
    //! request (docs/api.md "Message requests") and lands in the conversation list.
    void follow(const QString &userId)
    {
        // Following again is a no-op whatever the server answers: only the follow matters.
        auto followed = waitTask(m_fixture->session->api()->post(QStringLiteral("/v1/users/%1/follow").arg(userId), QJsonObject()));
        Q_UNUSED(followed);
    }

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<SessionFixture> m_fixture;
    std::unique_ptr<ChatService> m_chat;
    std::optional<RemoteUser> m_friend;
    QString m_conversation;
};

void ChatTest::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    m_friend = registerUser(m_server->url(), QStringLiteral("friend"), kPassword);
    QVERIFY(m_friend);
    QVERIFY(signUp(m_server->url()));
    follow(m_friend->id);
    auto c = createConversation(*m_friend, {selfId()});
    QVERIFY(c);
    m_conversation = *c;
    QVERIFY(syncedTo(*m_friend));
}

void ChatTest::cleanup()
{
    m_chat.reset();
    m_fixture.reset();
    m_friend.reset();
    m_server.reset();
}

bool ChatTest::signUp(const QUrl &via)
{
    m_fixture = std::make_unique<SessionFixture>();
    if (!createAccount(*m_fixture->session, via, uniqueHandle(QStringLiteral("me")), QStringLiteral("Élodie Martin"),
                       kPassword, kPassphrase))
        return false;
    m_chat = std::make_unique<ChatService>(m_fixture->session.get());
    return m_chat->start().ok();
}

bool ChatTest::reopen()
{
    m_chat.reset();
    m_fixture->reopen();
    Session &session = *m_fixture->session;
    m_chat = std::make_unique<ChatService>(&session);
    session.restore();
    if (!waitIdle(session))
        return false;
    if (session.state() == Session::State::NeedsPassphrase) {
        session.submitPassphrase(kPassphrase);
        if (!waitIdle(session))
            return false;
    }
    return session.state() == Session::State::Ready && m_chat->outbox();
}

//! Our cache has every event the server has for us (after \a who acted).
bool ChatTest::syncedTo(RemoteUser &)
{
    net::ApiClient api;
    api.setBaseUrl(m_server->url());
    if (!waitTask(api.login(m_fixture->session->handle(), kPassword)))
        return false;
    auto latest = latestSeq(api);
    if (!latest)
        return false;
    m_fixture->session->syncNow();
    return waitCursor(*m_fixture->session, *latest);
}

void ChatTest::offlineMessagesArriveOnceInOrder()
{
    Session &session = *m_fixture->session;
    m_server->kill();
    QTRY_VERIFY_WITH_TIMEOUT(!session.online(), 15000);

    // 200 messages while the server is down: each in the cache at once, as "sending".
    MessagesModel model;
    test::checkModel(&model);
    model.setChat(m_chat.get());
    model.setConversationId(m_conversation);
    QCOMPARE(model.rowCount(), 0);
    for (int i = 0; i < 200; ++i) {
        auto queued = waitTask(m_chat->queue(m_conversation, QStringLiteral("message %1").arg(i, 3, 10, QLatin1Char('0'))));
        QVERIFY2(queued, queued ? "" : qPrintable(queued.error().message));
    }
    QCOMPARE(model.rowCount(), 200);
    QCOMPARE(model.index(0).data(MessagesModel::StateRole).toString(), QStringLiteral("sending"));
    QCOMPARE(model.index(199).data(MessagesModel::TextRole).toString(), QStringLiteral("message 199"));
    QVERIFY(model.index(199).data(MessagesModel::OwnRole).toBool());
    QCOMPARE(m_chat->pendingCount(), 200);

    // The app restarts while the server is still down: nothing is lost.
    QVERIFY(reopen());
    QCOMPARE(m_chat->pendingCount(), 200);
    {
        auto unsent = readUnsent(m_chat->outbox()->db(), selfId(), m_conversation);
        QVERIFY(unsent);
        QCOMPARE(unsent->size(), 200);
        QCOMPARE(unsent->constFirst().text, QStringLiteral("message 000"));
    }

    // The server comes back, goes down again in the middle of the queue (a try may be cut
    // off after the server committed it), and comes back once more.
    int sent = 0;
    bool killed = false;
    const auto connection = connect(m_chat.get(), &ChatService::messageSent, this, [&] {
        if (++sent == 100) {
            m_server->kill(); // the next try is cut off, maybe after the server committed it
            killed = true;
        }
    });
    QVERIFY2(m_server->restart(), qPrintable(m_server->lastError()));
    QTRY_VERIFY_WITH_TIMEOUT(killed, 60000);
    disconnect(connection);
    QVERIFY(m_chat->pendingCount() > 0);
    QVERIFY2(m_server->restart(), qPrintable(m_server->lastError()));
    QTRY_COMPARE_WITH_TIMEOUT(m_chat->pendingCount(), 0, 90000);
    QCOMPARE(m_chat->failedCount(), 0);

    // Exactly once, in order, as another member sees it.
    const QList<QJsonObject> seen = serverMessages(*m_friend->api, m_conversation);
    QCOMPARE(seen.size(), 200);
    QSet<QString> clientIds;
    for (int i = 0; i < 200; ++i) {
        QCOMPARE(seen.at(i).value(QStringLiteral("text")).toString(), QStringLiteral("message %1").arg(i, 3, 10, QLatin1Char('0')));
        clientIds.insert(seen.at(i).value(QStringLiteral("client_id")).toString());
    }
    QCOMPARE(clientIds.size(), 200);

    // And our cache ends with the synced messages only (the outbox rows gave way).
    QVERIFY(syncedTo(*m_friend));
    MessagesModel after;
    test::checkModel(&after);
    after.setPageSize(200);
    after.setChat(m_chat.get());
    after.setConversationId(m_conversation);
    QCOMPARE(after.rowCount(), 200);
    QVERIFY(!after.index(0).data(MessagesModel::IdRole).toString().isEmpty());
    QCOMPARE(after.index(0).data(MessagesModel::StateRole).toString(), QStringLiteral("sent"));
    auto unsent = readUnsent(m_chat->outbox()->db(), selfId(), m_conversation);
    QVERIFY(unsent);
    QCOMPARE(unsent->size(), 0);
}

void ChatTest::lostAnswerIsRetriedWithTheSameClientId()
{
    // A second device of ours through a proxy that loses the answer of every request after
    // the server handled it.
    DropProxy proxy(quint16(m_server->url().port()));
    QVERIFY(proxy.listening());
    proxy.setWatched(QByteArrayLiteral("/messages HTTP/1.1"));
    m_chat.reset();
    m_fixture.reset();
    QVERIFY(signUp(proxy.url()));
    follow(m_friend->id);
    auto c = createConversation(*m_friend, {selfId()});
    QVERIFY(c);
    QVERIFY(syncedTo(*m_friend));

    proxy.setDropping(true);
    auto queued = waitTask(m_chat->queue(*c, QStringLiteral("did you get this?")));
    QVERIFY(queued);
    auto left = waitTask(m_chat->flush());
    QVERIFY(left);
    QCOMPARE(*left, 1); // unanswered: still queued
    QVERIFY(proxy.dropped() >= 1);
    QCOMPARE(serverMessages(*m_friend->api, *c).size(), 1); // but the server has it

    proxy.setDropping(false);
    QTRY_COMPARE_WITH_TIMEOUT(m_chat->pendingCount(), 0, 20000);
    auto stored = m_chat->outbox()->find(queued->clientId);
    QVERIFY(stored);
    QCOMPARE(stored->state, OutgoingMessage::State::Sent);
    QVERIFY(stored->attempts >= 2);
    const QList<QJsonObject> seen = serverMessages(*m_friend->api, *c);
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen.constFirst().value(QStringLiteral("id")).toString(), stored->messageId);
    QCOMPARE(seen.constFirst().value(QStringLiteral("client_id")).toString(), queued->clientId);
}

void ChatTest::refusalFailsTheMessage()
{
    // A conversation we are not in: 403, a definitive answer.
    auto other = registerUser(m_server->url(), QStringLiteral("other"), kPassword);
    QVERIFY(other);
    auto theirs = createConversation(*m_friend, {other->id});
    QVERIFY(theirs);
    QSignalSpy failed(m_chat.get(), &ChatService::messageFailed);
    auto refused = waitTask(m_chat->queue(*theirs, QStringLiteral("let me in")));
    QVERIFY(refused);
    auto fine = waitTask(m_chat->queue(m_conversation, QStringLiteral("after the refused one")));
    QVERIFY(fine);
    QTRY_COMPARE_WITH_TIMEOUT(m_chat->pendingCount(), 0, 20000);
    QCOMPARE(failed.count(), 1);
    QCOMPARE(failed.at(0).at(1).toString(), QStringLiteral("forbidden"));
    QCOMPARE(m_chat->failedCount(), 1);
    auto stored = m_chat->outbox()->find(refused->clientId);
    QVERIFY(stored);
    QCOMPARE(stored->state, OutgoingMessage::State::Failed);
    QCOMPARE(stored->errorCode, QStringLiteral("forbidden"));
    // The refusal did not hold the queue up.
    QCOMPARE(m_chat->outbox()->find(fine->clientId)->state, OutgoingMessage::State::Sent);

    // The model shows it failed, with the reason.
    MessagesModel model;
    test::checkModel(&model);
    model.setChat(m_chat.get());
    model.setConversationId(*theirs);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0).data(MessagesModel::StateRole).toString(), QStringLiteral("failed"));
    QVERIFY(!model.index(0).data(MessagesModel::ErrorMessageRole).toString().isEmpty());

    // retry() sends it again (refused again); discard() forgets it.
    m_chat->retry(refused->clientId);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 2, 20000);
    QCOMPARE(m_chat->failedCount(), 1);
    m_chat->discard(refused->clientId);
    QTRY_COMPARE_WITH_TIMEOUT(m_chat->failedCount(), 0, 5000);
    QVERIFY(!m_chat->outbox()->find(refused->clientId));
    QCOMPARE(model.rowCount(), 0);

    // Local refusals never reach the outbox.
    QVERIFY(!waitTask(m_chat->queue(m_conversation, QStringLiteral("   "))));
    QVERIFY(!waitTask(m_chat->queue(m_conversation, QString(4001, u'x'))));
    QSignalSpy refusedLocally(m_chat.get(), &ChatService::sendRefused);
    QVERIFY(!m_chat->send(m_conversation, QString()));
    QCOMPARE(refusedLocally.count(), 1);
}

void ChatTest::replayedSyncPageChangesNothing()
{
    QVERIFY(post(*m_friend, m_conversation, QStringLiteral("Première ligne, café compris")));
    QVERIFY(post(*m_friend, m_conversation, QStringLiteral("second line")));
    QVERIFY(m_chat->send(m_conversation, QStringLiteral("third, mine")));
    QTRY_COMPARE_WITH_TIMEOUT(m_chat->pendingCount(), 0, 20000);

    net::ApiClient api;
    api.setBaseUrl(m_server->url());
    QVERIFY(waitTask(api.login(m_fixture->session->handle(), kPassword)));
    auto page = syncPage(api, 0);
    QVERIFY(page);
    QVERIFY(page->events.size() >= 7);

    QTemporaryDir dir;
    const QByteArray key(32, '\x42');
    auto db = storage::openCache(dir.filePath(QStringLiteral("replay.db")), key);
    QVERIFY(db);
    sync::EventApplier applier(**db, selfId());
    QVERIFY(applier.load());
    auto snapshot = [&]() {
        QStringList out;
        for (const QString &sql : {QStringLiteral("SELECT group_concat(id || ':' || text, '|') FROM (SELECT * FROM messages ORDER BY id)"),
                                   QStringLiteral("SELECT group_concat(id || ':' || unread || ':' || coalesce(last_message_id, ''), '|') FROM conversations"),
                                   QStringLiteral("SELECT count(*) FROM message_search"),
                                   QStringLiteral("SELECT group_concat(docid, ',') FROM message_search WHERE message_search MATCH 'cafe'"),
                                   QStringLiteral("SELECT group_concat(rowid, ',') FROM messages")}) {
            auto s = (*db)->prepare(sql);
            if (!s || !s->step().value())
                return QStringList{QStringLiteral("error")};
            out.append(s->text(0));
        }
        return out;
    };
    auto first = applier.applyBatch(page->events, page->nextSince);
    QVERIFY(first);
    QVERIFY(first->applied > 0);
    const QStringList once = snapshot();
    QCOMPARE(once.at(2), QStringLiteral("3"));
    QVERIFY(!once.at(3).isEmpty());
    // The same page again: skipped by the cursor.
    auto again = applier.applyBatch(page->events, page->nextSince);
    QVERIFY(again);
    QCOMPARE(again->applied, 0);
    QCOMPARE(snapshot(), once);
    // And applied for real again (a cursor lost, every event re-written): still nothing changes.
    QVERIFY((*db)->exec(QStringLiteral("UPDATE sync_state SET cursor = 0;")));
    QVERIFY(applier.load());
    auto replay = applier.applyBatch(page->events, page->nextSince);
    QVERIFY(replay);
    QCOMPARE(replay->applied, first->applied);
    QCOMPARE(snapshot(), once);

    // message.deleted takes the message out of the search index too.
    const QString hit = once.at(3).split(u',').constFirst();
    auto victim = (*db)->prepare(QStringLiteral("SELECT id FROM messages WHERE rowid = ?1;"));
    QVERIFY(victim);
    victim->bind(1, hit.toLongLong());
    QVERIFY(victim->step().value());
    const QString victimId = victim->text(0);
    protocol::Event deleted;
    deleted.seq = applier.cursor() + 1;
    deleted.type = QStringLiteral("message.deleted");
    deleted.data = {{QStringLiteral("id"), victimId}};
    auto gone = applier.applyBatch({deleted}, deleted.seq);
    QVERIFY(gone);
    QCOMPARE(gone->applied, 1);
    QCOMPARE(snapshot().at(2), QStringLiteral("2"));
    QCOMPARE(snapshot().at(3), QString());
}

void ChatTest::searchFoldsAccents()
{
    QVERIFY(post(*m_friend, m_conversation, QStringLiteral("On se voit au café Lumière ?")));
    QVERIFY(post(*m_friend, m_conversation, QStringLiteral("Crème brûlée for dessert")));
    QVERIFY(post(*m_friend, m_conversation, QStringLiteral("<b>not bold</b> & cafeteria")));
    QVERIFY(syncedTo(*m_friend));

    ChatSearchModel search;
    test::checkModel(&search);
    search.setChat(m_chat.get());
    auto texts = [&]() {
        QStringList out;
        for (int i = 0; i < search.rowCount(); ++i)
            out.append(search.index(i).data(ChatSearchModel::SnippetRole).toString());
        return out;
    };
    search.setQuery(QStringLiteral("cafe"));
    QCOMPARE(search.count(), 2); // café and cafeteria (words are prefixes)
    QVERIFY(texts().join(u'|').contains(QStringLiteral("café Lumière")));
    QCOMPARE(search.index(0).data(ChatSearchModel::ConversationIdRole).toString(), m_conversation);
    QVERIFY(!search.index(0).data(ChatSearchModel::MessageIdRole).toString().isEmpty());
    QCOMPARE(search.index(0).data(ChatSearchModel::ConversationTitleRole).toString(), m_friend->displayName);
    search.setQuery(QStringLiteral("CAFÉ lumiere"));
    QCOMPARE(search.count(), 1);
    QVERIFY(search.index(0).data(ChatSearchModel::SnippetHtmlRole).toString().contains(QStringLiteral("<b>café</b>")));
    search.setQuery(QStringLiteral("creme brulee"));
    QCOMPARE(search.count(), 1);
    QVERIFY(texts().constFirst().contains(QStringLiteral("Crème brûlée")));
    // Markup in messages stays text: escaped in the HTML snippet.
    search.setQuery(QStringLiteral("cafeteria"));
    QCOMPARE(search.count(), 1);
    QVERIFY(search.index(0).data(ChatSearchModel::SnippetHtmlRole).toString().contains(QStringLiteral("&lt;b&gt;not bold&lt;/b&gt;")));
    // Quotes, operators and nothing searchable are not errors.
    for (const QString &q : {QStringLiteral("\"cafe"), QStringLiteral("NEAR OR AND *"), QStringLiteral("?!"), QString()}) {
        search.setQuery(q);
        QVERIFY2(search.error().isEmpty(), qPrintable(q));
    }
    search.setQuery(QStringLiteral("nothing-like-this"));
    QCOMPARE(search.count(), 0);
}

void ChatTest::modelsServeTheCacheOffline()
{
    Session &session = *m_fixture->session;
    for (int i = 0; i < 60; ++i)
        QVERIFY(post(*m_friend, m_conversation, QStringLiteral("news %1").arg(i)));
    QVERIFY(syncedTo(*m_friend));

    ConversationsModel conversations;
    test::checkModel(&conversations);
    conversations.setChat(m_chat.get());
    QCOMPARE(conversations.rowCount(), 1);
    QModelIndex c = conversations.index(0);
    QCOMPARE(c.data(ConversationsModel::IdRole).toString(), m_conversation);
    QCOMPARE(c.data(ConversationsModel::TitleRole).toString(), m_friend->displayName);
    QCOMPARE(c.data(ConversationsModel::UnreadCountRole).toInt(), 60);
    QCOMPARE(c.data(ConversationsModel::LastMessagePreviewRole).toString(), QStringLiteral("news 59"));
    QCOMPARE(conversations.totalUnread(), 60);

    // markRead(): the server's answer comes back as events and the count goes.
    m_chat->markRead(m_conversation);
    QTRY_COMPARE_WITH_TIMEOUT(conversations.index(0).data(ConversationsModel::UnreadCountRole).toInt(), 0, 15000);

    m_server->kill();
    QTRY_VERIFY_WITH_TIMEOUT(!session.online(), 15000);
    QVERIFY(reopen()); // a cold start without a server
    ConversationsModel offline;
    test::checkModel(&offline);
    offline.setChat(m_chat.get());
    QCOMPARE(offline.rowCount(), 1);
    QCOMPARE(offline.index(0).data(ConversationsModel::LastMessagePreviewRole).toString(), QStringLiteral("news 59"));
    QCOMPARE(offline.index(0).data(ConversationsModel::InitialsRole).toString().size() >= 1, true);
    offline.setFilter(m_friend->displayName.left(4).toUpper());
    QCOMPARE(offline.rowCount(), 1);
    offline.setFilter(QStringLiteral("zzzz"));
    QCOMPARE(offline.rowCount(), 0);
    offline.setFilter({});

    MessagesModel messages;
    test::checkModel(&messages);
    messages.setPageSize(25);
    messages.setChat(m_chat.get());
    messages.setConversationId(m_conversation);
    QCOMPARE(messages.rowCount(), 25);
    QCOMPARE(messages.title(), m_friend->displayName);
    QCOMPARE(messages.index(24).data(MessagesModel::TextRole).toString(), QStringLiteral("news 59"));
    QCOMPARE(messages.index(24).data(MessagesModel::OwnRole).toBool(), false);
    QCOMPARE(messages.index(24).data(MessagesModel::SenderNameRole).toString(), m_friend->displayName);
    QVERIFY(!messages.index(24).data(MessagesModel::DayRole).toString().isEmpty());
    QVERIFY(messages.canFetchOlder());
    messages.fetchOlder();
    QCOMPARE(messages.rowCount(), 50);
    messages.fetchOlder();
    QCOMPARE(messages.rowCount(), 60);
    QCOMPARE(messages.index(0).data(MessagesModel::TextRole).toString(), QStringLiteral("news 0"));
    QVERIFY(!messages.canFetchOlder()); // the cache has no more, and the server is away

    // Offline sending shows in both lists as soon as the cache writer committed it.
    QVERIFY(m_chat->send(m_conversation, QStringLiteral("written offline")));
    QTRY_COMPARE_WITH_TIMEOUT(messages.rowCount(), 61, 5000);
    QCOMPARE(messages.index(60).data(MessagesModel::StateRole).toString(), QStringLiteral("sending"));
    QTRY_COMPARE_WITH_TIMEOUT(offline.index(0).data(ConversationsModel::LastMessagePreviewRole).toString(),
                              QStringLiteral("written offline"), 5000);
    QVERIFY(offline.index(0).data(ConversationsModel::HasUnsentRole).toBool());

    // Back online: the same row becomes "sent", then "read" once the friend reads it.
    QVERIFY2(m_server->restart(), qPrintable(m_server->lastError()));
    QTRY_COMPARE_WITH_TIMEOUT(messages.index(60).data(MessagesModel::StateRole).toString(), QStringLiteral("sent"), 30000);
    QCOMPARE(messages.rowCount(), 61);
    QTRY_VERIFY_WITH_TIMEOUT(!messages.index(60).data(MessagesModel::IdRole).toString().isEmpty(), 15000);
    const QString mine = messages.index(60).data(MessagesModel::IdRole).toString();
    QVERIFY(waitTask(m_friend->api->post(QStringLiteral("/v1/conversations/%1/read").arg(m_conversation),
                                         {{QStringLiteral("up_to"), mine}})));
    QTRY_COMPARE_WITH_TIMEOUT(messages.index(60).data(MessagesModel::StateRole).toString(), QStringLiteral("read"), 15000);
    QCOMPARE(messages.rowCount(), 61);
}

void ChatTest::olderPagesComeFromTheServer()
{
    for (int i = 0; i < 30; ++i)
        QVERIFY(post(*m_friend, m_conversation, QStringLiteral("old %1").arg(i, 2, 10, QLatin1Char('0'))));
    QVERIFY(syncedTo(*m_friend));
    // Forget most of them locally (as if the log had been trimmed): the model fetches them back.
    {
        auto db = storage::Database::open(m_fixture->session->cachePath(), [&] {
            storage::OpenOptions o;
            o.rawKey = testCacheKey(*m_fixture->session);
            return o;
        }());
        QVERIFY(db);
        QVERIFY((*db)->exec(QStringLiteral("DELETE FROM message_search WHERE docid IN (SELECT rowid FROM messages "
                                           "WHERE text < 'old 25');")));
        QVERIFY((*db)->exec(QStringLiteral("DELETE FROM messages WHERE text < 'old 25';")));
    }
    MessagesModel messages;
    test::checkModel(&messages);
    messages.setPageSize(10);
    messages.setChat(m_chat.get());
    messages.setConversationId(m_conversation);
    QCOMPARE(messages.rowCount(), 5);
    QVERIFY(messages.canFetchOlder());
    messages.fetchOlder(); // the cache has none older: from the server
    QTRY_VERIFY_WITH_TIMEOUT(messages.rowCount() > 5, 15000);
    for (int i = 0; i < 5 && messages.canFetchOlder(); ++i) {
        messages.fetchOlder();
        QTRY_VERIFY_WITH_TIMEOUT(!messages.loading(), 15000);
    }
    QTRY_COMPARE_WITH_TIMEOUT(messages.rowCount(), 30, 15000);
    QCOMPARE(messages.index(0).data(MessagesModel::TextRole).toString(), QStringLiteral("old 00"));
    QCOMPARE(messages.index(29).data(MessagesModel::TextRole).toString(), QStringLiteral("old 29"));
    QTRY_VERIFY_WITH_TIMEOUT(messages.atStart(), 15000);
}

void ChatTest::draftsAndTyping()
{
    QCOMPARE(m_chat->draft(m_conversation), QString());
    m_chat->setDraft(m_conversation, QStringLiteral("half a thought…"));
    QVERIFY(reopen());
    QCOMPARE(m_chat->draft(m_conversation), QStringLiteral("half a thought…"));
    QVERIFY(m_chat->send(m_conversation, QStringLiteral("the whole thought")));
    QCOMPARE(m_chat->draft(m_conversation), QString()); // sending clears it

    // Typing: the friend's device types, we see the name; we type, the friend's device hears it.
    Session &session = *m_fixture->session;
    QTRY_VERIFY_WITH_TIMEOUT(session.online(), 15000);
    net::WsSession theirs(m_friend->api.get());
    QSignalSpy heard(&theirs, &net::WsSession::typing);
    theirs.start();
    QTRY_VERIFY_WITH_TIMEOUT(theirs.isConnected(), 15000);
    MessagesModel messages;
    test::checkModel(&messages);
    messages.setChat(m_chat.get());
    messages.setConversationId(m_conversation);
    theirs.sendTyping(m_conversation);
    QTRY_COMPARE_WITH_TIMEOUT(messages.typingNames(), QStringList{m_friend->displayName}, 10000);
    QCOMPARE(m_chat->typingNames(m_conversation), QStringList{m_friend->displayName});
    QTRY_COMPARE_WITH_TIMEOUT(messages.typingNames(), QStringList(), 10000); // it fades
    // Someone the user blocked is not shown typing (docs/api.md "Safety": a group they share
    // still delivers their frames). The block is put in the cache directly: the frame still
    // arrives (typingChanged), and the name is left out.
    {
        auto db = storage::Database::open(m_fixture->session->cachePath(), [&] {
            storage::OpenOptions o;
            o.rawKey = testCacheKey(*m_fixture->session);
            return o;
        }());
        QVERIFY(db);
        QVERIFY((*db)->exec(QStringLiteral("INSERT INTO blocks (user_id, blocked_at) VALUES ('%1', '2026-12-01T10:00:00.000Z');")
                                .arg(m_friend->id)));
    }
    QSignalSpy typingSeen(m_chat.get(), &ChatService::typingChanged);
    theirs.sendTyping(m_conversation);
    QTRY_VERIFY_WITH_TIMEOUT(!typingSeen.isEmpty(), 10000);
    QCOMPARE(typingSeen.at(0).at(0).toString(), m_conversation);
    QCOMPARE(m_chat->typingNames(m_conversation), QStringList());
    QCOMPARE(messages.typingNames(), QStringList());
    {
        auto db = storage::Database::open(m_fixture->session->cachePath(), [&] {
            storage::OpenOptions o;
            o.rawKey = testCacheKey(*m_fixture->session);
            return o;
        }());
        QVERIFY(db);
        QVERIFY((*db)->exec(QStringLiteral("DELETE FROM blocks;")));
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_chat->typingNames(m_conversation), QStringList(), 10000); // the blocked frame fades too
    m_chat->sendTyping(m_conversation);
    m_chat->sendTyping(m_conversation); // throttled: one frame
    QTRY_COMPARE_WITH_TIMEOUT(heard.count(), 1, 10000);
    QCOMPARE(heard.at(0).at(0).toString(), m_conversation);
    QCOMPARE(heard.at(0).at(1).toString(), selfId());
    theirs.stop();
}

void ChatTest::chatStepAddedToALaterCache()
{
    // A cache that reached a later schema before the chat step existed (the feed's v5 landed
    // first) gets the chat tables when it is opened, and keeps its version.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("later.db"));
    const QByteArray key(32, '\x24');
    {
        storage::OpenOptions options;
        options.rawKey = key;
        auto db = storage::Database::open(path, options);
        QVERIFY(db);
        // Up to v8: v9 (files in the outbox) came after chat's step and repeats it.
        QList<storage::Migration> withoutChat;
        for (const storage::Migration &m : storage::cacheMigrations()) {
            if (m.version != 4 && m.version < 9)
                withoutChat.append(m);
        }
        QVERIFY((*db)->migrate(withoutChat));
        QVERIFY((*db)->exec(QStringLiteral("INSERT INTO messages (id, conversation_id, text) VALUES ('m_1', 'c_1', 'déjà vu');")));
        QCOMPARE((*db)->scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'message_outbox';")).value(), 0);
    }
    auto db = storage::openCache(path, key);
    QVERIFY2(db, db ? "" : qPrintable(db.error().message));
    QCOMPARE((*db)->userVersion().value(), storage::cacheSchemaVersion());
    QCOMPARE((*db)->scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'message_outbox';")).value(), 1);
    // The messages it already had are searchable.
    auto hits = searchMessages(**db, QStringLiteral("u_1"), QStringLiteral("deja"));
    QVERIFY(hits);
    QCOMPARE(hits->size(), 1);
}

void ChatTest::modelsUpdateByRow()
{
    // Two conversations; the older one gets a message and moves to the top without a reset.
    auto other = registerUser(m_server->url(), QStringLiteral("second"), kPassword);
    QVERIFY(other);
    follow(other->id);
    auto second = createConversation(*other, {selfId()});
    QVERIFY(second);
    QVERIFY(post(*other, *second, QStringLiteral("newer")));
    QVERIFY(syncedTo(*other));
    ConversationsModel conversations;
    test::checkModel(&conversations);
    conversations.setChat(m_chat.get());
    QCOMPARE(conversations.rowCount(), 2);
    QCOMPARE(conversations.index(0).data(ConversationsModel::IdRole).toString(), *second);
    QSignalSpy moved(&conversations, &QAbstractItemModel::rowsMoved);
    QSignalSpy reset(&conversations, &QAbstractItemModel::modelReset);

    MessagesModel messages;
    test::checkModel(&messages);
    messages.setChat(m_chat.get());
    messages.setConversationId(m_conversation);
    QSignalSpy inserted(&messages, &QAbstractItemModel::rowsInserted);
    QSignalSpy messagesReset(&messages, &QAbstractItemModel::modelReset);

    // Our message goes first (offline, so it stays unsent); the friend's lands before it.
    m_server->kill();
    QTRY_VERIFY_WITH_TIMEOUT(!m_fixture->session->online(), 15000);
    QVERIFY(m_chat->send(m_conversation, QStringLiteral("mine, unsent")));
    QTRY_COMPARE_WITH_TIMEOUT(messages.rowCount(), 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(moved.count(), 1, 5000); // once the writer committed it
    QCOMPARE(conversations.index(0).data(ConversationsModel::IdRole).toString(), m_conversation);
    QVERIFY2(m_server->restart(), qPrintable(m_server->lastError()));
    QTRY_COMPARE_WITH_TIMEOUT(m_chat->pendingCount(), 0, 30000);
    QVERIFY(post(*m_friend, m_conversation, QStringLiteral("theirs")));
    QVERIFY(syncedTo(*m_friend));
    QTRY_COMPARE_WITH_TIMEOUT(messages.rowCount(), 2, 15000);
    QCOMPARE(messages.index(0).data(MessagesModel::TextRole).toString(), QStringLiteral("mine, unsent"));
    QCOMPARE(messages.index(1).data(MessagesModel::TextRole).toString(), QStringLiteral("theirs"));
    QCOMPARE(messagesReset.count(), 0);
    QCOMPARE(inserted.count(), 2);
    QVERIFY(post(*other, *second, QStringLiteral("newest")));
    QVERIFY(syncedTo(*other));
    QTRY_COMPARE_WITH_TIMEOUT(conversations.index(0).data(ConversationsModel::IdRole).toString(), *second, 15000);
    QCOMPARE(moved.count(), 2);
    QCOMPARE(reset.count(), 0);
}


void ChatTest::newConversationAndMessageInsertRows()
{
    // The change stream names rows by id: a new conversation is inserted, a message in the open
    // conversation inserted, a message elsewhere touches nothing of it, and a search shown is
    // not reset by a message it does not match.
    QVERIFY(post(*m_friend, m_conversation, QStringLiteral("an old needle")));
    QVERIFY(syncedTo(*m_friend));
    ConversationsModel conversations;
    test::checkModel(&conversations);
    conversations.setChat(m_chat.get());
    const int conversationsBefore = conversations.rowCount();
    MessagesModel messages;
    test::checkModel(&messages);
    messages.setChat(m_chat.get());
    messages.setConversationId(m_conversation);
    const int messagesBefore = messages.rowCount();
    QVERIFY(messagesBefore > 0);
    ChatSearchModel search;
    test::checkModel(&search);
    search.setChat(m_chat.get());
    search.setQuery(QStringLiteral("needle"));
    QCOMPARE(search.count(), 1);

    QSignalSpy conversationsInserted(&conversations, &QAbstractItemModel::rowsInserted);
    QSignalSpy conversationsReset(&conversations, &QAbstractItemModel::modelReset);
    QSignalSpy messagesInserted(&messages, &QAbstractItemModel::rowsInserted);
    QSignalSpy messagesChanged(&messages, &QAbstractItemModel::dataChanged);
    QSignalSpy messagesReset(&messages, &QAbstractItemModel::modelReset);
    QSignalSpy searchInserted(&search, &QAbstractItemModel::rowsInserted);
    QSignalSpy searchRemoved(&search, &QAbstractItemModel::rowsRemoved);
    QSignalSpy searchReset(&search, &QAbstractItemModel::modelReset);

    // A new conversation with its first message: one row inserted at the top, no reset; the
    // open conversation's messages do not move.
    auto third = registerUser(m_server->url(), QStringLiteral("third"), kPassword);
    QVERIFY(third);
    follow(third->id);
    auto fresh = createConversation(*third, {selfId()});
    QVERIFY(fresh);
    QVERIFY(post(*third, *fresh, QStringLiteral("hello from a new conversation")));
    QVERIFY(syncedTo(*third));
    QTRY_COMPARE_WITH_TIMEOUT(conversations.rowCount(), conversationsBefore + 1, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(conversations.index(0).data(ConversationsModel::LastMessagePreviewRole).toString(),
                              QStringLiteral("hello from a new conversation"), 15000);
    QCOMPARE(conversations.index(0).data(ConversationsModel::IdRole).toString(), *fresh);
    QCOMPARE(conversationsInserted.count(), 1); // then moved to the top by its first message
    QCOMPARE(conversationsReset.count(), 0);
    QCOMPARE(messages.rowCount(), messagesBefore);
    QCOMPARE(messagesInserted.count(), 0);
    QCOMPARE(messagesChanged.count(), 0);

    // An incoming message in the open conversation: inserted last, no reset; the search shows it.
    QVERIFY(post(*m_friend, m_conversation, QStringLiteral("a new needle")));
    QVERIFY(syncedTo(*m_friend));
    QTRY_COMPARE_WITH_TIMEOUT(messages.rowCount(), messagesBefore + 1, 15000);
    QCOMPARE(messages.index(messagesBefore).data(MessagesModel::TextRole).toString(), QStringLiteral("a new needle"));
    QCOMPARE(messagesInserted.count(), 1);
    QCOMPARE(messagesInserted.at(0).at(1).toInt(), messagesBefore);
    QCOMPARE(messagesReset.count(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(search.count(), 2, 15000);
    QCOMPARE(search.index(0).data(ChatSearchModel::SnippetRole).toString(), QStringLiteral("a new needle"));
    QCOMPARE(searchInserted.count(), 1);
    QCOMPARE(searchReset.count(), 0);

    // One the query does not match: the search's rows stay as they are.
    QVERIFY(post(*m_friend, m_conversation, QStringLiteral("nothing to find here")));
    QVERIFY(syncedTo(*m_friend));
    QTRY_COMPARE_WITH_TIMEOUT(messages.rowCount(), messagesBefore + 2, 15000);
    QTest::qWait(400); // longer than the search's debounce
    QCOMPARE(search.count(), 2);
    QCOMPARE(searchInserted.count(), 1);
    QCOMPARE(searchRemoved.count(), 0);
    QCOMPARE(searchReset.count(), 0);
    QCOMPARE(messagesReset.count(), 0);
    QCOMPARE(conversationsReset.count(), 0);
}

void ChatTest::updatedMessageIsNotNews()
{
    // A row a REST page stored (scrolling, a conversation opened) that a later event only
    // updates — a conversation's last message, an edit — is not news: only what a batch
    // created is. Here the row comes first over REST, then a conversation.updated names it
    // without its message.created (as an edit of an old message would).
    Session &session = *m_fixture->session;
    IncomingMessages incoming(&session);
    QSignalSpy arrived(&incoming, &IncomingMessages::arrived);
    QSignalSpy applied(session.syncEngine(), &SyncEngine::applied);
    session.live()->stop(); // events reach us only the way the test says
    QTRY_VERIFY_WITH_TIMEOUT(!session.online(), 15000);

    QVERIFY(post(*m_friend, m_conversation, QStringLiteral("stored before its event")));
    auto page = waitTask(m_chat->fetchOlder(m_conversation, {}, 50));
    QVERIFY2(page, page ? "" : qPrintable(page.error().message));
    auto conversation = waitTask(session.api()->get(QStringLiteral("/v1/conversations/%1").arg(m_conversation)));
    QVERIFY(conversation);
    const QString messageId =
        conversation->body.value(QStringLiteral("last_message")).toObject().value(QStringLiteral("id")).toString();
    QVERIFY(!messageId.isEmpty());

    protocol::SyncPage update;
    const qint64 seq = session.cursor() + 1;
    update.events.append(protocol::Event{seq, protocol::eventName(protocol::EventType::ConversationUpdated), conversation->body});
    update.nextSince = seq;
    auto changes = waitTask(session.syncEngine()->applyPage(update));
    QVERIFY(changes);
    QCOMPARE(changes->applied, 1);
    QVERIFY(changes->changes.ids(storage::Table::Messages).contains(messageId));
    QVERIFY(!changes->changes.created(storage::Table::Messages).contains(messageId));
    QCOMPARE(applied.count(), 1);
    QTest::qWait(100);
    QCOMPARE(arrived.count(), 0);

    // A message the sync creates is news, through the same instance.
    QVERIFY(post(*m_friend, m_conversation, QStringLiteral("and a new one")));
    session.syncNow();
    QTRY_COMPARE_WITH_TIMEOUT(arrived.count(), 1, 15000);
    const auto news = arrived.at(0).at(0).value<QList<IncomingMessage>>();
    QCOMPARE(news.size(), 1);
    QCOMPARE(news.at(0).text, QStringLiteral("and a new one"));
}

void ChatTest::readMarkWaitsForTheChatToOpen()
{
    // The app opens a conversation (--page chat/<id>, or a notification) before the session
    // is Ready: the read mark is kept and sent once the chat is open and online.
    for (int i = 0; i < 3; ++i)
        QVERIFY(post(*m_friend, m_conversation, QStringLiteral("early %1").arg(i)));
    QVERIFY(syncedTo(*m_friend));
    m_chat.reset();
    m_fixture->reopen();
    Session &session = *m_fixture->session;
    m_chat = std::make_unique<ChatService>(&session);
    QVERIFY(!m_chat->outbox());
    m_chat->markRead(m_conversation); // not open yet
    session.restore();
    QVERIFY(waitIdle(session));
    if (session.state() == Session::State::NeedsPassphrase) {
        session.submitPassphrase(kPassphrase);
        QVERIFY(waitIdle(session));
    }
    QCOMPARE(session.state(), Session::State::Ready);

    net::ApiClient api;
    api.setBaseUrl(m_server->url());
    QVERIFY(waitTask(api.login(session.handle(), kPassword)));
    int unread = -1;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            auto c = waitTask(api.get(QStringLiteral("/v1/conversations/%1").arg(m_conversation)));
            unread = c ? c->body.value(QStringLiteral("unread")).toInt(-1) : -1;
            return unread == 0;
        }(),
        15000);
}

void ChatTest::sendAndDraftDoNotWaitForTheCacheLock()
{
    // Another connection holds the cache's write lock (what a long write elsewhere does).
    // send() and setDraft() hand their writes to the cache writer's thread and return: the
    // UI thread's event loop keeps turning while the writer waits, the message shows at once,
    // and it is stored (and goes out) once the lock is released.
    MessagesModel model;
    test::checkModel(&model);
    model.setChat(m_chat.get());
    model.setConversationId(m_conversation);
    const int before = model.rowCount();
    auto other = m_fixture->session->cache()->openConnection(false);
    QVERIFY(other);
    QVERIFY((*other)->exec(QStringLiteral("BEGIN IMMEDIATE;")));
    bool held = true;
    auto release = qScopeGuard([&] {
        if (held)
            (void)(*other)->exec(QStringLiteral("ROLLBACK;"));
    });

    QSignalSpy queued(m_chat.get(), &ChatService::messageQueued);
    QSignalSpy refused(m_chat.get(), &ChatService::sendRefused);
    QVERIFY(m_chat->send(m_conversation, QStringLiteral("sent while the cache was locked")));
    m_chat->setDraft(m_conversation, QStringLiteral("typed while the cache was locked"));
    QCOMPARE(m_chat->draft(m_conversation), QStringLiteral("typed while the cache was locked"));
    int ticks = 0;
    QTimer tick;
    tick.setInterval(5);
    connect(&tick, &QTimer::timeout, [&] { ++ticks; });
    tick.start();
    QTRY_VERIFY_WITH_TIMEOUT(ticks >= 20, 3000); // the event loop runs while the writer waits
    QCOMPARE(queued.count(), 0);                  // the lock really held the write back
    // …and the message shows at once all the same, as sending.
    QCOMPARE(model.rowCount(), before + 1);
    QCOMPARE(model.index(before).data(MessagesModel::StateRole).toString(), QStringLiteral("sending"));
    QCOMPARE(model.index(before).data(MessagesModel::TextRole).toString(), QStringLiteral("sent while the cache was locked"));

    QVERIFY((*other)->exec(QStringLiteral("COMMIT;")));
    held = false;
    QTRY_COMPARE_WITH_TIMEOUT(queued.count(), 1, 10000);
    QCOMPARE(refused.count(), 0);
    QCOMPARE(model.rowCount(), before + 1); // the same row, now from the cache
    QTRY_COMPARE_WITH_TIMEOUT(m_chat->pendingCount(), 0, 20000);
    QCOMPARE(serverMessages(*m_friend->api, m_conversation).constLast().value(QStringLiteral("text")).toString(),
             QStringLiteral("sent while the cache was locked"));
    // The draft reached the file: a new read connection sees it.
    QTRY_COMPARE_WITH_TIMEOUT(m_chat->draft(m_conversation), QStringLiteral("typed while the cache was locked"), 5000);
    auto reader = m_fixture->session->cache()->openConnection();
    QVERIFY(reader);
    auto stored = (*reader)->prepare(QStringLiteral("SELECT value FROM kv WHERE key = ?1;"));
    QVERIFY(stored);
    stored->bind(1, QStringLiteral("chat.draft.") + m_conversation);
    auto row = stored->step();
    QVERIFY(row && *row);
    QCOMPARE(stored->text(0), QStringLiteral("typed while the cache was locked"));
}

void ChatTest::sendWhileAReadMarkIsOnItsWay()
{
    // Open a conversation and type at once: the read mark's request is still on its way when
    // the message is queued, and the sync writer commits meanwhile. The read mark must not
    // keep a read transaction open across its request, or the outbox's next write fails
    // with SQLITE_BUSY_SNAPSHOT and the message sits unsent (seen once in CI).
    for (int i = 0; i < 3; ++i)
        QVERIFY(post(*m_friend, m_conversation, QStringLiteral("unread %1").arg(i)));
    QVERIFY(syncedTo(*m_friend));
    storage::Database &db = m_chat->outbox()->db();
    QCOMPARE(db.unfinishedStatements(), 0);

    m_chat->markRead(m_conversation); // suspended on its request now
    QCOMPARE(db.unfinishedStatements(), 0);
    {
        auto other = m_fixture->session->cache()->openConnection(false);
        QVERIFY(other);
        QVERIFY((*other)->exec(QStringLiteral("INSERT OR REPLACE INTO kv (key, value) VALUES ('test.other', 'x');")));
    }
    QSignalSpy sent(m_chat.get(), &ChatService::messageSent);
    QSignalSpy failed(m_chat.get(), &ChatService::messageFailed);
    auto queued = waitTask(m_chat->queue(m_conversation, QStringLiteral("typed while the read mark was sent")));
    QVERIFY2(queued, qPrintable(queued ? QString() : queued.error().message));
    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, 15000);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(serverMessages(*m_friend->api, m_conversation).constLast().value(QStringLiteral("text")).toString(),
             QStringLiteral("typed while the read mark was sent"));
    QCOMPARE(db.unfinishedStatements(), 0);
}

void ChatTest::moneyInMessagesIsInTheReadersLocale()
{
    // The friend's app wrote its request cards in its own locale ("€18.50", "3.20€"); the
    // reader sees the amount from the request, in the reader's locale, in the card, the
    // conversation list and notifications — whether the request names the reader (synced
    // into the cache) or anyone with the link (asked from the server).
    const QLocale french(QLocale::French, QLocale::France);
    const QLocale english(QLocale::English, QLocale::UnitedStates);
    const QLocale before;
    const auto restore = qScopeGuard([&] { QLocale::setDefault(before); });
    QLocale::setDefault(french);

    // What a desktop notification says (IncomingMessages, live).
    IncomingMessages incoming(m_fixture->session.get());
    QSignalSpy arrived(&incoming, &IncomingMessages::arrived);
    auto named = askMoney(*m_friend, 1850, QStringLiteral("Concert"), selfId());
    QVERIFY2(named, qPrintable(named ? QString() : named.error().message));
    auto open = askMoney(*m_friend, 320, QStringLiteral("Coffee"), {});
    QVERIFY(open);
    QVERIFY(post(*m_friend, m_conversation, QStringLiteral("€18.50 — Concert\nplaza://pay/") + *named));
    QVERIFY(syncedTo(*m_friend));
    const QString frenchConcertLine = QStringLiteral("🧾 ") + Money(1850, QStringLiteral("EUR")).format(french) + QStringLiteral(" · Concert");
    QTRY_VERIFY_WITH_TIMEOUT(!arrived.isEmpty(), 15000);
    const auto notified = arrived.last().at(0).value<QList<IncomingMessage>>();
    QCOMPARE(notified.size(), 1);
    QCOMPARE(notified.at(0).text, frenchConcertLine);

    ConversationsModel conversations;
    test::checkModel(&conversations);
    conversations.setChat(m_chat.get());
    QCOMPARE(conversations.rowCount(), 1);
    const QString frenchConcert = Money(1850, QStringLiteral("EUR")).format(french);
    QVERIFY(frenchConcert.startsWith(QStringLiteral("18,50")));
    QCOMPARE(conversations.index(0).data(ConversationsModel::LastMessagePreviewRole).toString(),
             QStringLiteral("🧾 ") + frenchConcert + QStringLiteral(" · Concert"));

    MessagesModel messages;
    test::checkModel(&messages);
    messages.setChat(m_chat.get());
    messages.setConversationId(m_conversation);
    const QModelIndex card = messages.index(messages.rowCount() - 1);
    QCOMPARE(card.data(MessagesModel::KindRole).toString(), QStringLiteral("request"));
    QCOMPARE(card.data(MessagesModel::FormattedAmountRole).toString(), frenchConcert);
    QCOMPARE(card.data(MessagesModel::AmountMinorRole).toLongLong(), 1850);
    QCOMPARE(card.data(MessagesModel::CurrencyRole).toString(), QStringLiteral("EUR"));
    QCOMPARE(card.data(MessagesModel::BodyRole).toString(), QStringLiteral("Concert"));
    QCOMPARE(card.data(MessagesModel::RequestStatusRole).toString(), QStringLiteral("open"));

    // The same cache read in English.
    QLocale::setDefault(english);
    QCOMPARE(card.data(MessagesModel::FormattedAmountRole).toString(), QStringLiteral("€18.50"));
    ConversationsModel inEnglish;
    test::checkModel(&inEnglish);
    inEnglish.setChat(m_chat.get());
    QCOMPARE(inEnglish.index(0).data(ConversationsModel::LastMessagePreviewRole).toString(),
             QStringLiteral("🧾 €18.50 · Concert"));

    // A request to anyone with the link is not in the reader's cache: the card asks the
    // server once, and never shows the sender's "3.20€".
    QLocale::setDefault(french);
    QVERIFY(post(*m_friend, m_conversation, QStringLiteral("3.20€ — Coffee\nplaza://pay/") + *open));
    QVERIFY(syncedTo(*m_friend));
    QTRY_COMPARE(messages.rowCount(), 2);
    const QModelIndex coffee = messages.index(1);
    QCOMPARE(coffee.data(MessagesModel::BodyRole).toString(), QStringLiteral("Coffee"));
    QTRY_COMPARE_WITH_TIMEOUT(messages.index(1).data(MessagesModel::FormattedAmountRole).toString(),
                              Money(320, QStringLiteral("EUR")).format(french), 15000);
    QCOMPARE(messages.index(1).data(MessagesModel::RequestStatusRole).toString(), QStringLiteral("open"));
    const QString preview = conversations.index(0).data(ConversationsModel::LastMessagePreviewRole).toString();
    QVERIFY2(!preview.contains(u"3.20"), qPrintable(preview));
    QCOMPARE(preview, QStringLiteral("🧾 Coffee"));

    // Notifications read the same line (IncomingMessages → messagePreview), on the cache.
    auto db = storage::Database::open(m_fixture->session->cachePath(), [&] {
        storage::OpenOptions o;
        o.rawKey = testCacheKey(*m_fixture->session);
        o.readOnly = true;
        return o;
    }());
    QVERIFY(db);
    const QString text = QStringLiteral("€18.50 — Concert\nplaza://pay/") + *named;
    QCOMPARE(messagePreview(**db, QStringLiteral("text"), text, {}, 0, french),
             QStringLiteral("🧾 ") + frenchConcert + QStringLiteral(" · Concert"));
    QCOMPARE(messagePreview(**db, QStringLiteral("text"), text, {}, 0, english), QStringLiteral("🧾 €18.50 · Concert"));
    QCOMPARE(messagePreview(**db, QStringLiteral("payment"), QStringLiteral("Popcorn"), QStringLiteral("EUR"), 320, french),
             Money(320, QStringLiteral("EUR")).format(french) + QStringLiteral(" · Popcorn"));
    // The note without the sender's amount, whatever locale wrote it.
    QCOMPARE(requestNoteFromText(QStringLiteral("5,00 € — Cinéma\nplaza://pay/r_1")), QStringLiteral("Cinéma"));
    QCOMPARE(requestNoteFromText(QStringLiteral("3.20€\nplaza://pay/r_1")), QString());
    QCOMPARE(requestNoteFromText(QStringLiteral("1 234,50 € — Loyer — mars\nplaza://pay/r_1")), QStringLiteral("Loyer — mars"));
    QCOMPARE(requestNoteFromText(QStringLiteral("Pay me back: plaza://pay/r_1")), QStringLiteral("Pay me back:"));
}

void ChatTest::firstUnreadIsTheBadgesOldest()
{
    for (int i = 0; i < 5; ++i)
        QVERIFY(post(*m_friend, m_conversation, QStringLiteral("seen %1").arg(i)));
    QVERIFY(syncedTo(*m_friend));
    MessagesModel messages;
    test::checkModel(&messages);
    messages.setChat(m_chat.get());
    messages.setConversationId(m_conversation);
    QCOMPARE(messages.firstUnreadId(), messages.index(0).data(MessagesModel::IdRole).toString());
    const QString lastSeen = messages.index(4).data(MessagesModel::IdRole).toString();
    QVERIFY(waitTask(m_fixture->session->api()->post(QStringLiteral("/v1/conversations/%1/read").arg(m_conversation),
                                                     {{QStringLiteral("up_to"), lastSeen}})));
    for (int i = 0; i < 3; ++i)
        QVERIFY(post(*m_friend, m_conversation, QStringLiteral("new %1").arg(i)));
    QVERIFY(syncedTo(*m_friend));
    // Kept while the conversation stays open; read again when it is opened again.
    QCOMPARE(messages.firstUnreadId(), messages.index(0).data(MessagesModel::IdRole).toString());
    messages.reload();
    QCOMPARE(messages.rowCount(), 8);
    QCOMPARE(messages.index(5).data(MessagesModel::TextRole).toString(), QStringLiteral("new 0"));
    QCOMPARE(messages.firstUnreadId(), messages.index(5).data(MessagesModel::IdRole).toString());
    // Once read, nothing is unread when it opens again.
    m_chat->markRead(m_conversation);
    QTRY_VERIFY_WITH_TIMEOUT([&] { messages.reload(); return messages.firstUnreadId().isEmpty(); }(), 15000);
}


namespace {

QStringList messageTexts(const MessagesModel &model)
{
    QStringList texts;
    for (int row = 0; row < model.rowCount(); ++row)
        texts << model.index(row).data(MessagesModel::TextRole).toString();
    return texts;
}

} // namespace

void ChatTest::messagesChangeInPlaceAndGoInByTime()
{
    for (int i = 0; i < 5; ++i)
        QVERIFY(post(*m_friend, m_conversation, QStringLiteral("m%1").arg(i)));
    QVERIFY(syncedTo(*m_friend));
    MessagesModel model;
    test::checkModel(&model);
    model.setChat(m_chat.get());
    model.setConversationId(m_conversation);
    QCOMPARE(messageTexts(model), QStringLiteral("m0 m1 m2 m3 m4").split(u' '));
    const QString id2 = model.index(2).data(MessagesModel::IdRole).toString();
    const QString at2 = model.index(2).data(MessagesModel::CreatedAtRole).toDateTime().toString(Qt::ISODateWithMs);
    QVERIFY(!id2.isEmpty());
    const QPersistentModelIndex kept(model.index(2));
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    // What the cache writer does for a batch: message 2 changed, and two new ones with its very
    // created_at, one sorting before it by id and one after (ids break created_at ties).
    {
        auto raw = m_fixture->session->cache()->openConnection(false);
        QVERIFY(raw);
        storage::Database &db = **raw;
        auto stored = db.prepare(QStringLiteral("SELECT created_at, sender_id FROM messages WHERE id = ?1;"));
        QVERIFY(stored);
        stored->bind(1, id2);
        auto row = stored->step();
        QVERIFY(row && *row);
        const QString createdAt = stored->text(0);
        const QString sender = stored->text(1);
        stored->reset();
        QVERIFY(!at2.isEmpty());
        QVERIFY(db.exec(QStringLiteral("UPDATE messages SET text = 'm2 edited' WHERE id = '%1';").arg(id2)));
        for (const auto &[id, text] : {std::pair{id2.chopped(1), QStringLiteral("tie before")},
                                       std::pair{QString(id2 + u'z'), QStringLiteral("tie after")}}) {
            auto insert = db.prepare(QStringLiteral("INSERT INTO messages (id, client_id, conversation_id, sender_id, text, "
                                                    "created_at, kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'text');"));
            QVERIFY(insert);
            insert->bindAll(id, QStringLiteral("tie-") + text, m_conversation, sender, text, createdAt);
            auto done = insert->step();
            QVERIFY(done);
            insert->reset();
        }
        sync::ChangeSet batch;
        batch.changes.add(storage::Table::Messages, id2);
        batch.changes.addCreated(storage::Table::Messages, id2.chopped(1));
        batch.changes.addCreated(storage::Table::Messages, id2 + u'z');
        Q_EMIT m_fixture->session->syncEngine()->applied(batch);
    }
    QCOMPARE(messageTexts(model), (QStringList{QStringLiteral("m0"), QStringLiteral("m1"), QStringLiteral("tie before"), QStringLiteral("m2 edited"),
                                                QStringLiteral("tie after"), QStringLiteral("m3"), QStringLiteral("m4")}));
    QCOMPARE(reset.count(), 0);
    // The same row (a view's delegate stays), changed in place and moved down by the insert.
    QVERIFY(kept.isValid());
    QCOMPARE(kept.row(), 3);
    QCOMPARE(kept.data(MessagesModel::IdRole).toString(), id2);
    const bool keptChanged = std::any_of(changed.cbegin(), changed.cend(), [&](const QList<QVariant> &args) {
        return args.at(0).toModelIndex().row() <= 2 && args.at(1).toModelIndex().row() >= 2;
    });
    QVERIFY(keptChanged); // signalled at its row before the insert moved it

    // Our message keeps its row from "sending" to "sent": moved into the history, never reset.
    QVERIFY(model.send(QStringLiteral("mine")));
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 8, 5000);
    const QPersistentModelIndex mine(model.index(7));
    QCOMPARE(mine.data(MessagesModel::StateRole).toString(), QStringLiteral("sending"));
    QTRY_COMPARE_WITH_TIMEOUT(m_chat->pendingCount(), 0, 20000);
    QVERIFY(syncedTo(*m_friend));
    QTRY_VERIFY_WITH_TIMEOUT(!mine.data(MessagesModel::IdRole).toString().isEmpty(), 10000);
    QVERIFY(mine.isValid());
    QCOMPARE(mine.row(), 7);
    QCOMPARE(mine.data(MessagesModel::TextRole).toString(), QStringLiteral("mine"));
    QCOMPARE(mine.data(MessagesModel::StateRole).toString(), QStringLiteral("sent"));
    QCOMPARE(model.rowCount(), 8);
    QCOMPARE(reset.count(), 0);
}

void ChatTest::messagesWindowStaysBounded()
{
    constexpr int kMessages = 120;
    for (int i = 0; i < kMessages; ++i)
        QVERIFY(post(*m_friend, m_conversation, QStringLiteral("w%1").arg(i, 3, 10, QLatin1Char('0'))));
    QVERIFY(syncedTo(*m_friend));
    MessagesModel model;
    test::checkModel(&model);
    model.setPageSize(10);
    model.setMaxRows(30);
    QCOMPARE(model.maxRows(), 30);
    model.setChat(m_chat.get());
    model.setConversationId(m_conversation);
    QVERIFY(model.atEnd());
    QCOMPARE(model.index(model.rowCount() - 1).data(MessagesModel::TextRole).toString(), QStringLiteral("w119"));
    const QString newestId = model.index(model.rowCount() - 1).data(MessagesModel::IdRole).toString();

    // Scrolling up to the first message: pages come in at the top, the newest go at the bottom.
    int pages = 0;
    while (model.canFetchOlder() && !model.atStart() && pages < 100) {
        model.fetchOlder();
        ++pages;
        QVERIFY2(model.rowCount() <= 30, qPrintable(QString::number(model.rowCount())));
    }
    QTRY_VERIFY_WITH_TIMEOUT(model.atStart(), 10000);
    QCOMPARE(model.rowCount(), 30);
    QVERIFY(!model.atEnd());
    QCOMPARE(model.index(0).data(MessagesModel::TextRole).toString(), QStringLiteral("w000"));
    QCOMPARE(model.index(29).data(MessagesModel::TextRole).toString(), QStringLiteral("w029"));
    // A new message past the window is not loaded (it is read when the list gets there).
    QVERIFY(post(*m_friend, m_conversation, QStringLiteral("w120")));
    QVERIFY(syncedTo(*m_friend));
    QCOMPARE(model.rowCount(), 30);
    QCOMPARE(model.index(29).data(MessagesModel::TextRole).toString(), QStringLiteral("w029"));

    // Down again, page by page: the window keeps its bottom and drops its top.
    while (!model.atEnd()) {
        model.fetchNewer();
        QVERIFY(model.rowCount() <= 30);
    }
    QCOMPARE(model.index(29).data(MessagesModel::TextRole).toString(), QStringLiteral("w120"));
    QCOMPARE(model.index(0).data(MessagesModel::TextRole).toString(), QStringLiteral("w091"));
    QVERIFY(!model.atStart());

    // Following the end: new messages drop the oldest loaded.
    for (int i = 121; i < 126; ++i)
        QVERIFY(post(*m_friend, m_conversation, QStringLiteral("w%1").arg(i)));
    QVERIFY(syncedTo(*m_friend));
    QTRY_COMPARE_WITH_TIMEOUT(model.index(29).data(MessagesModel::TextRole).toString(), QStringLiteral("w125"), 10000);
    QCOMPARE(model.rowCount(), 30);
    QCOMPARE(model.index(0).data(MessagesModel::TextRole).toString(), QStringLiteral("w096"));

    // A message far back: one window around it (a reset), not every page up to it.
    QString farId;
    {
        auto reader = m_fixture->session->cache()->openConnection();
        QVERIFY(reader);
        auto q = (*reader)->prepare(QStringLiteral("SELECT id FROM messages WHERE text = 'w005';"));
        QVERIFY(q);
        auto row = q->step();
        QVERIFY(row && *row);
        farId = q->text(0);
        q->reset();
    }
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    const int far = model.rowOf(farId);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(inserted.count(), 0);
    QVERIFY(far >= 0);
    QCOMPARE(model.index(far).data(MessagesModel::TextRole).toString(), QStringLiteral("w005"));
    QCOMPARE(far, 5); // five older ones above it, the window's other half below
    QCOMPARE(model.rowCount(), 5 + 15);
    QVERIFY(model.atStart());
    QVERIFY(!model.atEnd());
    QCOMPARE(model.rowOf(QStringLiteral("no-such-message")), -1);
    // The newest again: a window at the end.
    const int newest = model.rowOf(newestId);
    QVERIFY(newest >= 0);
    QCOMPARE(model.index(newest).data(MessagesModel::TextRole).toString(), QStringLiteral("w119"));
    QVERIFY(model.rowCount() <= 30);
    QVERIFY(model.atEnd());
    QCOMPARE(model.index(model.rowCount() - 1).data(MessagesModel::TextRole).toString(), QStringLiteral("w125"));
}

void ChatTest::aLargeBatchIsAppliedOverSeveralTurns()
{
    for (int i = 0; i < 3; ++i)
        QVERIFY(post(*m_friend, m_conversation, QStringLiteral("before %1").arg(i)));
    QVERIFY(syncedTo(*m_friend));
    MessagesModel model;
    test::checkModel(&model);
    model.setMaxRows(300);
    model.setChat(m_chat.get());
    model.setConversationId(m_conversation);
    QCOMPARE(model.rowCount(), 3);
    const QString firstId = model.index(0).data(MessagesModel::IdRole).toString();
    const QString secondId = model.index(1).data(MessagesModel::IdRole).toString();
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    // What the cache writer does for a first sync's page: 400 new messages of this conversation
    // (and 50 of another one, which the model must leave out), one loaded message changed and
    // one deleted, in one batch.
    auto raw = m_fixture->session->cache()->openConnection(false);
    QVERIFY(raw);
    storage::Database &db = **raw;
    QString sender;
    QString lastAt;
    {
        auto stored = db.prepare(QStringLiteral("SELECT sender_id, max(created_at) FROM messages WHERE conversation_id = ?1;"));
        QVERIFY(stored);
        stored->bind(1, m_conversation);
        auto row = stored->step();
        QVERIFY(row && *row);
        sender = stored->text(0);
        lastAt = stored->text(1);
        stored->reset();
    }
    const QDateTime base = QDateTime::fromString(lastAt, Qt::ISODateWithMs).addSecs(1);
    QVERIFY(base.isValid());
    auto insert = [&](const QString &id, const QString &conversation, const QString &text, int second) -> bool {
        auto stmt = db.prepare(QStringLiteral("INSERT INTO messages (id, client_id, conversation_id, sender_id, text, "
                                              "created_at, kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'text');"));
        if (!stmt)
            return false;
        stmt->bindAll(id, QStringLiteral("split-") + id, conversation, sender, text,
                      base.addSecs(second).toString(Qt::ISODateWithMs));
        const bool ok = stmt->step().ok();
        stmt->reset();
        return ok;
    };
    sync::ChangeSet batch;
    QVERIFY(db.begin());
    for (int i = 0; i < 400; ++i) {
        // Not in time order: the batch's order says nothing about the rows'.
        const int second = (i * 7) % 400;
        const QString id = QStringLiteral("m_split_%1").arg(second, 4, 10, QLatin1Char('0'));
        QVERIFY(insert(id, m_conversation, QStringLiteral("split %1").arg(second, 4, 10, QLatin1Char('0')), second));
        batch.changes.addCreated(storage::Table::Messages, id);
    }
    for (int i = 0; i < 50; ++i) {
        const QString id = QStringLiteral("m_elsewhere_%1").arg(i);
        QVERIFY(insert(id, QStringLiteral("c_elsewhere"), QStringLiteral("elsewhere"), i));
        batch.changes.addCreated(storage::Table::Messages, id);
    }
    QVERIFY(db.exec(QStringLiteral("UPDATE messages SET text = 'before 1, edited' WHERE id = '%1';").arg(secondId)));
    batch.changes.add(storage::Table::Messages, secondId);
    QVERIFY(db.exec(QStringLiteral("DELETE FROM messages WHERE id = '%1';").arg(firstId)));
    batch.changes.addRemoved(storage::Table::Messages, firstId);
    QVERIFY(db.commit());
    Q_EMIT m_fixture->session->syncEngine()->applied(batch);
    // Not all in this turn: at most a slice's worth of messages was read.
    QVERIFY(model.pendingCount() > 0);
    QVERIFY(model.rowCount() < 300);

    // A second batch before the first is done: one of its messages deleted, another changed.
    // What it says wins over what the first said of them.
    sync::ChangeSet later;
    QVERIFY(db.exec(QStringLiteral("DELETE FROM messages WHERE id = 'm_split_0399';")));
    later.changes.addRemoved(storage::Table::Messages, QStringLiteral("m_split_0399"));
    QVERIFY(db.exec(QStringLiteral("UPDATE messages SET text = 'split 0398, edited' WHERE id = 'm_split_0398';")));
    later.changes.add(storage::Table::Messages, QStringLiteral("m_split_0398"));
    Q_EMIT m_fixture->session->syncEngine()->applied(later);

    QTRY_COMPARE_WITH_TIMEOUT(model.pendingCount(), 0, 10000);
    QCOMPARE(reset.count(), 0);
    // Exactly the rows a fresh read of the window gives, in order.
    auto fresh = readMessages(db, selfId(), m_conversation, {}, {}, 300);
    QVERIFY(fresh);
    QCOMPARE(fresh->size(), 300);
    QCOMPARE(model.rowCount(), 300);
    QStringList expected;
    for (const MessageRow &r : std::as_const(*fresh))
        expected << r.id + u' ' + r.text;
    QStringList shown;
    for (int row = 0; row < model.rowCount(); ++row)
        shown << model.index(row).data(MessagesModel::IdRole).toString() + u' '
                     + model.index(row).data(MessagesModel::TextRole).toString();
    QCOMPARE(shown, expected);
    QCOMPARE(shown.constLast(), QStringLiteral("m_split_0398 split 0398, edited"));
    QVERIFY(model.atEnd());

    // A small batch (a live event) is applied at once, in its own turn.
    QVERIFY(insert(QStringLiteral("m_split_live"), m_conversation, QStringLiteral("live"), 1000));
    sync::ChangeSet live;
    live.changes.addCreated(storage::Table::Messages, QStringLiteral("m_split_live"));
    Q_EMIT m_fixture->session->syncEngine()->applied(live);
    QCOMPARE(model.pendingCount(), 0);
    QCOMPARE(model.index(model.rowCount() - 1).data(MessagesModel::TextRole).toString(), QStringLiteral("live"));
    QCOMPARE(model.rowCount(), 300);
}

QTEST_GUILESS_MAIN(ChatTest)


#include "tst_chat.moc"
