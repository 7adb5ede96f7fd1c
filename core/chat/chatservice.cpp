// SPDX-License-Identifier: MIT
#include "chat/chatservice.h"
#include "protocol/events.h"

#include "common/clock.h"
#include "common/logging.h"
#include "net/apiclient.h"
#include "net/wssession.h"
#include "protocol/endpoints.h"
#include "protocol/types.h"
#include "session/accountcontext.h"
#include "storage/cache.h"
#include "storage/database.h"
#include "storage/kvstore.h"
#include "sync/cachewriter.h"

#include <QCoroFuture>
#include <QJsonArray>
#include <QUuid>
#include <QUrlQuery>

#include <utility>

namespace plaza::chat {

namespace {

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

Error closed()
{
    return makeError(ErrorCode::Cancelled, QStringLiteral("chat closed"));
}

// The outbox's other write commands: each runs on the cache writer's thread, on its connection.
QFuture<Status> pruneSent(sync::CacheWriter &writer)
{
    return writer.run([](storage::Database &db) { return MessageOutbox(db).pruneSynced(); });
}

void describeMessage(const OutgoingMessage &m, storage::RowChanges &changes)
{
    changes.add(storage::Table::MessageOutbox, m.conversationId);
}

} // namespace

ChatService::ChatService(AccountContext *context, QObject *parent) : QObject(parent), m_context(context)
{
    using Queue = outbox::Outbox<OutgoingMessage, QString>;
    Queue::Kind kind;
    kind.order = outbox::Order::Strict; // strictly in order: nothing overtakes an unanswered message
    kind.key = [](const OutgoingMessage &m) { return m.clientId; };
    kind.describe = describeMessage;
    kind.due = [this]() -> Result<QList<OutgoingMessage>> {
        if (!m_outbox)
            return notOpen();
        return m_outbox->pending();
    };
    kind.send = [this](OutgoingMessage m) { return postMessage(std::move(m)); };
    kind.markAttempt = [](storage::Database &db, const OutgoingMessage &m) { return MessageOutbox(db).markAttempt(m.clientId); };
    kind.markSent = [](storage::Database &db, const OutgoingMessage &m, const QString &messageId, storage::RowChanges &) {
        return MessageOutbox(db).markSent(m.clientId, messageId);
    };
    kind.markFailed = [](storage::Database &db, const OutgoingMessage &m, const Error &error, storage::RowChanges &) {
        return MessageOutbox(db).markFailed(m.clientId, error);
    };
    kind.markUnanswered = [](storage::Database &db, const OutgoingMessage &m, const Error &why, storage::RowChanges &) {
        return MessageOutbox(db).noteUnanswered(m.clientId, why);
    };
    kind.settled = [this](const OutgoingMessage &m, const Queue::Try &result) {
        switch (result.state) {
        case Queue::Try::State::Sent:
            qCInfo(lcChat) << "message sent" << m.seq;
            Q_EMIT messageSent(m.clientId, result.answer);
            break;
        case Queue::Try::State::Failed:
            qCInfo(lcChat) << "message refused:" << result.error.codeName();
            Q_EMIT messageFailed(m.clientId, result.error.codeName());
            break;
        case Queue::Try::State::Unanswered:
            qCInfo(lcChat) << "message unanswered, will retry:" << result.error.codeName();
            return;
        }
        refreshCounts();
    };
    m_queue = std::make_unique<Queue>(std::move(kind), RetryPolicy::messages(), [this] { return writer(); },
                                      m_context->cache());
    m_typingSweep.setInterval(1000);
    connect(&m_typingSweep, &QTimer::timeout, this, &ChatService::sweepTyping);

    // Reconnecting is when unanswered messages can go: send then, with the same client_ids.
    connect(m_context, &AccountContext::onlineChanged, this, [this] {
        if (m_context->online()) {
            if (m_outbox)
                m_queue->reconnected(); // the back-off starts again, and a round
            sendUnsentRead();
        }
    });
    connect(m_context, &AccountContext::readyChanged, this, [this] {
        if (m_context->ready()) {
            if (!m_outbox) {
                if (auto st = start(); !st)
                    qCWarning(lcChat) << "cannot open the message outbox:" << st.error().codeName();
            }
        } else {
            close();
        }
    });
    if (net::WsSession *live = m_context->live())
        connect(live, &net::WsSession::typing, this, &ChatService::onTyping);
}

ChatService::~ChatService() = default;

Status ChatService::start()
{
    if (m_outbox)
        return {};
    if (!m_context->ready())
        return notOpen();
    if (!writer())
        return notOpen();
    auto reader = m_context->cache()->openConnection(true);
    if (!reader)
        return reader.error();
    m_reader = std::move(reader).value();
    m_outbox = std::make_unique<MessageOutbox>(*m_reader);
    m_queue->open();
    pruneTask();
    refreshCounts();
    if (m_pending > 0)
        flushSoon();
    sendUnsentRead();
    Q_EMIT started();
    return {};
}

void ChatService::close()
{
    m_queue->close();
    m_outbox.reset();
    m_reader.reset();
    m_valuesOnTheirWay.clear();
    m_valueGeneration.clear();
    m_typingSeen.clear();
    refreshCounts();
}

sync::CacheWriter *ChatService::writer() const
{
    return m_context->writer();
}

QCoro::Task<void> ChatService::pruneTask()
{
    sync::CacheWriter *w = writer();
    if (!w)
        co_return;
    // Sent messages whose event arrived are history now.
    QFuture<Status> pruning = pruneSent(*w);
    const Status st = co_await pruning;
    if (!st)
        qCWarning(lcChat) << "cannot prune the message outbox:" << st.error().codeName();
}

Status ChatService::checkMessage(const QString &conversationId, const QString &text, int files) const
{
    if (!m_outbox || !writer())
        return notOpen();
    const QVariantMap textField{{QStringLiteral("field"), QStringLiteral("text")}};
    if (conversationId.isEmpty())
        return makeError(ErrorCode::ValidationFailed, QStringLiteral("No conversation to send to."),
                         {{QStringLiteral("field"), QStringLiteral("conversation_id")}});
    if (files > protocol::limits::kMaxMessageAttachments)
        return makeError(ErrorCode::ValidationFailed,
                         QStringLiteral("A message carries at most %1 files.").arg(protocol::limits::kMaxMessageAttachments),
                         {{QStringLiteral("field"), QStringLiteral("files")}});
    // With files the text may be empty, never only white space (like the server).
    if ((files == 0 || !text.isEmpty()) && text.trimmed().isEmpty())
        return makeError(ErrorCode::ValidationFailed, QStringLiteral("A message needs some text."), textField);
    if (text.toUcs4().size() > kMaxMessageChars)
        return makeError(ErrorCode::ValidationFailed,
                         QStringLiteral("A message is at most %1 characters.").arg(kMaxMessageChars), textField);
    return {};
}

QCoro::Task<Result<OutgoingMessage>> ChatService::queue(QString conversationId, QString text, QString replyTo,
                                                       QList<media::OutgoingFile> files, QString clientId)
{
    if (auto st = checkMessage(conversationId, text, int(files.size())); !st)
        co_return st.error();
    QPointer<ChatService> self(this);
    // Handed to the writer now (before the first suspension), so messages keep the order of
    // the calls; shown at once (onTheirWay) until it is committed.
    OutgoingMessage m;
    m.clientId = clientId.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : clientId;
    m.conversationId = conversationId;
    m.text = text;
    m.replyTo = replyTo;
    m.createdAt = Clock::instance()->nowUtc().toString(Qt::ISODateWithMs);
    m.files = std::move(files);
    outbox::Outbox<OutgoingMessage, QString>::ItemStore store = [](storage::Database &db, const OutgoingMessage &o,
                                                                     storage::RowChanges &) {
        return MessageOutbox(db).add(o.conversationId, o.text, o.clientId, o.createdAt, o.replyTo, o.files);
    };
    QCoro::Task<Result<OutgoingMessage>> storing = m_queue->add(m, std::move(store));
    Result<OutgoingMessage> stored = co_await std::move(storing);
    if (!self)
        co_return closed();
    if (!stored)
        co_return stored.error();
    qCInfo(lcChat) << "message queued" << stored->seq;
    refreshCounts();
    Q_EMIT messageQueued(conversationId, stored->clientId);
    flushSoon();
    co_return stored;
}

bool ChatService::send(const QString &conversationId, const QString &text)
{
    return sendReply(conversationId, text, {});
}

bool ChatService::sendReply(const QString &conversationId, const QString &text, const QString &replyTo)
{
    if (auto st = checkMessage(conversationId, text); !st) {
        qCInfo(lcChat) << "message refused:" << st.error().message;
        Q_EMIT sendRefused(st.error().codeName(), st.error().field());
        return false;
    }
    sendTask(conversationId, text, replyTo);
    setDraft(conversationId, {});
    return true;
}

QCoro::Task<void> ChatService::sendTask(QString conversationId, QString text, QString replyTo)
{
    QPointer<ChatService> self(this);
    auto stored = co_await queue(conversationId, text, replyTo);
    if (!self || stored)
        co_return;
    if (stored.error().code != ErrorCode::Cancelled) {
        qCWarning(lcChat) << "message not stored:" << stored.error().message;
        Q_EMIT sendRefused(stored.error().codeName(), stored.error().field());
    }
}

QList<OutgoingMessage> ChatService::onTheirWay(const QString &conversationId) const
{
    QList<OutgoingMessage> out;
    const QList<OutgoingMessage> handed = m_queue->onTheirWay();
    for (const OutgoingMessage &m : handed) {
        if (m.conversationId == conversationId)
            out.append(m);
    }
    return out;
}

void ChatService::flushSoon()
{
    if (m_outbox)
        m_queue->kick();
}

QCoro::Task<Result<QString>> ChatService::postMessage(OutgoingMessage m)
{
    const QString path = protocol::endpoints::conversationMessages(m.conversationId);
    QJsonObject body{{QStringLiteral("client_id"), m.clientId}};
    if (!m.replyTo.isEmpty())
        body.insert(QStringLiteral("reply_to"), m.replyTo);
    if (!m.text.isEmpty() || m.files.isEmpty())
        body.insert(QStringLiteral("text"), m.text);
    if (!m.files.isEmpty()) {
        // Its files first, each resumed where the row says it is; then the message, once.
        QPointer<ChatService> self(this);
        QCoro::Task<Result<QList<media::OutgoingFile>>> uploading = uploadFilesOf(m);
        auto uploaded = co_await std::move(uploading);
        if (!self)
            co_return closed();
        if (!uploaded)
            co_return uploaded.error();
        body.insert(QStringLiteral("attachments"), media::attachmentRefs(*uploaded));
    }
    auto reply = co_await m_context->api()->post(path, body);
    if (!reply)
        co_return reply.error();
    co_return reply->body.value(QStringLiteral("id")).toString();
}

QCoro::Task<Result<int>> ChatService::flush()
{
    if (!m_outbox)
        co_return notOpen();
    QPointer<ChatService> self(this);
    QCoro::Task<Result<outbox::Round>> round = m_queue->flush();
    auto done = co_await std::move(round);
    if (!self)
        co_return closed();
    refreshCounts();
    if (!done) {
        if (done.error().code == ErrorCode::Cancelled && !m_outbox)
            co_return m_pending; // signed out mid-round: the outbox went with the cache
        co_return done.error();
    }
    co_return m_pending;
}

void ChatService::retry(const QString &clientId)
{
    changeTask(clientId, true);
}

void ChatService::discard(const QString &clientId)
{
    m_abandoned.insert(clientId); // its upload stops before its next chunk
    changeTask(clientId, false);
}

QCoro::Task<void> ChatService::changeTask(QString clientId, bool requeue)
{
    if (!m_outbox || !writer())
        co_return;
    auto m = m_outbox->find(clientId);
    if (!m)
        co_return;
    QPointer<ChatService> self(this);
    outbox::Outbox<OutgoingMessage, QString>::ItemWrite changing =
        [requeue](storage::Database &db, const OutgoingMessage &o, storage::RowChanges &) {
            MessageOutbox box(db);
            return requeue ? box.requeue(o.clientId) : box.discard(o.clientId);
        };
    QCoro::Task<Status> change = m_queue->change(*m, std::move(changing));
    const Status st = co_await std::move(change);
    if (!self || !m_outbox)
        co_return;
    if (!st) {
        qCWarning(lcChat) << (requeue ? "cannot requeue a message:" : "cannot discard a message:") << st.error().codeName();
        co_return;
    }
    refreshCounts();
    if (requeue)
        flushSoon();
}

void ChatService::refreshCounts()
{
    int pending = 0;
    int failed = 0;
    if (m_outbox) {
        if (auto counts = m_outbox->counts()) {
            pending = counts->first;
            failed = counts->second;
        }
    }
    if (pending != m_pending || failed != m_failed) {
        m_pending = pending;
        m_failed = failed;
        Q_EMIT pendingChanged();
    }
}

QString ChatService::value(const QString &key) const
{
    if (!m_reader)
        return {};
    // A write on its way to the writer is what the user typed last: it wins over the file.
    if (auto pending = m_valuesOnTheirWay.constFind(key); pending != m_valuesOnTheirWay.cend())
        return *pending;
    auto value = storage::KvStore(*m_reader).value(key);
    if (!value)
        qCWarning(lcChat) << "cannot read a value of the cache:" << value.error().codeName();
    return value ? *value : QString();
}

void ChatService::setValue(const QString &key, const QString &value)
{
    const quint64 generation = ++m_generation;
    m_valuesOnTheirWay.insert(key, value);
    m_valueGeneration.insert(key, generation);
    setValueTask(key, value, generation);
}

QCoro::Task<void> ChatService::setValueTask(QString key, QString value, quint64 generation)
{
    QPointer<ChatService> self(this);
    sync::CacheWriter *w = writer();
    Status st = notOpen();
    if (w) {
        const QHash<QString, QString> values{{key, value}};
        QFuture<Status> writing = w->setValues(values);
        st = co_await writing;
    }
    if (!self)
        co_return;
    // Committed (or not): the file answers again, unless a newer value is on its way.
    if (m_valueGeneration.value(key) == generation) {
        m_valueGeneration.remove(key);
        m_valuesOnTheirWay.remove(key);
    }
    if (!st)
        qCWarning(lcChat) << "cannot save a value of the cache:" << st.error().codeName();
}

QString ChatService::draft(const QString &conversationId) const
{
    return value(draftKey(conversationId));
}

void ChatService::setDraft(const QString &conversationId, const QString &text)
{
    if (!m_outbox || conversationId.isEmpty() || draft(conversationId) == text)
        return;
    // An empty draft is no draft: the key goes.
    setValue(draftKey(conversationId), text.isEmpty() ? QString() : text);
    Q_EMIT draftChanged(conversationId);
}

QString ChatService::lastOpened() const
{
    return value(kLastOpenedKey);
}

void ChatService::setLastOpened(const QString &conversationId)
{
    if (!m_outbox || lastOpened() == conversationId)
        return;
    setValue(kLastOpenedKey, conversationId.isEmpty() ? QString() : conversationId);
}

void ChatService::sendTyping(const QString &conversationId)
{
    net::WsSession *live = m_context->live();
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
    if (userId == m_context->userId())
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
        if (m_reader) {
            // Someone the user blocked is not shown typing (a group they still share).
            auto stmt = m_reader->prepare(QStringLiteral("SELECT coalesce(nullif(display_name, ''), handle), "
                                                         "EXISTS (SELECT 1 FROM blocks b WHERE b.user_id = ?1) "
                                                         "FROM users WHERE id = ?1;"));
            if (stmt) {
                stmt->bind(1, it.key());
                auto row = stmt->step();
                if (row && *row) {
                    if (stmt->int64(1) != 0)
                        continue;
                    name = stmt->text(0);
                }
            }
        }
        names.append(name.isEmpty() ? it.key() : name);
    }
    names.sort();
    return names;
}

QCoro::Task<Status> ChatService::storeObjects(QString type, QList<QJsonObject> objects)
{
    sync::CacheWriter *w = writer();
    if (!m_outbox || !w)
        co_return notOpen();
    // The same write path as sync (the writer's EventApplier), without touching the sync cursor.
    QFuture<Status> storing = w->storeObjects(type, objects);
    co_return co_await storing;
}

QCoro::Task<Result<QString>> ChatService::conversationWith(QString handleOrId)
{
    if (!m_outbox)
        co_return notOpen();
    QPointer<ChatService> self(this);
    handleOrId = handleOrId.trimmed();
    if (!handleOrId.startsWith(u'@')) {
        {
            auto known = m_reader->prepare(QStringLiteral("SELECT 1 FROM conversations WHERE id = ?1;"));
            if (!known)
                co_return known.error();
            known->bind(1, handleOrId);
            auto row = known->step();
            if (!row)
                co_return row.error();
            if (*row)
                co_return handleOrId;
        } // finished before the request (see markReadAsync)
        auto reply = co_await m_context->api()->get(protocol::endpoints::conversation(handleOrId));
        if (!self)
            co_return closed();
        if (!reply)
            co_return reply.error();
        const QString type = protocol::eventName(protocol::EventType::ConversationUpdated);
        const QList<QJsonObject> objects{reply->body};
        const Status st = co_await storeObjects(type, objects);
        if (!self)
            co_return closed();
        if (!st)
            co_return st.error();
        co_return reply->body.value(QStringLiteral("id")).toString();
    }

    const QString handle = handleOrId.mid(1).toLower();
    // The cache first: a direct conversation whose other member has this handle.
    {
        auto cached = m_reader->prepare(QStringLiteral(
            "SELECT c.id FROM conversations c JOIN conversation_members cm ON cm.conversation_id = c.id "
            "JOIN users u ON u.id = cm.user_id WHERE c.kind = 'direct' AND u.handle = ?1 AND u.id <> ?2 LIMIT 1;"));
        if (!cached)
            co_return cached.error();
        cached->bindAll(handle, m_context->userId());
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
    auto created = co_await m_context->api()->post(protocol::endpoints::conversations(), body);
    if (!self)
        co_return makeError(ErrorCode::Cancelled, QStringLiteral("chat closed"));
    if (!created)
        co_return created.error();
    // Stored through the applier, so the list has it before its events come.
    const QString type = protocol::eventName(protocol::EventType::ConversationUpdated);
    const QList<QJsonObject> objects{created->body};
    const Status st = co_await storeObjects(type, objects);
    if (!self)
        co_return closed();
    if (!st)
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
    auto users = co_await m_context->api()->get(protocol::endpoints::users(), query);
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
        if (!id.isEmpty() && id != m_context->userId() && !ids.contains(id))
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
        Q_EMIT conversationOpenFailed(id.error().codeName(), id.error().field());
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
    auto reply = co_await m_context->api()->get(protocol::endpoints::conversationMessages(conversationId), query);
    if (!self)
        co_return makeError(ErrorCode::Cancelled, QStringLiteral("chat closed"));
    if (!reply)
        co_return reply.error();
    QList<QJsonObject> items;
    for (const QJsonValue &v : reply->body.value(QStringLiteral("items")).toArray())
        items.append(v.toObject());
    const QString type = protocol::eventName(protocol::EventType::MessageCreated);
    const Status st = co_await storeObjects(type, items);
    if (!self)
        co_return closed();
    if (!st)
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
        auto stmt = m_reader->prepare(QStringLiteral(
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
    auto reply = co_await m_context->api()->post(protocol::endpoints::conversationRead(conversationId), body);
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
        Q_EMIT conversationOpenFailed(id.error().codeName(), id.error().field());
}

storage::Cache *ChatService::cache() const
{
    return m_context ? m_context->cache() : nullptr;
}

} // namespace plaza::chat
