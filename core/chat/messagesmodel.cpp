// SPDX-License-Identifier: MIT
#include "chat/messagesmodel.h"

#include "chat/chatservice.h"
#include "chat/keyedlistmodel.h"
#include "common/clock.h"
#include "common/logging.h"
#include "money/money.h"
#include "net/apiclient.h"
#include "protocol/json.h"
#include "session/session.h"
#include "storage/database.h"
#include "sync/changeset.h"
#include "sync/syncengine.h"

#include <QCoroTask>
#include <QDateTime>
#include <QScopedValueRollback>
#include <QSet>

#include <algorithm>

namespace plaza::chat {

namespace {

bool sameContent(const MessageRow &a, const MessageRow &b)
{
    return a.id == b.id && a.unsynced == b.unsynced && a.state == b.state && a.text == b.text && a.senderName == b.senderName
        && a.createdAt == b.createdAt && a.errorMessage == b.errorMessage && a.kind == b.kind && a.amountMinor == b.amountMinor
        && a.currency == b.currency && a.requestId == b.requestId;
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
        setError(errorCodeName(ErrorCode::Storage)); // the cache would not open
    return false;
}

void MessagesModel::reload()
{
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
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
    setError(error);
    setExhausted(cacheDone, serverDone);
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
        setError(synced ? unsent.error().codeName() : synced.error().codeName());
        return;
    }
    QList<MessageRow> rows = *synced;
    rows += *unsent;
    // Sent from this window a moment ago, on its way to the cache writer: shown at once.
    QSet<QString> stored;
    for (const MessageRow &r : std::as_const(*unsent))
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
        rows.append(std::move(r));
    }
    // The conversation's first messages reach a view opened before the cache had them (at
    // start-up, during the first sync): where the unread ones start is known only now.
    if (m_rows.isEmpty() && !rows.isEmpty() && m_firstUnreadId.isEmpty()) {
        m_firstUnreadId = readFirstUnread();
        if (!m_firstUnreadId.isEmpty())
            Q_EMIT firstUnreadIdChanged();
    }

    applyRows(std::move(rows));
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
    KeyedRows::apply(*this, m_rows, rows, [](const MessageRow &r) { return r.key(); }, sameContent);
}

void MessagesModel::applyMessages(const QSet<QString> &touched, const QSet<QString> &removed)
{
    if (!ensureOpen())
        return;
    // Only this conversation's messages are read (by id); a batch for other conversations
    // reads nothing more.
    auto read = readMessagesById(*m_db, selfId(), m_conversationId, (touched - removed).values());
    if (!read) {
        setError(read.error().codeName());
        return;
    }
    const bool loadedRemoved = std::any_of(m_rows.cbegin(), m_rows.cend(),
                                           [&removed](const MessageRow &r) { return !r.id.isEmpty() && removed.contains(r.id); });
    if (read->isEmpty() && !loadedRemoved)
        return;

    QList<MessageRow> synced;
    QList<MessageRow> unsent;
    for (const MessageRow &r : std::as_const(m_rows)) {
        if (r.unsynced)
            unsent.append(r);
        else if (!removed.contains(r.id))
            synced.append(r);
    }
    // The loaded range starts at the oldest synced row: a message older than that is left for
    // fetchMore(), unless the cache has nothing older to page in (then it belongs here).
    const bool bounded = !synced.isEmpty() && !m_cacheExhausted;
    const QString fromAt = bounded ? synced.first().createdAt : QString();
    const QString fromId = bounded ? synced.first().id : QString();
    QHash<QString, qsizetype> at;
    for (qsizetype i = 0; i < synced.size(); ++i)
        at.insert(synced.at(i).key(), i);
    bool added = false;
    for (const MessageRow &r : std::as_const(*read)) {
        if (const auto it = at.constFind(r.key()); it != at.constEnd()) {
            synced[*it] = r;
            continue;
        }
        if (bounded && (r.createdAt < fromAt || (r.createdAt == fromAt && r.id < fromId)))
            continue;
        synced.append(r);
        added = true;
    }
    if (added) {
        std::stable_sort(synced.begin(), synced.end(), [](const MessageRow &a, const MessageRow &b) {
            return a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.id < b.id;
        });
    }
    // Our message that arrived by sync takes its unsent row's place (same key).
    QSet<QString> syncedKeys;
    for (const MessageRow &r : std::as_const(synced))
        syncedKeys.insert(r.key());
    unsent.removeIf([&syncedKeys](const MessageRow &r) { return syncedKeys.contains(r.key()); });

    QList<MessageRow> rows = synced + unsent;
    // The conversation's first messages reach a view opened before the cache had them.
    if (m_rows.isEmpty() && !rows.isEmpty() && m_firstUnreadId.isEmpty()) {
        m_firstUnreadId = readFirstUnread();
        if (!m_firstUnreadId.isEmpty())
            Q_EMIT firstUnreadIdChanged();
    }
    applyRows(std::move(rows));
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
    if (members || c.ids(Table::Conversations).contains(m_conversationId) || c.touches(Table::Users))
        updateTitle();
    if (members) {
        // A read mark moved: which of our loaded messages are "read" is read again (this
        // conversation's loaded rows only, applied by key).
        refresh();
        return;
    }
    if (c.touches(Table::Messages))
        applyMessages(c.ids(Table::Messages), c.removed(Table::Messages));
}

bool MessagesModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid() || m_loading || m_prepending || m_conversationId.isEmpty() || !m_chat)
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
        setError(page.error().codeName());
        return true;
    }
    if (!page->isEmpty()) {
        // A view (or QAbstractItemModelTester) may ask for more from the insert's signals: not
        // before this page is in and the paging state says where the next one starts.
        const QScopedValueRollback<bool> prepending(m_prepending, true);
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
    if (!m_chat || m_requestsAsked.contains(requestId) || !m_chat->session()->online())
        return;
    m_requestsAsked.insert(requestId);
    QPointer<MessagesModel> self(const_cast<MessagesModel *>(this));
    auto task = m_chat->session()->api()->get(QStringLiteral("/v1/payment-requests/") + requestId);
    QCoro::connect(std::move(task), self.data(), [self, requestId](const Result<net::ApiResponse> &reply) {
        if (!self || !self->m_requestsAsked.contains(requestId))
            return; // another conversation meanwhile
        if (!reply) {
            qCInfo(lcChat) << "request card not looked up:" << reply.error().codeName();
            return;
        }
        const auto amount = protocol::moneyFromJson(reply->body.value(QStringLiteral("amount")));
        if (!amount)
            return;
        CachedRequest r;
        r.id = requestId;
        r.status = reply->body.value(QStringLiteral("status")).toString();
        r.amountMinor = amount->minor();
        r.currency = amount->currency();
        r.note = reply->body.value(QStringLiteral("note")).toString();
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
