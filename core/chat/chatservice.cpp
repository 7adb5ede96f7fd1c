// SPDX-License-Identifier: MIT
#include "chat/chatservice.h"
#include "protocol/events.h"

#include "common/clock.h"
#include "common/logging.h"
#include "common/nextsignal.h"
#include "net/apiclient.h"
#include "net/wssession.h"
#include "protocol/endpoints.h"
#include "protocol/types.h"
#include "session/session.h"
#include "storage/database.h"
#include "storage/kvstore.h"
#include "sync/eventapplier.h"

#include <QJsonArray>
#include <QUrlQuery>

#include <utility>

namespace plaza::chat {

namespace {

constexpr int kRetryMs = 3000;
constexpr qint64 kTypingSendEveryMs = 3000;
constexpr qint64 kTypingShowsMs = 5000;

QString draftKey(const QString &conversationId)
{
    return QStringLiteral("chat.draft.") + conversationId;
}

// Per account, in the cache (an id of someone's conversation is nobody else's business).
const QString kLastOpenedKey = QStringLiteral("chat.last_opened");

Error notOpen()
{
    return makeError(ErrorCode::CacheLocked, QStringLiteral("Chat is not open: the session is not ready."));
}

} // namespace

ChatService::ChatService(Session *session, QObject *parent) : QObject(parent), m_session(session)
{
    m_retryTimer.setSingleShot(true);
    m_retryTimer.setInterval(kRetryMs);
    connect(&m_retryTimer, &QTimer::timeout, this, &ChatService::flushSoon);
    m_typingSweep.setInterval(1000);
    connect(&m_typingSweep, &QTimer::timeout, this, &ChatService::sweepTyping);

    // Reconnecting is when unanswered messages can go: send then, with the same client_ids.
    connect(m_session, &Session::onlineChanged, this, [this] {
        if (m_session->online()) {
            flushSoon();
            sendUnsentRead();
        }
    });
    connect(m_session, &Session::stateChanged, this, [this] {
        if (m_session->state() == Session::State::Ready) {
            if (!m_outbox) {
                if (auto st = start(); !st)
                    qCWarning(lcChat) << "cannot open the message outbox:" << st.error().codeName();
            }
        } else {
            close();
        }
    });
    if (net::WsSession *live = m_session->live())
        connect(live, &net::WsSession::typing, this, &ChatService::onTyping);
}

ChatService::~ChatService() = default;

Status ChatService::start()
{
    if (m_outbox)
        return {};
    if (m_session->state() != Session::State::Ready)
        return notOpen();
    auto outbox = MessageOutbox::open(m_session->cachePath(), m_session->cacheKey());
    if (!outbox)
        return outbox.error();
    m_outbox = std::move(outbox).value();
    m_applier = std::make_unique<sync::EventApplier>(m_outbox->db(), m_session->userId());
    // Sent messages whose event arrived are history now.
    if (auto st = m_outbox->db().exec(QStringLiteral(
            "DELETE FROM message_outbox WHERE state = 'sent' AND EXISTS (SELECT 1 FROM messages m WHERE m.id = message_id);"));
        !st)
        qCWarning(lcChat) << "cannot prune the message outbox:" << st.error().codeName();
    refreshCounts();
    if (m_pending > 0)
        flushSoon();
    sendUnsentRead();
    Q_EMIT started();
    return {};
}

void ChatService::close()
{
    m_retryTimer.stop();
    m_applier.reset();
    m_outbox.reset();
    m_typingSeen.clear();
    refreshCounts();
}

Result<OutgoingMessage> ChatService::queue(const QString &conversationId, const QString &text)
{
    if (!m_outbox)
        return notOpen();
    const QVariantMap textField{{QStringLiteral("field"), QStringLiteral("text")}};
    if (conversationId.isEmpty())
        return makeError(ErrorCode::ValidationFailed, QStringLiteral("No conversation to send to."),
                         {{QStringLiteral("field"), QStringLiteral("conversation_id")}});
    if (text.trimmed().isEmpty())
        return makeError(ErrorCode::ValidationFailed, QStringLiteral("A message needs some text."), textField);
    if (text.toUcs4().size() > kMaxMessageChars)
        return makeError(ErrorCode::ValidationFailed,
                         QStringLiteral("A message is at most %1 characters.").arg(kMaxMessageChars), textField);
    auto stored = m_outbox->add(conversationId, text);
    if (!stored)
        return stored.error();
    qCInfo(lcChat) << "message queued" << stored->seq;
    refreshCounts();
    Q_EMIT messageQueued(conversationId, stored->clientId);
    Q_EMIT outboxChanged(conversationId);
    flushSoon();
    return stored;
}

bool ChatService::send(const QString &conversationId, const QString &text)
{
    auto stored = queue(conversationId, text);
    if (!stored) {
        Q_EMIT sendRefused(stored.error().codeName(), stored.error().message);
        return false;
    }
    setDraft(conversationId, {});
    return true;
}

void ChatService::flushSoon()
{
    if (!m_outbox)
        return;
    if (m_flushing) {
        m_flushQueued = true;
        return;
    }
    // Not a coroutine lambda: its captures would dangle once the timer dropped it.
    QTimer::singleShot(0, this, [this] { flushInBackground(); });
}

QCoro::Task<void> ChatService::flushInBackground()
{
    QPointer<ChatService> self(this);
    auto left = co_await flush();
    if (!self)
        co_return;
    if (!left)
        qCWarning(lcChat) << "sending queued messages failed:" << left.error().codeName() << left.error().message;
}

Error ChatService::stopFlushing(const Error &why)
{
    // The cache could not be read or written (a full disk, a lock held too long): the
    // messages stay queued in the outbox and are tried again later, never dropped.
    m_flushing = false;
    if (m_outbox)
        m_retryTimer.start();
    Q_EMIT flushFinished();
    return why;
}

QCoro::Task<Result<int>> ChatService::flush()
{
    if (!m_outbox)
        co_return notOpen();
    if (m_flushing) {
        m_flushQueued = true;
        QPointer<ChatService> waiting(this);
        co_await nextSignal(this, &ChatService::flushFinished);
        if (!waiting)
            co_return makeError(ErrorCode::Cancelled, QStringLiteral("chat closed"));
        co_return m_pending;
    }
    m_flushing = true;
    QPointer<ChatService> self(this);
    bool unanswered = false;
    for (;;) {
        m_flushQueued = false;
        if (!m_outbox)
            break;
        auto pending = m_outbox->pending();
        if (!pending) {
            co_return stopFlushing(pending.error());
        }
        if (pending->isEmpty())
            break;
        // Strictly in order: the oldest first, and nothing after it until it is answered.
        const OutgoingMessage m = pending->constFirst();
        if (auto st = m_outbox->markAttempt(m.clientId); !st) {
            co_return stopFlushing(st.error());
        }
        const QString path = protocol::endpoints::conversationMessages(m.conversationId);
        const QJsonObject body{{QStringLiteral("client_id"), m.clientId}, {QStringLiteral("text"), m.text}};
        auto reply = co_await m_session->api()->post(path, body);
        if (!self)
            co_return makeError(ErrorCode::Cancelled, QStringLiteral("chat closed"));
        if (!m_outbox) // signed out mid-try: the cache and the outbox are gone
            break;
        if (reply) {
            const QString messageId = reply->body.value(QStringLiteral("id")).toString();
            if (auto st = m_outbox->markSent(m.clientId, messageId); !st) {
                co_return stopFlushing(st.error());
            }
            qCInfo(lcChat) << "message sent" << m.seq << (reply->status == 200 ? "(already there)" : "");
            Q_EMIT messageSent(m.clientId, messageId);
            Q_EMIT outboxChanged(m.conversationId);
            continue;
        }
        const Error error = reply.error();
        if (error.isDefinitive()) {
            if (auto st = m_outbox->markFailed(m.clientId, error); !st) {
                co_return stopFlushing(st.error());
            }
            qCInfo(lcChat) << "message refused:" << error.codeName();
            Q_EMIT messageFailed(m.clientId, error.codeName(), error.message);
            Q_EMIT outboxChanged(m.conversationId);
            continue;
        }
        if (auto st = m_outbox->noteUnanswered(m.clientId, error); !st)
            qCWarning(lcChat) << "cannot note the failed try:" << st.error().codeName();
        qCInfo(lcChat) << "message unanswered, will retry:" << error.codeName();
        unanswered = true;
        break;
    }
    m_flushing = false;
    refreshCounts();
    if (unanswered)
        m_retryTimer.start();
    else if (m_flushQueued)
        flushSoon();
    Q_EMIT flushFinished();
    co_return m_pending;
}

void ChatService::retry(const QString &clientId)
{
    if (!m_outbox)
        return;
    auto m = m_outbox->find(clientId);
    if (!m)
        return;
    if (auto st = m_outbox->requeue(clientId); !st) {
        qCWarning(lcChat) << "cannot requeue a message:" << st.error().codeName();
        return;
    }
    refreshCounts();
    Q_EMIT outboxChanged(m->conversationId);
    flushSoon();
}

void ChatService::discard(const QString &clientId)
{
    if (!m_outbox)
        return;
    auto m = m_outbox->find(clientId);
    if (!m)
        return;
    if (auto st = m_outbox->discard(clientId); !st) {
        qCWarning(lcChat) << "cannot discard a message:" << st.error().codeName();
        return;
    }
    refreshCounts();
    Q_EMIT outboxChanged(m->conversationId);
}

void ChatService::refreshCounts()
{
    int pending = 0;
    int failed = 0;
    if (m_outbox) {
        auto counts = m_outbox->db().prepare(QStringLiteral(
            "SELECT coalesce(sum(state = 'sending'), 0), coalesce(sum(state = 'failed'), 0) FROM message_outbox;"));
        if (counts) {
            auto row = counts->step();
            if (row && *row) {
                pending = int(counts->int64(0));
                failed = int(counts->int64(1));
            }
        }
    }
    if (pending != m_pending || failed != m_failed) {
        m_pending = pending;
        m_failed = failed;
        Q_EMIT pendingChanged();
    }
}

QString ChatService::draft(const QString &conversationId) const
{
    if (!m_outbox)
        return {};
    auto value = storage::KvStore(m_outbox->db()).value(draftKey(conversationId));
    return value ? *value : QString();
}

void ChatService::setDraft(const QString &conversationId, const QString &text)
{
    if (!m_outbox || conversationId.isEmpty() || draft(conversationId) == text)
        return;
    // An empty draft is no draft: the key goes.
    const QString value = text.isEmpty() ? QString() : text;
    if (auto st = storage::KvStore(m_outbox->db()).setValues({{draftKey(conversationId), value}}); !st) {
        qCWarning(lcChat) << "cannot save a draft:" << st.error().codeName();
        return;
    }
    Q_EMIT draftChanged(conversationId);
}

QString ChatService::lastOpened() const
{
    if (!m_outbox)
        return {};
    auto value = storage::KvStore(m_outbox->db()).value(kLastOpenedKey);
    if (!value)
        qCWarning(lcChat) << "cannot read the open conversation:" << value.error().codeName();
    return value ? *value : QString();
}

void ChatService::setLastOpened(const QString &conversationId)
{
    if (!m_outbox || lastOpened() == conversationId)
        return;
    const QString value = conversationId.isEmpty() ? QString() : conversationId;
    if (auto st = storage::KvStore(m_outbox->db()).setValues({{kLastOpenedKey, value}}); !st)
        qCWarning(lcChat) << "cannot save the open conversation:" << st.error().codeName();
}

void ChatService::sendTyping(const QString &conversationId)
{
    net::WsSession *live = m_session->live();
    if (!live || !live->isConnected() || conversationId.isEmpty())
        return;
    const QDateTime now = Clock::instance()->nowUtc();
    const QDateTime last = m_typingSent.value(conversationId);
    if (last.isValid() && last.msecsTo(now) < kTypingSendEveryMs)
        return;
    m_typingSent.insert(conversationId, now);
    live->sendTyping(conversationId);
}

void ChatService::onTyping(const QString &conversationId, const QString &userId)
{
    if (userId == m_session->userId())
        return;
    m_typingSeen[conversationId].insert(userId, Clock::instance()->nowUtc().addMSecs(kTypingShowsMs));
    if (!m_typingSweep.isActive())
        m_typingSweep.start();
    Q_EMIT typingChanged(conversationId);
}

void ChatService::sweepTyping()
{
    const QDateTime now = Clock::instance()->nowUtc();
    QStringList changed;
    for (auto conv = m_typingSeen.begin(); conv != m_typingSeen.end();) {
        bool removed = false;
        for (auto user = conv->begin(); user != conv->end();) {
            if (*user <= now) {
                user = conv->erase(user);
                removed = true;
            } else {
                ++user;
            }
        }
        if (removed)
            changed.append(conv.key());
        if (conv->isEmpty())
            conv = m_typingSeen.erase(conv);
        else
            ++conv;
    }
    if (m_typingSeen.isEmpty())
        m_typingSweep.stop();
    for (const QString &id : std::as_const(changed))
        Q_EMIT typingChanged(id);
}

QStringList ChatService::typingNames(const QString &conversationId) const
{
    const auto users = m_typingSeen.value(conversationId);
    QStringList names;
    const QDateTime now = Clock::instance()->nowUtc();
    for (auto it = users.cbegin(); it != users.cend(); ++it) {
        if (it.value() <= now)
            continue;
        QString name;
        if (m_outbox) {
            auto stmt = m_outbox->db().prepare(
                QStringLiteral("SELECT coalesce(nullif(display_name, ''), handle) FROM users WHERE id = ?1;"));
            if (stmt) {
                stmt->bind(1, it.key());
                auto row = stmt->step();
                if (row && *row)
                    name = stmt->text(0);
            }
        }
        names.append(name.isEmpty() ? it.key() : name);
    }
    names.sort();
    return names;
}

Status ChatService::storeObjects(const QString &type, const QList<QJsonObject> &objects)
{
    if (!m_outbox || !m_applier)
        return notOpen();
    // The same write path as sync (EventApplier), without touching the sync cursor.
    return m_outbox->db().transaction([&]() -> Status {
        storage::RowChanges changes;
        for (const QJsonObject &o : objects) {
            protocol::Event e;
            e.type = type;
            e.data = o;
            auto applied = m_applier->applyEvent(e, changes);
            if (!applied)
                return applied.error();
        }
        return {};
    });
}

QCoro::Task<Result<QString>> ChatService::conversationWith(QString handleOrId)
{
    if (!m_outbox)
        co_return notOpen();
    QPointer<ChatService> self(this);
    handleOrId = handleOrId.trimmed();
    if (!handleOrId.startsWith(u'@')) {
        {
            auto known = m_outbox->db().prepare(QStringLiteral("SELECT 1 FROM conversations WHERE id = ?1;"));
            if (!known)
                co_return known.error();
            known->bind(1, handleOrId);
            auto row = known->step();
            if (!row)
                co_return row.error();
            if (*row)
                co_return handleOrId;
        } // finished before the request (see markReadAsync)
        auto reply = co_await m_session->api()->get(protocol::endpoints::conversation(handleOrId));
        if (!self)
            co_return makeError(ErrorCode::Cancelled, QStringLiteral("chat closed"));
        if (!reply)
            co_return reply.error();
        if (auto st = storeObjects(protocol::eventName(protocol::EventType::ConversationUpdated), {reply->body}); !st)
            co_return st.error();
        co_return reply->body.value(QStringLiteral("id")).toString();
    }

    const QString handle = handleOrId.mid(1).toLower();
    // The cache first: a direct conversation whose other member has this handle.
    {
        auto cached = m_outbox->db().prepare(QStringLiteral(
            "SELECT c.id FROM conversations c JOIN conversation_members cm ON cm.conversation_id = c.id "
            "JOIN users u ON u.id = cm.user_id WHERE c.kind = 'direct' AND u.handle = ?1 AND u.id <> ?2 LIMIT 1;"));
        if (!cached)
            co_return cached.error();
        cached->bindAll(handle, m_session->userId());
        auto row = cached->step();
        if (!row)
            co_return row.error();
        if (*row)
            co_return cached->text(0);
    }

    auto userId = co_await userIdFor(handle);
    if (!self)
        co_return makeError(ErrorCode::Cancelled, QStringLiteral("chat closed"));
    if (!userId)
        co_return userId.error();
    const QJsonObject body{{QStringLiteral("member_ids"), QJsonArray{*userId}}};
    co_return co_await createConversation(body);
}

QCoro::Task<Result<QString>> ChatService::createConversation(QJsonObject body)
{
    QPointer<ChatService> self(this);
    auto created = co_await m_session->api()->post(protocol::endpoints::conversations(), body);
    if (!self)
        co_return makeError(ErrorCode::Cancelled, QStringLiteral("chat closed"));
    if (!created)
        co_return created.error();
    // Stored through the applier, so the list has it before its events come.
    if (auto st = storeObjects(protocol::eventName(protocol::EventType::ConversationUpdated), {created->body}); !st)
        co_return st.error();
    co_return created->body.value(QStringLiteral("id")).toString();
}

QCoro::Task<Result<QString>> ChatService::userIdFor(QString handle)
{
    QPointer<ChatService> self(this);
    handle = handle.trimmed();
    if (handle.startsWith(u'@'))
        handle = handle.mid(1);
    handle = handle.toLower();
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("query"), handle);
    auto users = co_await m_session->api()->get(protocol::endpoints::users(), query);
    if (!self)
        co_return makeError(ErrorCode::Cancelled, QStringLiteral("chat closed"));
    if (!users)
        co_return users.error();
    for (const QJsonValue &v : users->body.value(QStringLiteral("items")).toArray()) {
        if (v.toObject().value(QStringLiteral("handle")).toString() == handle)
            co_return v.toObject().value(QStringLiteral("id")).toString();
    }
    co_return makeError(ErrorCode::NotFound, QStringLiteral("Nobody is called @%1.").arg(handle),
                        {{QStringLiteral("field"), QStringLiteral("handle")}});
}

QCoro::Task<Result<QString>> ChatService::createGroup(QString title, QStringList members)
{
    if (!m_outbox)
        co_return notOpen();
    QPointer<ChatService> self(this);
    title = title.trimmed();
    const qsizetype titleLength = title.toUcs4().size();
    if (titleLength < 1 || titleLength > kMaxGroupTitleChars)
        co_return makeError(ErrorCode::ValidationFailed,
                            QStringLiteral("A group needs a title of 1 to %1 characters.").arg(kMaxGroupTitleChars),
                            {{QStringLiteral("field"), QStringLiteral("title")}});
    // Ids as they are; handles ("@ana") looked up. Oneself and repeats are dropped.
    QStringList ids;
    for (const QString &member : std::as_const(members)) {
        QString id = member.trimmed();
        if (id.startsWith(u'@')) {
            auto found = co_await userIdFor(id);
            if (!self)
                co_return makeError(ErrorCode::Cancelled, QStringLiteral("chat closed"));
            if (!found)
                co_return found.error();
            id = *found;
        }
        if (!id.isEmpty() && id != m_session->userId() && !ids.contains(id))
            ids.append(id);
    }
    if (ids.isEmpty() || ids.size() > kMaxGroupMembers)
        co_return makeError(ErrorCode::ValidationFailed,
                            QStringLiteral("A group has 1 to %1 other people.").arg(kMaxGroupMembers),
                            {{QStringLiteral("field"), QStringLiteral("member_ids")}});
    const QJsonObject body{{QStringLiteral("member_ids"), QJsonArray::fromStringList(ids)}, {QStringLiteral("title"), title}};
    co_return co_await createConversation(body);
}

void ChatService::startGroup(const QString &title, const QStringList &members)
{
    groupTask(title, members);
}

QCoro::Task<void> ChatService::groupTask(QString title, QStringList members)
{
    QPointer<ChatService> self(this);
    auto id = co_await createGroup(title, members);
    if (!self)
        co_return;
    if (id)
        Q_EMIT conversationOpened(*id);
    else
        Q_EMIT conversationOpenFailed(id.error().codeName(), id.error().message);
}

QCoro::Task<Result<std::pair<int, bool>>> ChatService::fetchOlder(QString conversationId, QString beforeId, int limit)
{
    if (!m_outbox)
        co_return notOpen();
    QPointer<ChatService> self(this);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    if (!beforeId.isEmpty())
        query.addQueryItem(QStringLiteral("before"), beforeId);
    auto reply = co_await m_session->api()->get(protocol::endpoints::conversationMessages(conversationId), query);
    if (!self)
        co_return makeError(ErrorCode::Cancelled, QStringLiteral("chat closed"));
    if (!reply)
        co_return reply.error();
    QList<QJsonObject> items;
    for (const QJsonValue &v : reply->body.value(QStringLiteral("items")).toArray())
        items.append(v.toObject());
    if (auto st = storeObjects(protocol::eventName(protocol::EventType::MessageCreated), items); !st)
        co_return st.error();
    const bool more = reply->body.value(QStringLiteral("next_before")).isString();
    if (!items.isEmpty())
        Q_EMIT olderStored(conversationId);
    co_return std::pair<int, bool>(int(items.size()), more);
}

QCoro::Task<Status> ChatService::markReadAsync(QString conversationId)
{
    if (!m_outbox)
        co_return notOpen();
    // Read and finish the statement before the request: a statement left on its row would
    // hold a read transaction on the outbox's connection across the await, pinning an old
    // snapshot, and the outbox's next write would fail (SQLITE_BUSY_SNAPSHOT) as soon as
    // the sync writer committed meanwhile.
    QString newest;
    {
        auto stmt = m_outbox->db().prepare(QStringLiteral(
            "SELECT m.id, coalesce(c.read_up_to, ''), c.unread FROM messages m JOIN conversations c ON c.id = m.conversation_id "
            "WHERE m.conversation_id = ?1 ORDER BY m.created_at DESC, m.id DESC LIMIT 1;"));
        if (!stmt)
            co_return stmt.error();
        stmt->bind(1, conversationId);
        auto row = stmt->step();
        if (!row)
            co_return row.error();
        if (!*row)
            co_return Status();
        newest = stmt->text(0);
        if (newest == stmt->text(1) && stmt->int64(2) == 0)
            co_return Status(); // nothing new to mark
    }
    const QJsonObject body{{QStringLiteral("up_to"), newest}};
    auto reply = co_await m_session->api()->post(protocol::endpoints::conversationRead(conversationId), body);
    if (!reply)
        co_return reply.error();
    co_return Status();
}

void ChatService::markRead(const QString &conversationId)
{
    markReadTask(conversationId);
}

QCoro::Task<void> ChatService::markReadTask(QString conversationId)
{
    QPointer<ChatService> self(this);
    auto st = co_await markReadAsync(conversationId);
    if (!self)
        co_return;
    if (st) {
        if (m_unsentRead == conversationId)
            m_unsentRead.clear();
        co_return;
    }
    // Not open yet (a conversation opened at start-up, before the session is Ready) or no
    // answer (offline): kept, and sent once the chat opens or the connection is back. A
    // refusal (403, 404) is not retried.
    const ErrorCode code = st.error().code;
    if (code == ErrorCode::CacheLocked || code == ErrorCode::Network || code == ErrorCode::Timeout
        || code == ErrorCode::Internal) {
        m_unsentRead = conversationId;
        qCInfo(lcChat) << "read mark kept for later:" << st.error().codeName();
    } else {
        qCInfo(lcChat) << "read mark not sent:" << st.error().codeName();
    }
}

void ChatService::sendUnsentRead()
{
    if (m_unsentRead.isEmpty() || !m_outbox)
        return;
    const QString id = std::exchange(m_unsentRead, QString());
    markReadTask(id);
}

void ChatService::openConversationWith(const QString &handleOrId)
{
    openTask(handleOrId);
}

QCoro::Task<void> ChatService::openTask(QString handleOrId)
{
    QPointer<ChatService> self(this);
    auto id = co_await conversationWith(handleOrId);
    if (!self)
        co_return;
    if (id)
        Q_EMIT conversationOpened(*id);
    else
        Q_EMIT conversationOpenFailed(id.error().codeName(), id.error().message);
}

} // namespace plaza::chat
