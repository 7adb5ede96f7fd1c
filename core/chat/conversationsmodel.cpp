// SPDX-License-Identifier: MIT
#include "chat/conversationsmodel.h"

#include "chat/chatservice.h"
#include "chat/keyedlistmodel.h"
#include "common/modelrow.h"
#include "common/clock.h"
#include "common/logging.h"
#include "storage/database.h"
#include "sync/changeset.h"
#include "sync/syncengine.h"

#include <QDateTime>
#include <QSet>

namespace plaza::chat {

namespace {

bool sameContent(const ConversationRow &a, const ConversationRow &b)
{
    return a.title == b.title && a.lastMessagePreview == b.lastMessagePreview && a.lastActivityAt == b.lastActivityAt
        && a.unread == b.unread && a.hasUnsent == b.hasUnsent && a.memberNames == b.memberNames
        && a.lastMessageOwn == b.lastMessageOwn && a.readUpTo == b.readUpTo && a.muted == b.muted
        && a.mutedUntil == b.mutedUntil && a.blocked == b.blocked && a.lastMessageFromBlocked == b.lastMessageFromBlocked
        && a.membership == b.membership && a.unreadMentions == b.unreadMentions && a.admin == b.admin
        && a.request == b.request;
}

} // namespace

ConversationsModel::ConversationsModel(QObject *parent) : QAbstractListModel(parent) { }

ConversationsModel::~ConversationsModel() = default;

void ConversationsModel::setChat(ChatService *chat)
{
    if (m_chat == chat)
        return;
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_chat = chat;
    m_db.reset();
    if (m_chat) {
        storage::Cache *cache = m_chat->cache();
        m_connections << connect(cache, &storage::Cache::openChanged, this, [this] {
            m_db.reset();
            reload();
        });
        m_connections << connect(cache, &storage::Cache::changed, this, &ConversationsModel::onApplied);
        m_connections << connect(cache, &storage::Cache::changed, this, [this](const storage::ChangeSet &set) {
            if (set.changes.touches(storage::Table::MessageOutbox))
                scheduleRefresh();
        });
        m_connections << connect(m_chat, &ChatService::conversationOpened, this, &ConversationsModel::refresh);
    }
    Q_EMIT chatChanged();
    reload();
}

bool ConversationsModel::ensureOpen()
{
    const storage::Cache *cache = m_chat ? m_chat->cache() : nullptr;
    Error error;
    if (cache && cache->ensureReader(m_db, &error))
        return true;
    if (!error.message.isEmpty()) {
        qCWarning(lcChat) << "cannot read the cache:" << error.message;
        setError(errorCodeName(ErrorCode::Storage)); // the cache would not open
    }
    return false;
}

Result<QList<ConversationRow>> ConversationsModel::readFiltered()
{
    auto all = readConversations(*m_db, m_chat->cache()->ownerId());
    if (!all)
        return all.error();
    updateTotal(*all);
    const QString needle = foldForFilter(m_filter.trimmed());
    QList<ConversationRow> kept;
    for (const ConversationRow &c : std::as_const(*all)) {
        if (c.request != m_requests)
            continue;
        if (needle.isEmpty()) {
            kept.append(c);
            continue;
        }
        const QString hay = foldForFilter(c.title + u'\n' + c.memberNames.join(u'\n') + u'\n' + c.otherHandle + u'\n'
                                          + c.lastMessagePreview);
        if (hay.contains(needle))
            kept.append(c);
    }
    return kept;
}

void ConversationsModel::updateTotal(const QList<ConversationRow> &all)
{
    // Muted conversations do not count in the badge (docs/api.md "Safety").
    const QDateTime now = Clock::instance()->nowUtc();
    int total = 0;
    int requests = 0;
    for (const ConversationRow &c : all) {
        if (c.request) { // message requests do not count either (docs/api.md "Message requests")
            ++requests;
            continue;
        }
        total += c.isMuted(now) ? c.unreadMentions : c.unread; // a muted one counts its mentions only
    }
    if (requests != m_requestCount) {
        m_requestCount = requests;
        Q_EMIT requestCountChanged();
    }
    if (total != m_totalUnread) {
        m_totalUnread = total;
        Q_EMIT totalUnreadChanged();
    }
}

void ConversationsModel::setRequests(bool requests)
{
    if (m_requests == requests)
        return;
    m_requests = requests;
    Q_EMIT requestsChanged();
    reload();
}

void ConversationsModel::reload()
{
    beginResetModel();
    m_rows.clear();
    if (ensureOpen()) {
        auto rows = readFiltered();
        if (rows) {
            m_rows = *rows;
            setError({});
        } else {
            setError(rows.error().codeName());
        }
    }
    endResetModel();
}

void ConversationsModel::refresh()
{
    if (!ensureOpen())
        return;
    auto rows = readFiltered();
    if (!rows) {
        setError(rows.error().codeName());
        return;
    }
    // By id: a new conversation is inserted, one whose activity moved it (usually to the top)
    // is moved, a changed one updated, one that went removed — so a list view keeps its place.
    KeyedRows::apply(*this, m_rows, *rows, [](const ConversationRow &c) { return c.id; }, sameContent);
}

void ConversationsModel::onApplied(const sync::ChangeSet &changes)
{
    if (changes.reset) {
        reload();
        return;
    }
    // A conversation's row shows its members (users, conversation_members), last message and
    // activity (messages, conversations); the list is short, so it is read again and applied by id.
    using storage::Table;
    const storage::RowChanges &c = changes.changes;
    if (c.touches(Table::Conversations) || c.touches(Table::Messages) || c.touches(Table::Users)
        || c.touches(Table::ConversationMembers) || c.touches(Table::Blocks))
        scheduleRefresh();
}

void ConversationsModel::scheduleRefresh()
{
    if (m_refreshQueued)
        return;
    m_refreshQueued = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_refreshQueued = false;
            refresh();
        },
        Qt::QueuedConnection);
}

int ConversationsModel::indexOf(const QString &conversationId) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == conversationId)
            return int(i);
    }
    return -1;
}

QVariantMap ConversationsModel::get(int row) const
{
    return rowAsMap(*this, row);
}

int ConversationsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ConversationsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ConversationRow &c = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return c.title;
    case IdRole:
        return c.id;
    case KindRole:
        return c.kind;
    case InitialsRole:
        return c.initials;
    case MemberNamesRole:
        return c.memberNames;
    case OtherHandleRole:
        return c.otherHandle;
    case LastMessagePreviewRole:
        return c.lastMessagePreview;
    case LastMessageOwnRole:
        return c.lastMessageOwn;
    case LastActivityAtRole:
        // An invalid date, not an empty variant, for a new group without messages: QML passes
        // it on to Time.relative(), which cannot take undefined.
        return c.lastActivityAt.isEmpty() ? QDateTime() : QDateTime::fromString(c.lastActivityAt, Qt::ISODateWithMs).toUTC();
    case UnreadCountRole:
        return c.unread;
    case HasUnsentRole:
        return c.hasUnsent;
    case MutedRole:
        return c.isMuted(Clock::instance()->nowUtc());
    case MutedUntilRole:
        // An invalid date when not muted or muted with no end (see muted).
        return c.mutedUntil.isEmpty() ? QDateTime() : QDateTime::fromString(c.mutedUntil, Qt::ISODateWithMs).toUTC();
    case BlockedRole:
        return c.blocked;
    case OtherUserIdRole:
        return c.otherUserId;
    case LastMessageFromBlockedRole:
        return c.lastMessageFromBlocked;
    case UnreadMentionsRole:
        return c.unreadMentions;
    case MembershipRole:
        return c.membership;
    case AdminRole:
        return c.admin;
    case IsRequestRole:
        return c.request;
    default:
        return {};
    }
}

QHash<int, QByteArray> ConversationsModel::roleNames() const
{
    return {
        {IdRole, "id"},
        {KindRole, "kind"},
        {TitleRole, "title"},
        {InitialsRole, "initials"},
        {MemberNamesRole, "memberNames"},
        {OtherHandleRole, "otherHandle"},
        {LastMessagePreviewRole, "lastMessagePreview"},
        {LastMessageOwnRole, "lastMessageOwn"},
        {LastActivityAtRole, "lastActivityAt"},
        {UnreadCountRole, "unreadCount"},
        {HasUnsentRole, "hasUnsent"},
        {MutedRole, "muted"},
        {MutedUntilRole, "mutedUntil"},
        {BlockedRole, "blocked"},
        {OtherUserIdRole, "otherUserId"},
        {LastMessageFromBlockedRole, "lastMessageFromBlocked"},
        {UnreadMentionsRole, "unreadMentions"},
        {MembershipRole, "membership"},
        {AdminRole, "admin"},
        {IsRequestRole, "isRequest"},
    };
}

void ConversationsModel::setFilter(const QString &filter)
{
    if (m_filter == filter)
        return;
    m_filter = filter;
    Q_EMIT filterChanged();
    reload();
}

void ConversationsModel::setError(const QString &error)
{
    if (m_error != error) {
        m_error = error;
        Q_EMIT errorChanged();
    }
}

} // namespace plaza::chat
