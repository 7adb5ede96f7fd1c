// SPDX-License-Identifier: MIT
#include "chat/messagesmodel.h"

#include "chat/chatservice.h"
#include "common/clock.h"
#include "common/logging.h"
#include "money/money.h"
#include "session/session.h"
#include "storage/database.h"
#include "sync/changeset.h"
#include "sync/syncengine.h"

#include <QCoroTask>
#include <QDateTime>

namespace plaza::chat {

namespace {

bool sameContent(const MessageRow &a, const MessageRow &b)
{
    return a.id == b.id && a.unsynced == b.unsynced && a.state == b.state && a.text == b.text && a.senderName == b.senderName
        && a.createdAt == b.createdAt && a.errorMessage == b.errorMessage;
}

} // namespace

MessagesModel::MessagesModel(QObject *parent) : QAbstractListModel(parent) { }

MessagesModel::~MessagesModel() = default;

void MessagesModel::setChat(ChatService *chat)
{
    if (m_chat == chat)
        return;
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_chat = chat;
    m_db.reset();
    if (m_chat) {
        Session *session = m_chat->session();
        m_connections << connect(session, &Session::stateChanged, this, [this] {
            m_db.reset();
            reload();
        });
        if (SyncEngine *engine = session->syncEngine())
            m_connections << connect(engine, &SyncEngine::applied, this, &MessagesModel::onApplied);
        m_connections << connect(session, &Session::localeChanged, this, [this] { // times, in the locale
            if (rowCount() > 0)
                Q_EMIT dataChanged(index(0), index(rowCount() - 1));
        });
        m_connections << connect(m_chat, &ChatService::outboxChanged, this, [this](const QString &id) {
            if (id == m_conversationId)
                refresh();
        });
        m_connections << connect(m_chat, &ChatService::typingChanged, this, [this](const QString &id) {
            if (id == m_conversationId)
                updateTyping();
        });
    }
    Q_EMIT chatChanged();
    reload();
}

void MessagesModel::setConversationId(const QString &id)
{
    if (m_conversationId == id)
        return;
    m_conversationId = id;
    Q_EMIT conversationIdChanged();
    reload();
}

void MessagesModel::setPageSize(int size)
{
    size = std::clamp(size, 1, 200);
    if (m_pageSize == size)
        return;
    m_pageSize = size;
    Q_EMIT pageSizeChanged();
}

QString MessagesModel::selfId() const
{
    return m_chat ? m_chat->session()->userId() : QString();
}

bool MessagesModel::ensureOpen()
{
    const Session *s = m_chat ? m_chat->session() : nullptr;
    QString error;
    if (s && s->ensureReader(m_db, &error))
        return true;
    if (!error.isEmpty())
        setError(error);
    return false;
}

void MessagesModel::reload()
{
    m_requestStatus.clear();
    // One reset with the new rows (not a reset to nothing and then an insert): a view gets a
    // single change to apply.
    QList<MessageRow> rows;
    bool cacheDone = true;
    bool serverDone = true;
    QString error;
    updateTitle();
    updateTyping();
    if (!m_conversationId.isEmpty() && ensureOpen()) {
        auto page = readMessages(*m_db, selfId(), m_conversationId, {}, {}, m_pageSize);
        auto unsent = readUnsent(*m_db, selfId(), m_conversationId);
        if (page && unsent) {
            cacheDone = page->size() < m_pageSize;
            rows = *page + *unsent;
        } else {
            error = page ? unsent.error().message : page.error().message;
            cacheDone = false;
        }
        serverDone = false;
    }
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
    setError(error);
    setExhausted(cacheDone, serverDone);
}

void MessagesModel::refresh()
{
    if (m_conversationId.isEmpty() || !ensureOpen())
        return;
    // The synced range loaded so far: from the oldest loaded synced message on.
    const MessageRow *oldest = nullptr;
    for (const MessageRow &r : std::as_const(m_rows)) {
        if (!r.unsynced) {
            oldest = &r;
            break;
        }
    }
    auto synced = oldest ? readMessagesFrom(*m_db, selfId(), m_conversationId, oldest->createdAt, oldest->id)
                         : readMessages(*m_db, selfId(), m_conversationId, {}, {}, m_pageSize);
    auto unsent = readUnsent(*m_db, selfId(), m_conversationId);
    if (!synced || !unsent) {
        setError(synced ? unsent.error().message : synced.error().message);
        return;
    }
    QList<MessageRow> rows = *synced;
    rows += *unsent;

    // Rows keep their identity (MessageRow::key): rows that went away are removed, new ones
    // inserted where they belong, changed ones updated — so a list view keeps its place. Only
    // a change of order among the rows that stay resets.
    QHash<QString, qsizetype> newAt;
    for (qsizetype i = 0; i < rows.size(); ++i)
        newAt.insert(rows.at(i).key(), i);
    qsizetype lastKept = -1;
    bool ordered = true;
    for (const MessageRow &r : std::as_const(m_rows)) {
        const qsizetype at = newAt.value(r.key(), -1);
        if (at < 0)
            continue;
        if (at < lastKept) {
            ordered = false;
            break;
        }
        lastKept = at;
    }
    if (!ordered || newAt.size() != rows.size()) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
        return;
    }
    for (qsizetype i = m_rows.size() - 1; i >= 0; --i) {
        if (!newAt.contains(m_rows.at(i).key())) {
            beginRemoveRows({}, int(i), int(i));
            m_rows.removeAt(i);
            endRemoveRows();
        }
    }
    for (qsizetype i = 0; i < rows.size(); ++i) {
        if (i < m_rows.size() && m_rows.at(i).key() == rows.at(i).key()) {
            if (!sameContent(rows.at(i), m_rows.at(i))) {
                m_rows[i] = rows.at(i);
                const QModelIndex at = index(int(i));
                Q_EMIT dataChanged(at, at);
            }
            continue;
        }
        beginInsertRows({}, int(i), int(i));
        m_rows.insert(i, rows.at(i));
        endInsertRows();
    }
}

void MessagesModel::onApplied(const sync::ChangeSet &changes)
{
    if (changes.reset) {
        reload();
        return;
    }
    if (m_conversationId.isEmpty())
        return;
    // A request changed state: its cards change in place.
    if (changes.changes.touches(QStringLiteral("payment_requests"))) {
        const QSet<QString> ids = changes.changes.rows.value(QStringLiteral("payment_requests"));
        for (const QString &id : ids)
            m_requestStatus.remove(id);
        for (qsizetype row = 0; row < m_rows.size(); ++row) {
            if (!m_rows.at(row).requestId.isEmpty() && ids.contains(m_rows.at(row).requestId))
                Q_EMIT dataChanged(index(int(row)), index(int(row)), {RequestStatusRole});
        }
    }
    if (changes.changes.touches(QStringLiteral("messages")) || changes.changes.touches(QStringLiteral("conversation_members"))
        || changes.changes.rows.value(QStringLiteral("conversations")).contains(m_conversationId)) {
        updateTitle();
        refresh();
    }
}

bool MessagesModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid() || m_loading || m_conversationId.isEmpty() || !m_chat)
        return false;
    if (!m_cacheExhausted)
        return true;
    return !m_serverExhausted && m_chat->session()->online();
}

void MessagesModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent) || !ensureOpen())
        return;
    if (!m_cacheExhausted) {
        if (prependFromCache())
            return;
    }
    fetchFromServer();
}

bool MessagesModel::prependFromCache()
{
    QString beforeAt;
    QString beforeId;
    for (const MessageRow &r : std::as_const(m_rows)) {
        if (!r.unsynced) {
            beforeAt = r.createdAt;
            beforeId = r.id;
            break;
        }
    }
    if (beforeAt.isEmpty() && !m_rows.isEmpty()) {
        // Only unsent rows: there is nothing synced to page from.
        setExhausted(true, m_serverExhausted);
        return false;
    }
    auto page = readMessages(*m_db, selfId(), m_conversationId, beforeAt, beforeId, m_pageSize);
    if (!page) {
        setError(page.error().message);
        return true;
    }
    if (!page->isEmpty()) {
        beginInsertRows({}, 0, int(page->size() - 1));
        m_rows = *page + m_rows;
        endInsertRows();
    }
    if (page->size() < m_pageSize) {
        setExhausted(true, m_serverExhausted);
        return !page->isEmpty();
    }
    return true;
}

void MessagesModel::fetchFromServer()
{
    if (!m_chat || m_serverExhausted || m_loading)
        return;
    QString beforeId;
    for (const MessageRow &r : std::as_const(m_rows)) {
        if (!r.unsynced) {
            beforeId = r.id;
            break;
        }
    }
    setLoading(true);
    QPointer<MessagesModel> self(this);
    const QString conversation = m_conversationId;
    auto task = m_chat->fetchOlder(conversation, beforeId, m_pageSize);
    QCoro::connect(std::move(task), this, [self, conversation](const Result<std::pair<int, bool>> &result) {
        if (!self)
            return;
        self->setLoading(false);
        if (conversation != self->m_conversationId)
            return;
        if (!result) {
            qCInfo(lcChat) << "older messages not fetched:" << result.error().codeName();
            return;
        }
        if (result->first > 0) {
            self->m_cacheExhausted = false;
            self->prependFromCache();
        }
        self->setExhausted(self->m_cacheExhausted, !result->second);
    });
}

void MessagesModel::updateTitle()
{
    ConversationRow row;
    if (!m_conversationId.isEmpty() && ensureOpen()) {
        if (auto c = readConversation(*m_db, selfId(), m_conversationId))
            row = std::move(c).value();
    }
    if (row.title != m_title || row.kind != m_kind || row.otherHandle != m_otherHandle
        || row.memberNames != m_memberNames) {
        m_title = row.title;
        m_kind = row.kind;
        m_otherHandle = row.otherHandle;
        m_memberNames = row.memberNames;
        Q_EMIT titleChanged();
    }
}

int MessagesModel::rowOf(const QString &messageId)
{
    if (messageId.isEmpty() || !ensureOpen())
        return -1;
    for (;;) {
        for (int i = 0; i < m_rows.size(); ++i) {
            if (m_rows.at(i).id == messageId)
                return i;
        }
        if (m_cacheExhausted || !prependFromCache())
            return -1;
    }
}

void MessagesModel::updateTyping()
{
    const QStringList names = m_chat && !m_conversationId.isEmpty() ? m_chat->typingNames(m_conversationId) : QStringList();
    if (names != m_typingNames) {
        m_typingNames = names;
        Q_EMIT typingNamesChanged();
    }
}

void MessagesModel::markRead()
{
    if (m_chat && !m_conversationId.isEmpty())
        m_chat->markRead(m_conversationId);
}

bool MessagesModel::send(const QString &text)
{
    return m_chat && m_chat->send(m_conversationId, text);
}

int MessagesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant MessagesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MessageRow &m = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return m.text;
    case IdRole:
        return m.id;
    case ClientIdRole:
        return m.clientId;
    case SenderIdRole:
        return m.senderId;
    case SenderNameRole:
        return m.senderName;
    case OwnRole:
        return m.own;
    case CreatedAtRole:
        return QDateTime::fromString(m.createdAt, Qt::ISODateWithMs).toUTC();
    case DayRole:
        return Clock::instance()->localDay(QDateTime::fromString(m.createdAt, Qt::ISODateWithMs)).toString(Qt::ISODate);
    case StateRole:
        return m.state;
    case KindRole:
        return m.kind;
    case AmountMinorRole:
        return m.currency.isEmpty() ? QVariant() : QVariant(m.amountMinor);
    case CurrencyRole:
        return m.currency;
    case FormattedAmountRole:
        return m.currency.isEmpty() ? QString() : Money(m.amountMinor, m.currency).format();
    case RequestIdRole:
        return m.requestId;
    case ErrorMessageRole:
        return m.errorMessage;
    case RequestStatusRole:
        return m.requestId.isEmpty() ? QString() : requestStatus(m.requestId);
    default:
        return {};
    }
}

QHash<int, QByteArray> MessagesModel::roleNames() const
{
    return {
        {IdRole, "id"},
        {ClientIdRole, "clientId"},
        {SenderIdRole, "senderId"},
        {SenderNameRole, "senderName"},
        {OwnRole, "own"},
        {TextRole, "text"},
        {CreatedAtRole, "createdAt"},
        {DayRole, "day"},
        {StateRole, "state"},
        {KindRole, "kind"},
        {AmountMinorRole, "amountMinor"},
        {CurrencyRole, "currency"},
        {FormattedAmountRole, "formattedAmount"},
        {RequestIdRole, "requestId"},
        {RequestStatusRole, "requestStatus"},
        {ErrorMessageRole, "errorMessage"},
    };
}

void MessagesModel::setLoading(bool loading)
{
    if (m_loading != loading) {
        m_loading = loading;
        Q_EMIT loadingChanged();
    }
}

void MessagesModel::setError(const QString &error)
{
    if (m_error != error) {
        m_error = error;
        Q_EMIT errorChanged();
    }
}

void MessagesModel::setExhausted(bool cache, bool server)
{
    const bool was = atStart();
    m_cacheExhausted = cache;
    m_serverExhausted = server;
    if (was != atStart())
        Q_EMIT atStartChanged();
}

} // namespace plaza::chat

namespace plaza::chat {

QString MessagesModel::requestStatus(const QString &requestId) const
{
    if (const auto it = m_requestStatus.constFind(requestId); it != m_requestStatus.constEnd())
        return *it;
    if (!m_db)
        return {};
    auto stmt = m_db->prepare(QStringLiteral("SELECT status FROM payment_requests WHERE id = ?1;"));
    if (!stmt)
        return {};
    stmt->bind(1, requestId);
    auto row = stmt->step();
    const QString status = row && *row ? stmt->text(0) : QString();
    m_requestStatus.insert(requestId, status);
    return status;
}

} // namespace plaza::chat
