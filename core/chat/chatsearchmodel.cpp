// SPDX-License-Identifier: MIT
#include "chat/chatsearchmodel.h"

#include "chat/chatservice.h"
#include "chat/keyedlistmodel.h"
#include "common/logging.h"
#include "storage/database.h"
#include "sync/changeset.h"
#include "sync/syncengine.h"

#include <QDateTime>

namespace plaza::chat {

ChatSearchModel::ChatSearchModel(QObject *parent) : QAbstractListModel(parent)
{
    m_reloadSoon.setSingleShot(true);
    m_reloadSoon.setInterval(150);
    connect(&m_reloadSoon, &QTimer::timeout, this, &ChatSearchModel::refresh);
}

ChatSearchModel::~ChatSearchModel() = default;

void ChatSearchModel::setChat(ChatService *chat)
{
    if (m_chat == chat)
        return;
    disconnect(m_stateConnection);
    disconnect(m_appliedConnection);
    m_chat = chat;
    m_db.reset();
    if (m_chat) {
        m_stateConnection = connect(m_chat->cache(), &storage::Cache::openChanged, this, [this] {
            m_db.reset();
            reload();
        });
        // Results follow what arrives (a first sync, a new message) while a query is shown.
        m_appliedConnection = connect(m_chat->cache(), &storage::Cache::changed, this, &ChatSearchModel::onApplied);
    }
    Q_EMIT chatChanged();
    reload();
}

void ChatSearchModel::setQuery(const QString &query)
{
    if (m_query == query)
        return;
    m_query = query;
    Q_EMIT queryChanged();
    reload();
}

void ChatSearchModel::setLimit(int limit)
{
    limit = std::clamp(limit, 1, 500);
    if (m_limit == limit)
        return;
    m_limit = limit;
    Q_EMIT limitChanged();
    reload();
}

bool ChatSearchModel::ensureOpen()
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

void ChatSearchModel::reload()
{
    const int before = int(m_hits.size());
    beginResetModel();
    m_hits.clear();
    if (!ftsQuery(m_query).isEmpty() && ensureOpen()) {
        auto hits = searchMessages(*m_db, m_chat->cache()->ownerId(), m_query, m_limit);
        if (hits) {
            m_hits = *hits;
            setError({});
        } else {
            setError(hits.error().codeName());
        }
    }
    endResetModel();
    if (before != m_hits.size())
        Q_EMIT countChanged();
}

void ChatSearchModel::refresh()
{
    if (ftsQuery(m_query).isEmpty() || !ensureOpen())
        return;
    auto hits = searchMessages(*m_db, m_chat->cache()->ownerId(), m_query, m_limit);
    if (!hits) {
        setError(hits.error().codeName());
        return;
    }
    setError({});
    const int before = int(m_hits.size());
    KeyedRows::apply(*this, m_hits, *hits, [](const SearchHit &h) { return h.messageId; },
                     [](const SearchHit &a, const SearchHit &b) {
                         return a.conversationTitle == b.conversationTitle && a.senderName == b.senderName
                             && a.createdAt == b.createdAt && a.snippetHtml == b.snippetHtml
                             && a.conversationId == b.conversationId;
                     });
    if (before != m_hits.size())
        Q_EMIT countChanged();
}

bool ChatSearchModel::mightChange(const sync::ChangeSet &changes)
{
    using storage::Table;
    const storage::RowChanges &c = changes.changes;
    if (changes.reset || c.touches(Table::Users))
        return true; // everything, or a sender's name
    QSet<QString> shownConversations;
    for (const SearchHit &h : std::as_const(m_hits)) {
        if (c.ids(Table::Messages).contains(h.messageId))
            return true; // a hit's text changed, or it went
        shownConversations.insert(h.conversationId);
    }
    if (c.ids(Table::Conversations).intersects(shownConversations))
        return true; // a title
    // Another message: only one the query matches can enter the results.
    const QList<QString> ids = (c.ids(Table::Messages) - c.removed(Table::Messages)).values();
    if (ids.isEmpty() || !ensureOpen())
        return false;
    constexpr qsizetype kChunk = 400; // under SQLite's 999 variables
    for (qsizetype first = 0; first < ids.size(); first += kChunk) {
        const qsizetype n = std::min(kChunk, ids.size() - first);
        QStringList marks;
        for (qsizetype i = 0; i < n; ++i)
            marks.append(QStringLiteral("?%1").arg(i + 2));
        auto stmt = m_db->prepare(QStringLiteral("SELECT 1 FROM messages m WHERE m.id IN (%1) AND m.rowid IN "
                                                 "(SELECT docid FROM message_search WHERE message_search MATCH ?1) LIMIT 1;")
                                      .arg(marks.join(u',')));
        if (!stmt)
            return true; // cannot tell: read it again
        stmt->bind(1, ftsQuery(m_query));
        for (qsizetype i = 0; i < n; ++i)
            stmt->bind(int(i + 2), ids.at(first + i));
        auto row = stmt->step();
        if (!row || *row)
            return true;
    }
    return false;
}

void ChatSearchModel::onApplied(const sync::ChangeSet &changes)
{
    if (!ftsQuery(m_query).isEmpty() && mightChange(changes))
        m_reloadSoon.start();
}

int ChatSearchModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_hits.size());
}

QVariant ChatSearchModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SearchHit &h = m_hits.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case SnippetRole:
        return h.snippet;
    case MessageIdRole:
        return h.messageId;
    case ConversationIdRole:
        return h.conversationId;
    case ConversationTitleRole:
        return h.conversationTitle;
    case SenderNameRole:
        return h.senderName;
    case CreatedAtRole:
        return QDateTime::fromString(h.createdAt, Qt::ISODateWithMs).toUTC();
    case SnippetHtmlRole:
        return h.snippetHtml;
    default:
        return {};
    }
}

QHash<int, QByteArray> ChatSearchModel::roleNames() const
{
    return {
        {MessageIdRole, "messageId"},
        {ConversationIdRole, "conversationId"},
        {ConversationTitleRole, "conversationTitle"},
        {SenderNameRole, "senderName"},
        {CreatedAtRole, "createdAt"},
        {SnippetRole, "snippet"},
        {SnippetHtmlRole, "snippetHtml"},
    };
}

void ChatSearchModel::setError(const QString &error)
{
    if (m_error != error) {
        m_error = error;
        Q_EMIT errorChanged();
    }
}

} // namespace plaza::chat
