// SPDX-License-Identifier: MIT
#include "chat/messagesmodel.h"

#include "chat/chatservice.h"
#include "chat/keyedlistmodel.h"
#include "chat/messageactionroles.h"
#include "common/clock.h"
#include "common/logging.h"
#include "media/attachmentview.h"
#include "money/money.h"
#include "net/apiclient.h"
#include "protocol/endpoints.h"
#include "protocol/json.h"
#include "protocol/types.h"
#include "protocol/wallet.h"
#include "session/accountcontext.h"
#include "storage/cache.h"
#include "storage/database.h"
#include "sync/changeset.h"
#include "sync/syncengine.h"

#include <QCoroTask>
#include <QDateTime>
#include <QScopedValueRollback>
#include <QSet>

#include <algorithm>
#include <utility>

namespace plaza::chat {

namespace {

//! History order: true when \a a comes before \a b.
bool before(const MessageRow &a, const MessageRow &b)
{
    return a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.id < b.id;
}

QString keyOf(const MessageRow &r)
{
    return r.key();
}

bool sameContent(const MessageRow &a, const MessageRow &b)
{
    return a.id == b.id && a.unsynced == b.unsynced && a.state == b.state && a.text == b.text && a.senderName == b.senderName
        && a.createdAt == b.createdAt && a.errorMessage == b.errorMessage && a.kind == b.kind && a.amountMinor == b.amountMinor
        && a.currency == b.currency && a.requestId == b.requestId && a.attachments == b.attachments
        && a.senderBlocked == b.senderBlocked && sameActions(a, b);
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
        storage::Cache *cache = m_chat->cache();
        m_connections << connect(cache, &storage::Cache::openChanged, this, [this] {
            m_db.reset();
            reload();
        });
        m_connections << connect(cache, &storage::Cache::changed, this, &MessagesModel::onApplied);
        m_connections << connect(cache, &storage::Cache::localeChanged, this, [this] { // times, in the locale
            if (rowCount() > 0)
                Q_EMIT dataChanged(index(0), index(rowCount() - 1));
        });
        m_connections << connect(cache, &storage::Cache::changed, this, [this](const storage::ChangeSet &set) {
            if (set.changes.ids(storage::Table::MessageOutbox).contains(m_conversationId)) // the unsent tail
                refreshOutbox();
        });
        m_connections << connect(m_chat, &ChatService::typingChanged, this, [this](const QString &id) {
            if (id == m_conversationId)
                updateTyping();
        });
        // A file of an unsent message on its way: that row's bar moves (the row itself is
        // re-read when the outbox row changes).
        m_connections << connect(m_chat, &ChatService::uploadProgress, this,
                                 [this](const QString &clientId, int file, qint64 done, qint64 total) {
                                     m_uploads.insert(clientId, QVariantMap{{QStringLiteral("file"), file},
                                                                            {QStringLiteral("done"), done},
                                                                            {QStringLiteral("total"), total}});
                                     for (qsizetype row = m_rows.size() - 1; row >= 0; --row) {
                                         if (m_rows.at(row).unsynced && m_rows.at(row).clientId == clientId) {
                                             Q_EMIT dataChanged(index(int(row)), index(int(row)), {UploadProgressRole});
                                             break;
                                         }
                                     }
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
    return m_chat ? m_chat->cache()->ownerId() : QString();
}

bool MessagesModel::ensureOpen()
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

void MessagesModel::reload()
{
    clearPending(); // the rows are read afresh
    m_requests.clear();
    m_requestsAsked.clear();
    // One reset with the new rows (not a reset to nothing and then an insert): a view gets a
    // single change to apply.
    QList<MessageRow> rows;
    bool cacheDone = true;
    bool serverDone = true;
    QString error;
    QString firstUnread;
    updateTitle();
    updateTyping();
    if (!m_conversationId.isEmpty() && ensureOpen()) {
        firstUnread = readFirstUnread();
        auto page = readMessages(*m_db, selfId(), m_conversationId, {}, {}, m_pageSize);
        auto unsent = readUnsent(*m_db, selfId(), m_conversationId);
        if (page && unsent) {
            cacheDone = page->size() < m_pageSize;
            rows = *page + *unsent;
        } else {
            error = page ? unsent.error().codeName() : page.error().codeName();
            cacheDone = false;
        }
        serverDone = false;
    }
    // Before the reset: the delegates made for the new rows see it.
    const bool unreadChanged = firstUnread != m_firstUnreadId;
    m_firstUnreadId = firstUnread;
    if (unreadChanged)
        Q_EMIT firstUnreadIdChanged();
    {
        const QScopedValueRollback<bool> changing(m_changing, true);
        beginResetModel();
        m_rows = std::move(rows);
        m_indexStale = true;
        endResetModel();
    }
    setError(error);
    setExhausted(cacheDone, serverDone);
    setAtEnd(true);
}

QString MessagesModel::readFirstUnread()
{
    // The conversation's unread count is the badge's; the first unread is that many others'
    // messages back from the newest after the read mark (or, if the cache has fewer, the
    // oldest of them it has).
    const QString query = QStringLiteral(
        "SELECT m.id FROM messages m WHERE m.conversation_id = ?1 AND m.sender_id <> ?2 AND m.created_at > "
        "coalesce((SELECT r.created_at FROM conversations c JOIN messages r ON r.id = c.read_up_to WHERE c.id = ?1), '') "
        "ORDER BY m.created_at %1, m.id %1 LIMIT 1 OFFSET ?3;");
    auto unread = m_db->prepare(QStringLiteral("SELECT unread FROM conversations WHERE id = ?1;"));
    if (!unread)
        return {};
    unread->bind(1, m_conversationId);
    auto row = unread->step();
    const qint64 count = row && *row ? unread->int64(0) : 0;
    unread->reset();
    if (count <= 0)
        return {};
    for (const bool fromNewest : {true, false}) {
        auto stmt = m_db->prepare(query.arg(fromNewest ? QStringLiteral("DESC") : QStringLiteral("ASC")));
        if (!stmt)
            return {};
        stmt->bindAll(m_conversationId, selfId(), fromNewest ? count - 1 : 0);
        auto found = stmt->step();
        if (found && *found) {
            const QString id = stmt->text(0);
            stmt->reset();
            return id;
        }
    }
    return {};
}

void MessagesModel::refresh()
{
    if (m_conversationId.isEmpty() || !ensureOpen())
        return;
    // The synced range loaded: from the oldest loaded synced message on, to the end when the
    // window reaches it (with what came since), else as many as are loaded.
    const qsizetype loaded = syncedCount();
    Result<QList<MessageRow>> synced = QList<MessageRow>();
    if (loaded > 0) {
        const int limit = m_atEnd ? -1 : int(loaded);
        synced = readMessagesFrom(*m_db, selfId(), m_conversationId, m_rows.first().createdAt, m_rows.first().id, limit);
    } else if (m_atEnd) {
        synced = readMessages(*m_db, selfId(), m_conversationId, {}, {}, m_pageSize);
    }
    if (!synced) {
        setError(synced.error().codeName());
        return;
    }
    QList<MessageRow> rows = std::move(synced).value();
    if (m_atEnd) {
        QList<MessageRow> tail;
        if (!readTail(&tail))
            return;
        rows += tail;
    }
    // The conversation's first messages reach a view opened before the cache had them (at
    // start-up, during the first sync): where the unread ones start is known only now.
    if (m_rows.isEmpty() && !rows.isEmpty() && m_firstUnreadId.isEmpty()) {
        m_firstUnreadId = readFirstUnread();
        if (!m_firstUnreadId.isEmpty())
            Q_EMIT firstUnreadIdChanged();
    }
    const QScopedValueRollback<bool> changing(m_changing, true);
    applyRows(std::move(rows));
    trimWindow(Drop::AsFollowing);
}

bool MessagesModel::readTail(QList<MessageRow> *tail)
{
    auto unsent = readUnsent(*m_db, selfId(), m_conversationId);
    if (!unsent) {
        setError(unsent.error().codeName());
        return false;
    }
    *tail = std::move(unsent).value();
    // Sent from this window a moment ago, on its way to the cache writer: shown at once.
    QSet<QString> stored;
    for (const MessageRow &r : std::as_const(*tail))
        stored.insert(r.clientId);
    const QList<OutgoingMessage> onTheirWay = m_chat ? m_chat->onTheirWay(m_conversationId) : QList<OutgoingMessage>();
    for (const OutgoingMessage &m : onTheirWay) {
        if (stored.contains(m.clientId))
            continue;
        MessageRow r;
        r.clientId = m.clientId;
        r.text = m.text;
        r.createdAt = m.createdAt;
        r.state = QStringLiteral("sending");
        r.conversationId = m_conversationId;
        r.senderId = selfId();
        r.own = true;
        r.unsynced = true;
        r.kind = QStringLiteral("text");
        tail->append(std::move(r));
    }
    return true;
}

void MessagesModel::refreshOutbox()
{
    if (m_conversationId.isEmpty() || !ensureOpen())
        return;
    if (m_rows.isEmpty()) { // nothing loaded yet: the first page too
        refresh();
        return;
    }
    if (!m_atEnd)
        return; // the outbox shows after the newest message, which is not loaded
    QList<MessageRow> tail;
    if (!readTail(&tail))
        return;
    QSet<QString> still;
    for (const MessageRow &r : std::as_const(tail))
        still.insert(r.key());
    // A message that left the outbox went into the history: read by its id, it takes its place
    // there (the same row, moved), so that it never disappears for a moment in between. One
    // without an id yet (its answer lost, matched by client_id): the loaded range is read again.
    QStringList left;
    for (qsizetype i = syncedCount(); i < m_rows.size(); ++i) {
        const MessageRow &r = m_rows.at(i);
        if (still.contains(r.key()))
            continue;
        if (r.id.isEmpty()) {
            refresh();
            return;
        }
        left.append(r.id);
    }
    const QScopedValueRollback<bool> changing(m_changing, true);
    if (!left.isEmpty()) {
        auto read = readMessagesById(*m_db, selfId(), m_conversationId, left);
        if (!read) {
            setError(read.error().codeName());
            return;
        }
        applySynced(*read, {});
    }
    // Only the tail is compared as a list (a few rows), never the history above it.
    ensureIndex();
    const qsizetype synced = syncedCount();
    // …less what is in the history already (by id, or our message by its client id: one still
    // on its way to the writer whose message came by sync meanwhile).
    tail.removeIf([this, synced](const MessageRow &r) {
        const auto at = r.id.isEmpty() ? m_byId.constEnd() : m_byId.constFind(r.id);
        const auto own = m_ownByClientId.constFind(r.clientId);
        return (at != m_byId.constEnd() && *at < synced) || (own != m_ownByClientId.constEnd() && *own < synced);
    });
    KeyedRows::apply(*this, m_rows, synced, tail, keyOf, sameContent);
    m_indexStale = true;
    trimWindow(Drop::AsFollowing);
}

void MessagesModel::applyRows(QList<MessageRow> rows)
{
    // Rows keep their identity (MessageRow::key): rows that went away are removed, new ones
    // inserted where they belong, moved ones moved, changed ones updated — so a list view keeps
    // its place. A key twice (never expected) keeps its first row.
    QSet<QString> keys;
    rows.removeIf([&keys](const MessageRow &r) {
        const QString k = r.key();
        if (keys.contains(k))
            return true;
        keys.insert(k);
        return false;
    });
    KeyedRows::apply(*this, m_rows, rows, keyOf, sameContent);
    m_indexStale = true;
}

void MessagesModel::ensureIndex() const
{
    if (!m_indexStale)
        return;
    // By id only (shared strings, nothing built); the unsynced tail is looked up by key
    // (tailRowOf), it is short.
    m_byId.clear();
    m_ownByClientId.clear();
    m_byId.reserve(m_rows.size());
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        const MessageRow &r = m_rows.at(i);
        if (!r.id.isEmpty())
            m_byId.insert(r.id, i);
        if (r.own && !r.unsynced && !r.clientId.isEmpty())
            m_ownByClientId.insert(r.clientId, i);
    }
    m_indexStale = false;
}

qsizetype MessagesModel::tailRowOf(const QString &key) const
{
    for (qsizetype i = m_rows.size() - 1; i >= 0 && m_rows.at(i).unsynced; --i) {
        if (m_rows.at(i).key() == key)
            return i;
    }
    return -1;
}

qsizetype MessagesModel::syncedCount() const
{
    qsizetype n = m_rows.size();
    while (n > 0 && m_rows.at(n - 1).unsynced)
        --n;
    return n;
}

qsizetype MessagesModel::upperBound(const MessageRow &r, qsizetype count) const
{
    return std::upper_bound(m_rows.cbegin(), m_rows.cbegin() + count, r, before) - m_rows.cbegin();
}

void MessagesModel::applySynced(const QList<MessageRow> &read, const QSet<QString> &removedIds)
{
    const QScopedValueRollback<bool> changing(m_changing, true);
    // Deleted ones: by their row, a run of neighbours at a time.
    if (!removedIds.isEmpty()) {
        ensureIndex();
        QList<qsizetype> gone;
        for (const QString &id : removedIds) {
            const auto at = m_byId.constFind(id);
            if (at != m_byId.constEnd() && !m_rows.at(*at).unsynced)
                gone.append(*at);
        }
        std::sort(gone.begin(), gone.end());
        for (qsizetype g = gone.size() - 1; g >= 0;) {
            const qsizetype last = gone.at(g);
            qsizetype first = last;
            while (g > 0 && gone.at(g - 1) == first - 1) {
                --g;
                --first;
            }
            beginRemoveRows({}, int(first), int(last));
            m_rows.remove(first, last - first + 1);
            endRemoveRows();
            m_indexStale = true;
            --g;
        }
    }
    // Loaded ones change in place; our unsent one whose message arrived moves to its place.
    QList<MessageRow> fresh;
    for (const MessageRow &r : read) {
        ensureIndex();
        const auto found = m_byId.constFind(r.id);
        const qsizetype at = found != m_byId.constEnd() ? *found : tailRowOf(r.key());
        if (at < 0) {
            fresh.append(r);
            continue;
        }
        MessageRow &was = m_rows[at];
        if (!was.unsynced && was.createdAt == r.createdAt && was.id == r.id) {
            if (!sameContent(was, r)) {
                was = r;
                const QModelIndex changed = index(int(at));
                Q_EMIT dataChanged(changed, changed);
            }
            continue;
        }
        if (!was.unsynced) { // its place changed (never expected): out, and in again below
            beginRemoveRows({}, int(at), int(at));
            m_rows.remove(at);
            endRemoveRows();
            m_indexStale = true;
            fresh.append(r);
            continue;
        }
        const qsizetype to = upperBound(r, syncedCount());
        if (to != at) {
            beginMoveRows({}, int(at), int(at), {}, int(to));
            m_rows.move(at, to);
            endMoveRows();
            m_indexStale = true;
        }
        m_rows[to] = r;
        m_indexStale = true; // synced now: our client id is in the history
        const QModelIndex changed = index(int(to));
        Q_EMIT dataChanged(changed, changed);
    }
    if (!fresh.isEmpty()) {
        std::sort(fresh.begin(), fresh.end(), before);
        // Inside the window only: older than the oldest loaded is for fetchOlder() (unless the
        // cache has nothing older to page in), newer than the newest for fetchNewer().
        const qsizetype synced = syncedCount();
        QList<std::pair<qsizetype, MessageRow>> added;
        for (const MessageRow &r : std::as_const(fresh)) {
            if (synced > 0 && !m_cacheExhausted && before(r, m_rows.first()))
                continue;
            if (!m_atEnd && (synced == 0 || before(m_rows.at(synced - 1), r)))
                continue;
            added.append({upperBound(r, synced), r});
        }
        // One insertion per run of rows that go to the same place, the last place first so the
        // places found above stay right.
        qsizetype end = added.size();
        while (end > 0) {
            qsizetype begin = end - 1;
            const qsizetype at = added.at(begin).first;
            while (begin > 0 && added.at(begin - 1).first == at)
                --begin;
            beginInsertRows({}, int(at), int(at + end - begin) - 1);
            m_rows.insert(at, end - begin, MessageRow{});
            for (qsizetype i = begin; i < end; ++i)
                m_rows[at + i - begin] = std::move(added[i].second);
            endInsertRows();
            m_indexStale = true;
            end = begin;
        }
    }
    trimWindow(Drop::AsFollowing);
}

void MessagesModel::trimWindow(Drop drop)
{
    const qsizetype excess = m_rows.size() - m_maxRows;
    if (excess <= 0)
        return;
    if (drop == Drop::AsFollowing)
        drop = m_followingEnd ? Drop::Oldest : Drop::Newest;
    const QScopedValueRollback<bool> changing(m_changing, true);
    if (drop == Drop::Oldest) {
        const qsizetype n = std::min(excess, syncedCount());
        if (n <= 0)
            return;
        setExhausted(false, m_serverExhausted); // the cache has them again for fetchOlder()
        beginRemoveRows({}, 0, int(n) - 1);
        m_rows.remove(0, n);
        endRemoveRows();
    } else {
        setAtEnd(false);
        beginRemoveRows({}, int(m_rows.size() - excess), int(m_rows.size()) - 1);
        m_rows.remove(m_rows.size() - excess, excess);
        endRemoveRows();
    }
    m_indexStale = true;
}

void MessagesModel::applyMessages(const QSet<QString> &touched, const QSet<QString> &removed)
{
    // What a later batch says of an id replaces what an earlier one said: removed, or to read.
    for (const QString &id : removed) {
        m_pendingTouched.remove(id);
        m_pendingRemoved.insert(id);
    }
    for (const QString &id : touched) {
        if (removed.contains(id))
            continue;
        m_pendingRemoved.remove(id);
        m_pendingTouched.insert(id);
    }
    // A slice waiting for its turn takes these with it (the order of turns is kept).
    if (m_sliceQueued)
        return;
    // More than a slice (a sync page): every slice on a turn of its own, the first too, so the
    // commit that named them (and the other models hearing of it) is not the same turn.
    if (m_pendingTouched.size() > kSliceIds) {
        m_sliceQueued = true;
        QMetaObject::invokeMethod(this, &MessagesModel::applyPending, Qt::QueuedConnection);
        return;
    }
    applyPending();
}

void MessagesModel::clearPending()
{
    m_pendingTouched.clear();
    m_pendingRemoved.clear();
}

void MessagesModel::applyPending()
{
    m_sliceQueued = false;
    if (m_conversationId.isEmpty() || !ensureOpen()) {
        clearPending();
        return;
    }
    if (!m_pendingRemoved.isEmpty())
        applySynced({}, std::exchange(m_pendingRemoved, {}));
    if (!m_pendingTouched.isEmpty()) {
        // Only this conversation's messages are read (by id); other conversations' ids cost
        // their share of the IN list and nothing more.
        QList<QString> slice;
        slice.reserve(std::min<qsizetype>(kSliceIds, m_pendingTouched.size()));
        for (auto it = m_pendingTouched.begin(); it != m_pendingTouched.end() && slice.size() < kSliceIds;) {
            slice.append(*it);
            it = m_pendingTouched.erase(it);
        }
        auto read = readMessagesById(*m_db, selfId(), m_conversationId, slice);
        if (!read) {
            setError(read.error().codeName());
            clearPending();
            return;
        }
        // The conversation's first messages reach a view opened before the cache had them.
        if (m_rows.isEmpty() && !read->isEmpty() && m_firstUnreadId.isEmpty()) {
            m_firstUnreadId = readFirstUnread();
            if (!m_firstUnreadId.isEmpty())
                Q_EMIT firstUnreadIdChanged();
        }
        applySynced(*read, {});
    }
    if (!m_pendingTouched.isEmpty()) {
        m_sliceQueued = true;
        QMetaObject::invokeMethod(this, &MessagesModel::applyPending, Qt::QueuedConnection);
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
    using storage::Table;
    const storage::RowChanges &c = changes.changes;
    // A request changed state: its cards change in place.
    if (c.touches(Table::PaymentRequests)) {
        const QSet<QString> ids = c.ids(Table::PaymentRequests);
        for (const QString &id : ids)
            requestChanged(id);
    }
    const bool members = c.ids(Table::ConversationMembers).contains(m_conversationId);
    // The heading changes with a conversation's or a user's event; a batch of messages only
    // (which touches the conversation's last message and its senders) leaves it as it is.
    const bool headingEvents = changes.types.isEmpty()
        || std::any_of(changes.types.cbegin(), changes.types.cend(), [](const QString &type) { return !type.startsWith(u"message."); });
    if (headingEvents && (members || c.ids(Table::Conversations).contains(m_conversationId) || c.touches(Table::Users)))
        updateTitle();
    if (c.touches(Table::Blocks)) {
        // Someone blocked or unblocked: the heading (read-only or not), whose messages are
        // collapsed and who is shown typing change.
        updateTitle();
        updateTyping();
        refresh();
        return;
    }
    if (members) {
        // A read mark moved: which of our loaded messages are "read" is read again (this
        // conversation's loaded rows only, applied by key).
        refresh();
        return;
    }
    if (c.touches(Table::Messages))
        applyMessages(c.ids(Table::Messages), c.removed(Table::Messages));
}

bool MessagesModel::canFetchOlder() const
{
    if (m_loading || m_changing || m_conversationId.isEmpty() || !m_chat)
        return false;
    if (!m_cacheExhausted)
        return true;
    return !m_serverExhausted && m_chat->cache()->isLive();
}

void MessagesModel::fetchOlder()
{
    if (!canFetchOlder() || !ensureOpen())
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
    if (syncedCount() > 0) {
        beforeAt = m_rows.first().createdAt;
        beforeId = m_rows.first().id;
    } else if (!m_rows.isEmpty()) {
        // Only unsent rows: there is nothing synced to page from.
        setExhausted(true, m_serverExhausted);
        return false;
    }
    auto page = readMessages(*m_db, selfId(), m_conversationId, beforeAt, beforeId, m_pageSize);
    if (!page) {
        setError(page.error().codeName());
        return true;
    }
    // A view (or QAbstractItemModelTester) may ask for more from the insert's signals: not
    // before this page is in and the paging state says where the next one starts.
    const QScopedValueRollback<bool> changing(m_changing, true);
    const bool exhausted = page->size() < m_pageSize;
    if (exhausted)
        setExhausted(true, m_serverExhausted);
    if (!page->isEmpty()) {
        beginInsertRows({}, 0, int(page->size() - 1));
        m_rows = *page + m_rows;
        m_indexStale = true;
        endInsertRows();
        // Reading upward: the window keeps its top.
        trimWindow(Drop::Newest);
    }
    return !exhausted || !page->isEmpty();
}

bool MessagesModel::appendTail(QList<MessageRow> *rows)
{
    QList<MessageRow> tail;
    if (!readTail(&tail))
        return false;
    QSet<QString> keys;
    for (const MessageRow &r : std::as_const(*rows))
        keys.insert(r.key());
    tail.removeIf([&keys](const MessageRow &r) { return keys.contains(r.key()); });
    *rows += tail;
    return true;
}

void MessagesModel::fetchNewer()
{
    if (m_atEnd || m_changing || m_conversationId.isEmpty() || !ensureOpen())
        return;
    const qsizetype synced = syncedCount();
    if (synced == 0) {
        reload();
        return;
    }
    const MessageRow last = m_rows.at(synced - 1);
    auto page = readMessagesFrom(*m_db, selfId(), m_conversationId, last.createdAt, last.id, m_pageSize + 2);
    if (!page) {
        setError(page.error().codeName());
        return;
    }
    if (!page->isEmpty() && page->first().id == last.id)
        page->removeFirst();
    // One extra row says whether there is another page.
    const bool more = page->size() > m_pageSize;
    if (more)
        page->removeLast();
    QList<MessageRow> rows = std::move(page).value();
    if (!more && !appendTail(&rows))
        return;
    const QScopedValueRollback<bool> changing(m_changing, true);
    setAtEnd(!more);
    if (!rows.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.size()) - 1);
        m_rows += rows;
        m_indexStale = true;
        endInsertRows();
    }
    // Reading downward: the window keeps its bottom.
    trimWindow(Drop::Oldest);
}

void MessagesModel::loadAround(const QString &createdAt, const QString &id)
{
    const int half = std::max(1, m_maxRows / 2);
    auto older = readMessages(*m_db, selfId(), m_conversationId, createdAt, id, half);
    auto newer = readMessagesFrom(*m_db, selfId(), m_conversationId, createdAt, id, half + 1);
    if (!older || !newer) {
        setError(older ? newer.error().codeName() : older.error().codeName());
        return;
    }
    const bool more = newer->size() > half;
    if (more)
        newer->removeLast();
    QList<MessageRow> rows = *older + *newer;
    if (!more && !appendTail(&rows))
        return;
    {
        const QScopedValueRollback<bool> changing(m_changing, true);
        beginResetModel();
        m_rows = std::move(rows);
        m_indexStale = true;
        m_atEnd = !more;
        m_cacheExhausted = older->size() < half;
        endResetModel();
    }
    Q_EMIT atEndChanged();
    Q_EMIT atStartChanged();
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
    const bool muted = row.isMuted(Clock::instance()->nowUtc());
    if (row.title != m_title || row.kind != m_kind || row.otherHandle != m_otherHandle
        || row.memberNames != m_memberNames || muted != m_muted || row.blocked != m_blocked
        || row.otherUserId != m_otherUserId || row.membership != m_membership || row.admin != m_admin
        || row.request != m_request) {
        m_title = row.title;
        m_kind = row.kind;
        m_otherHandle = row.otherHandle;
        m_memberNames = row.memberNames;
        m_muted = muted;
        m_blocked = row.blocked;
        m_request = row.request;
        m_otherUserId = row.otherUserId;
        m_membership = row.membership;
        m_admin = row.admin;
        Q_EMIT titleChanged();
    }
}

int MessagesModel::rowOf(const QString &messageId)
{
    if (messageId.isEmpty() || m_conversationId.isEmpty() || !ensureOpen())
        return -1;
    ensureIndex();
    if (const auto at = m_byId.constFind(messageId); at != m_byId.constEnd())
        return int(*at);
    // Not loaded: where it is, by one indexed query, then a window around it (never every
    // page up to it).
    auto createdAt = readMessageCreatedAt(*m_db, m_conversationId, messageId);
    if (!createdAt) {
        setError(createdAt.error().codeName());
        return -1;
    }
    if (createdAt->isEmpty())
        return -1;
    loadAround(*createdAt, messageId);
    ensureIndex();
    return int(m_byId.value(messageId, -1));
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
    if (!m_chat)
        return false;
    if (!m_atEnd) // it shows after the newest message: that is where the list goes
        reload();
    return m_chat->send(m_conversationId, text);
}

void MessagesModel::setMaxRows(int rows)
{
    rows = std::max(rows, 2 * m_pageSize);
    if (m_maxRows == rows)
        return;
    m_maxRows = rows;
    Q_EMIT maxRowsChanged();
    trimWindow(Drop::AsFollowing);
}

void MessagesModel::setFollowingEnd(bool following)
{
    if (m_followingEnd == following)
        return;
    m_followingEnd = following;
    Q_EMIT followingEndChanged();
}

void MessagesModel::setAtEnd(bool atEnd)
{
    if (m_atEnd != atEnd) {
        m_atEnd = atEnd;
        Q_EMIT atEndChanged();
    }
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
    case CurrencyRole:
    case FormattedAmountRole: {
        Money amount(m.amountMinor, m.currency);
        if (!m.requestId.isEmpty()) {
            const CachedRequest *r = request(m.requestId);
            amount = r ? Money(r->amountMinor, r->currency) : Money();
        }
        if (amount.currency().isEmpty())
            return role == AmountMinorRole ? QVariant() : QVariant(QString());
        if (role == AmountMinorRole)
            return amount.minor();
        return role == CurrencyRole ? amount.currency() : amount.format();
    }
    case RequestIdRole:
        return m.requestId;
    case ErrorMessageRole:
        return m.errorMessage;
    case RequestStatusRole: {
        const CachedRequest *r = m.requestId.isEmpty() ? nullptr : request(m.requestId);
        return r ? r->status : QString();
    }
    case BodyRole: {
        if (m.requestId.isEmpty())
            return m.text;
        const CachedRequest *r = request(m.requestId);
        return r && !r->note.isEmpty() ? r->note : requestNoteFromText(m.text);
    }
    case AttachmentsRole:
        return m.unsynced ? media::pendingFilesForQml(m.attachments) : media::attachmentsForQml(m.attachments);
    case UploadProgressRole: {
        const auto it = m_uploads.constFind(m.clientId);
        return it == m_uploads.cend() || !m.unsynced ? QVariant() : QVariant(*it);
    }
    case EditedRole:
    case EditedAtRole:
    case DeletedRole:
    case ReactionsRole:
    case ReplyToRole:
    case ReplySenderNameRole:
    case ReplySnippetRole:
    case ReplyDeletedRole:
    case ForwardedRole:
    case ForwardedFromRole:
        return actionRoleData(m, role);
    case SenderBlockedRole:
        return m.senderBlocked;
    case SystemActionRole:
        return m.systemAction;
    case SystemTargetNameRole:
        return m.systemTargetName;
    case MentionsMeRole:
        return m.mentionsMe;
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
        {BodyRole, "body"},
        {AttachmentsRole, "attachments"},
        {UploadProgressRole, "uploadProgress"},
        {EditedRole, "edited"},
        {EditedAtRole, "editedAt"},
        {DeletedRole, "deleted"},
        {ReactionsRole, "reactions"},
        {ReplyToRole, "replyTo"},
        {ReplySenderNameRole, "replySenderName"},
        {ReplySnippetRole, "replySnippet"},
        {ReplyDeletedRole, "replyDeleted"},
        {ForwardedRole, "forwarded"},
        {ForwardedFromRole, "forwardedFrom"},
        {SenderBlockedRole, "senderBlocked"},
        {SystemActionRole, "systemAction"},
        {SystemTargetNameRole, "systemTargetName"},
        {MentionsMeRole, "mentionsMe"},
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

const CachedRequest *MessagesModel::request(const QString &requestId) const
{
    auto it = m_requests.constFind(requestId);
    if (it == m_requests.constEnd()) {
        CachedRequest found;
        if (m_db) {
            if (auto cached = readRequest(*m_db, requestId); cached && cached->has_value())
                found = std::move(**cached);
        }
        it = m_requests.insert(requestId, found);
        if (found.id.isEmpty())
            fetchRequest(requestId);
    }
    return it->id.isEmpty() ? nullptr : &*it;
}

void MessagesModel::fetchRequest(const QString &requestId) const
{
    if (!m_chat || m_requestsAsked.contains(requestId) || !m_chat->cache()->isLive() || !protocol::isWellFormedId(requestId))
        return;
    m_requestsAsked.insert(requestId);
    QPointer<MessagesModel> self(const_cast<MessagesModel *>(this));
    auto task = m_chat->context()->api()->get(protocol::endpoints::paymentRequest(requestId));
    QCoro::connect(std::move(task), self.data(), [self, requestId](const Result<net::ApiResponse> &reply) {
        if (!self || !self->m_requestsAsked.contains(requestId))
            return; // another conversation meanwhile
        if (!reply) {
            qCInfo(lcChat) << "request card not looked up:" << reply.error().codeName();
            return;
        }
        const auto request = protocol::decodeReply<protocol::PaymentRequest>(reply->body);
        if (!request) {
            qCInfo(lcChat) << "request card not read:" << request.error().message;
            return;
        }
        CachedRequest r;
        r.id = requestId;
        r.status = request->status;
        r.amountMinor = request->amount.minor();
        r.currency = request->amount.currency();
        r.note = request->note;
        const auto known = self->m_requests.constFind(requestId);
        if (known != self->m_requests.constEnd() && !known->id.isEmpty())
            return; // the cache has it now: that wins
        self->m_requests.insert(requestId, r);
        self->emitRequestRows(requestId);
    });
}

void MessagesModel::requestChanged(const QString &requestId)
{
    if (!m_requests.contains(requestId))
        return;
    m_requests.remove(requestId);
    emitRequestRows(requestId);
}

void MessagesModel::emitRequestRows(const QString &requestId)
{
    for (qsizetype row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).requestId == requestId)
            Q_EMIT dataChanged(index(int(row)), index(int(row)),
                               {RequestStatusRole, AmountMinorRole, CurrencyRole, FormattedAmountRole, BodyRole});
    }
}

} // namespace plaza::chat
