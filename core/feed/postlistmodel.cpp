// SPDX-License-Identifier: MIT
#include "feed/postlistmodel.h"

#include "common/logging.h"
#include "feed/feedservice.h"
#include "media/attachmentview.h"
#include "protocol/feed.h"
#include "protocol/json.h"
#include "storage/database.h"
#include "sync/changeset.h"
#include "sync/syncengine.h"

#include <QJsonDocument>
#include <QPointer>
#include <QSet>

namespace plaza::feed {

namespace {

// The quoted card (protocol::QuotedPost JSON) as QML reads it; undefined when there is none.
QVariant quoteForQml(const QString &json)
{
    if (json.isEmpty())
        return {};
    auto card = protocol::QuotedPost::fromJson(QJsonDocument::fromJson(json.toUtf8()).object());
    if (!card)
        return {};
    const QString name = card->author ? card->author->displayName : QString();
    return QVariantMap{{QStringLiteral("id"), card->id},
                       {QStringLiteral("deleted"), card->deleted},
                       {QStringLiteral("authorName"), name},
                       {QStringLiteral("authorHandle"), card->author ? card->author->handle : QString()},
                       {QStringLiteral("authorInitials"), initials(name)},
                       {QStringLiteral("text"), card->text},
                       {QStringLiteral("createdAt"), card->deleted ? QVariant() : QVariant(card->createdAt)}};
}

} // namespace


namespace {

// Decoded records kept for data(): a few screens' worth around what is shown.
constexpr int kRecordCacheRows = 400;
// Rows read at once when data() asks for one that is not decoded (a screen and a half).
constexpr int kReadWindow = 40;

const std::array<QString, 4> &termNames()
{
    static const std::array<QString, 4> names{QStringLiteral("affinity"), QStringLiteral("engagement"),
                                              QStringLiteral("age"), QStringLiteral("reach")};
    return names;
}

} // namespace

PostRow PostRow::from(const PostRecord &r)
{
    PostRow row;
    row.id = r.id;
    row.postId = r.postId == r.id ? row.id : r.postId;
    row.createdAt = r.createdAt;
    row.local = r.id.startsWith(u"local:");
    if (row.local)
        row.clientId = r.clientId;
    row.isGap = r.isGap;
    row.gapBeforeId = r.gapBeforeId;
    row.ranked = !r.rank.terms.isEmpty();
    row.score = r.rank.score;
    for (qsizetype i = 0; i < r.rank.terms.size() && i < 4; ++i) {
        row.inputs[size_t(i)] = r.rank.terms.at(i).input;
        row.values[size_t(i)] = r.rank.terms.at(i).value;
    }
    return row;
}

PostListModel::PostListModel(QObject *parent) : QAbstractListModel(parent), m_records(kRecordCacheRows) { }

PostListModel::~PostListModel() = default;

storage::Cache *PostListModel::cache() const
{
    return m_service ? m_service->cache() : nullptr;
}

bool PostListModel::isLive() const
{
    return cache() && cache()->isLive();
}

QString PostListModel::selfId() const
{
    return cache() ? cache()->ownerId() : QString();
}

namespace {

//! Counts a change in progress for as long as it lives.
struct Changing {
    explicit Changing(int &depth) : m_depth(depth) { ++m_depth; }
    ~Changing() { --m_depth; }
    Changing(const Changing &) = delete;
    Changing &operator=(const Changing &) = delete;
    int &m_depth;
};

} // namespace

void PostListModel::setService(FeedService *service)
{
    if (m_service == service)
        return;
    m_service = service;
    connectSession();
    Q_EMIT serviceChanged();
    Q_EMIT staleChanged();
    reload();
}

void PostListModel::connectSession()
{
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_db.reset();
    storage::Cache *c = cache();
    if (!c)
        return;
    m_connections << connect(c, &storage::Cache::openChanged, this, [this] {
        m_db.reset();
        reload();
    });
    m_connections << connect(c, &storage::Cache::liveChanged, this, [this] {
        Q_EMIT staleChanged();
        if (isLive())
            onOnline();
    });
    m_connections << connect(c, &storage::Cache::changed, this, &PostListModel::onApplied);
    // An image of a post of ours on its way: that row's bar moves (the row itself is re-read
    // when its outbox row changes).
    m_connections << connect(m_service, &FeedService::uploadProgress, this,
                             [this](const QString &clientId, int file, qint64 done, qint64 total) {
                                 m_uploads.insert(clientId, QVariantMap{{QStringLiteral("file"), file},
                                                                        {QStringLiteral("done"), done},
                                                                        {QStringLiteral("total"), total}});
                                 for (int row = 0; row < int(m_rows.size()); ++row) {
                                     if (m_rows.at(row).local && m_rows.at(row).clientId == clientId) {
                                         Q_EMIT dataChanged(index(row), index(row), {UploadProgressRole});
                                         break;
                                     }
                                 }
                             });
}

bool PostListModel::ensureOpen()
{
    const storage::Cache *cache = this->cache();
    Error error;
    if (cache && cache->ensureReader(m_db, &error))
        return true;
    if (!error.message.isEmpty()) {
        qCWarning(lcFeed) << "cannot read the cache:" << error.message;
        setError(errorCodeName(ErrorCode::Storage)); // the cache would not open
    }
    return false;
}

bool PostListModel::stale() const
{
    return !isLive();
}

void PostListModel::setPageSize(int size)
{
    size = std::clamp(size, 1, 200);
    if (size == m_pageSize)
        return;
    m_pageSize = size;
    Q_EMIT pageSizeChanged();
}

void PostListModel::reload()
{
    const Changing changing(m_changing);
    beginResetModel();
    m_rows.clear();
    m_records.clear();
    endResetModel();
    setError({});
    setCacheAtEnd(false);
    setServerAtEnd(serverPath().isEmpty());
    if (!ensureOpen()) {
        setCacheAtEnd(true);
        setServerAtEnd(true);
        return;
    }
    appendFromCache();
    afterReload();
}

bool PostListModel::appendFromCache()
{
    const Changing changing(m_changing);
    if (!ensureOpen())
        return false;
    // One extra row says whether there is another page, without a count(*).
    auto page = readPosts(*m_db, scope(), scopeKey(), selfId(), lastCursor(), m_pageSize + 1);
    if (!page) {
        setError(page.error().codeName());
        setCacheAtEnd(true);
        return false;
    }
    const bool more = page->size() > m_pageSize;
    if (more)
        page->removeLast();
    // Rows already shown (a post of ours inserted at the top while sending) are not repeated.
    QSet<QString> shown;
    for (const PostRow &r : std::as_const(m_rows))
        shown.insert(r.id);
    page->removeIf([&](const PostRecord &r) { return shown.contains(r.id); });
    preparePage(*page);
    appendRows(*page);
    setCacheAtEnd(!more);
    return !page->isEmpty();
}

int PostListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

bool PostListModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid() || m_loading || m_changing > 0 || !m_db)
        return false;
    if (!m_cacheAtEnd)
        return true;
    return !m_serverAtEnd && isLive();
}

void PostListModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_loading || m_changing > 0 || !ensureOpen())
        return;
    if (!m_cacheAtEnd) {
        appendFromCache();
        return;
    }
    if (!m_serverAtEnd && isLive())
        fetchOlderFromServer();
}

QCoro::Task<void> PostListModel::fetchOlderFromServer()
{
    QPointer<PostListModel> self(this);
    setLoading(true);
    // The oldest post the server knows we have; provisional rows are not on the server.
    QString before;
    for (qsizetype i = m_rows.size() - 1; i >= 0 && before.isEmpty(); --i) {
        if (!m_rows.at(i).isGap && !m_rows.at(i).local)
            before = m_rows.at(i).id;
    }
    auto page = co_await m_service->fetchPage(serverPath(), before, m_pageSize);
    if (!self)
        co_return;
    setLoading(false);
    if (!page) {
        setError(page.error().codeName());
        co_return;
    }
    if (page->nextBefore.isEmpty())
        setServerAtEnd(true);
    setCacheAtEnd(false);
    if (!appendFromCache() && page->ids.isEmpty())
        setServerAtEnd(true);
}

const PostRecord *PostListModel::fullRecord(int row) const
{
    const PostRow &key = m_rows.at(row);
    if (const PostRecord *cached = m_records.object(key.id))
        return cached;
    if (key.isGap || !m_db)
        return nullptr;
    // Not decoded (scrolled back far, or evicted): read it with its neighbours in one query.
    QStringList ids;
    const int from = std::max(0, row - kReadWindow / 2);
    const int to = std::min(int(m_rows.size()), from + kReadWindow);
    for (int i = from; i < to; ++i) {
        if (!m_rows.at(i).isGap && !m_records.contains(m_rows.at(i).id))
            ids.append(m_rows.at(i).id);
    }
    auto records = readPostsById(*m_db, ids);
    if (!records)
        return nullptr;
    for (const PostRecord &r : std::as_const(*records))
        m_records.insert(r.id, new PostRecord(r));
    return m_records.object(key.id);
}

PostRecord PostListModel::record(int row) const
{
    const PostRecord *r = fullRecord(row);
    return r ? *r : PostRecord();
}

QVariant PostListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const PostRow &key = m_rows.at(index.row());
    switch (role) {
    case IdRole:
        return key.id;
    case PostIdRole:
        return key.postId;
    case IsGapRole:
        return key.isGap;
    case RankTermsRole: {
        QVariantList terms;
        if (key.ranked) {
            for (size_t i = 0; i < 4; ++i)
                terms.append(QVariantMap{{QStringLiteral("name"), termNames().at(i)},
                                         {QStringLiteral("input"), key.inputs.at(i)},
                                         {QStringLiteral("value"), key.values.at(i)}});
        }
        return terms;
    }
    case ScoreRole:
        return key.score;
    case ClientIdRole:
        return key.clientId;
    default:
        break;
    }
    if (key.isGap) {
        if (role == CreatedAtRole)
            return protocol::parseTime(key.createdAt);
        return {};
    }
    const PostRecord *found = fullRecord(index.row());
    if (!found) {
        // A row whose record is not at hand for a moment: an invalid date, not an empty variant,
        // which QML would pass on to Time.relative() (it takes no undefined).
        return role == CreatedAtRole ? QVariant(QDateTime()) : QVariant();
    }
    const PostRecord &r = *found;
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return r.text;
    case AuthorIdRole:
        return r.authorId;
    case AuthorNameRole:
        return r.authorName;
    case AuthorHandleRole:
        return r.authorHandle;
    case AuthorInitialsRole:
        return initials(r.authorName);
    case CreatedAtRole:
        return protocol::parseTime(r.postCreatedAt);
    case ReplyToRole:
        return r.replyTo;
    case IsRepostRole:
        return !r.repostedById.isEmpty();
    case RepostedByNameRole:
        return r.repostedByName;
    case LikeCountRole:
        return r.likeCount;
    case RepostCountRole:
        return r.repostCount;
    case ReplyCountRole:
        return r.replyCount;
    case LikedByMeRole:
        return r.likedByMe;
    case RepostedByMeRole:
        return r.repostedByMe;
    case SponsoredRole:
        return r.sponsored;
    case AdvertiserNameRole:
        return r.advertiserName;
    case AdvertiserHandleRole:
        return r.advertiserHandle;
    case LimitedReachRole:
        return r.limitedReach;
    case ImagesRole:
        return !r.sendState.isEmpty() && !r.pendingImages.isEmpty() ? media::pendingFilesForQml(r.pendingImages)
                                                                     : media::attachmentsForQml(r.images);
    case UploadProgressRole: {
        const auto it = m_uploads.constFind(r.clientId);
        return it == m_uploads.cend() || r.sendState != u"pending" ? QVariant() : QVariant(*it);
    }
    case SendStateRole:
        return r.sendState;
    case SendErrorRole:
        return r.sendState == u"failed" ? r.sendError : QString();
    case EditedAtRole:
        return r.editedAt.isEmpty() ? QVariant() : QVariant(protocol::parseTime(r.editedAt));
    case QuoteRole:
        return quoteForQml(r.quoteOf);
    case BookmarkedByMeRole:
        return r.bookmarkedByMe;
    default:
        return {};
    }
}

QHash<int, QByteArray> PostListModel::roleNames() const
{
    return {
        {IdRole, "id"},
        {PostIdRole, "postId"},
        {AuthorIdRole, "authorId"},
        {AuthorNameRole, "authorName"},
        {AuthorHandleRole, "authorHandle"},
        {AuthorInitialsRole, "authorInitials"},
        {TextRole, "text"},
        {CreatedAtRole, "createdAt"},
        {ReplyToRole, "replyTo"},
        {IsRepostRole, "isRepost"},
        {RepostedByNameRole, "repostedByName"},
        {LikeCountRole, "likeCount"},
        {RepostCountRole, "repostCount"},
        {ReplyCountRole, "replyCount"},
        {LikedByMeRole, "likedByMe"},
        {RepostedByMeRole, "repostedByMe"},
        {SponsoredRole, "sponsored"},
        {AdvertiserNameRole, "advertiserName"},
        {AdvertiserHandleRole, "advertiserHandle"},
        {LimitedReachRole, "limitedReach"},
        {IsGapRole, "isGap"},
        {RankTermsRole, "rankTerms"},
        {ScoreRole, "score"},
        {SendStateRole, "sendState"},
        {SendErrorRole, "sendError"},
        {ClientIdRole, "clientId"},
        {UploadProgressRole, "uploadProgress"},
        {ImagesRole, "images"},
        {EditedAtRole, "editedAt"},
        {QuoteRole, "quote"},
        {BookmarkedByMeRole, "bookmarkedByMe"},
    };
}

void PostListModel::onApplied(const sync::ChangeSet &changes)
{
    // A block or a mute (or their undoing) changes which authors the timelines show: read
    // them again (rare). A profile, a thread and the bookmarks show a muted person's posts
    // all the same (postrecord.cpp, scopeWhere): a mute leaves them as they are.
    const bool filtersMutes = scope() == PostScope::Following || scope() == PostScope::Discover;
    if (changes.reset || changes.changes.touches(storage::Table::Blocks)
        || (filtersMutes && changes.changes.touches(storage::Table::PersonMutes))) {
        reload();
        return;
    }
    if (changes.changes.touches(storage::Table::Posts))
        onChanged(changes.changes.ids(storage::Table::Posts).values());
}

void PostListModel::onChanged(const QStringList &postIds)
{
    const Changing changing(m_changing);
    if (!m_db || postIds.isEmpty())
        return;
    const QSet<QString> named(postIds.cbegin(), postIds.cend());
    // Loaded rows the change is about: the row itself, or the original it shows.
    QStringList affected;
    for (const PostRow &r : std::as_const(m_rows)) {
        if (!r.isGap && (named.contains(r.id) || named.contains(r.postId)))
            affected.append(r.id);
    }
    QSet<QString> loaded;
    bool anyLocal = false;
    for (const PostRow &r : std::as_const(m_rows)) {
        loaded.insert(r.id);
        anyLocal |= r.local;
    }
    QStringList unloaded;
    for (const QString &id : postIds) {
        if (!loaded.contains(id))
            unloaded.append(id);
    }
    // Posts that are not loaded are read only to match them with provisional rows of ours
    // (by client id): without any, their ids are all the subclass needs. A first sync names a
    // thousand posts a page, which were all read here for nothing.
    const QStringList toRead = anyLocal ? affected + unloaded : affected;
    auto fresh = readPostsById(*m_db, toRead);
    if (!fresh) {
        setError(fresh.error().codeName());
        return;
    }
    QHash<QString, PostRecord> byId;
    QHash<QString, PostRecord> byClientId; // server copies of our provisional rows
    for (const PostRecord &r : std::as_const(*fresh)) {
        byId.insert(r.id, r);
        if (!r.clientId.isEmpty() && !r.id.startsWith(u"local:"))
            byClientId.insert(r.clientId, r);
    }
    QSet<QString> replacedBy;
    for (const QString &id : std::as_const(affected)) {
        const int row = rowOf(id);
        if (row < 0)
            continue;
        PostRecord next;
        if (byId.contains(id)) {
            next = byId.value(id);
            if (!keepsRow(next)) {
                removeRowAt(row);
                continue;
            }
        } else if (id.startsWith(u"local:") && byClientId.contains(m_rows.at(row).clientId)
                   && rowOf(byClientId.value(m_rows.at(row).clientId).id) < 0) {
            // Our post reached the server: the same row, now the server's copy.
            next = byClientId.value(m_rows.at(row).clientId);
            replacedBy.insert(next.id);
        } else {
            removeRowAt(row);
            continue;
        }
        replaceRow(row, next);
    }
    // The server's copy of a post of ours may arrive (by sync or by the answer) while the change
    // that removed its provisional row is still on its way: the same row either way.
    for (int row = 0; row < m_rows.size(); ++row) {
        const PostRow &r = m_rows.at(row);
        if (!r.local || !byClientId.contains(r.clientId))
            continue;
        const PostRecord next = byClientId.value(r.clientId);
        if (rowOf(next.id) >= 0)
            continue;
        replacedBy.insert(next.id);
        replaceRow(row, next);
    }
    QStringList rest;
    for (const QString &id : std::as_const(unloaded)) {
        if ((!anyLocal || byId.contains(id)) && !replacedBy.contains(id) && !id.startsWith(u"local:"))
            rest.append(id);
    }
    if (!rest.isEmpty())
        onUnloadedChanges(rest);
}

void PostListModel::appendRows(const QList<PostRecord> &rows)
{
    insertRowsAt(int(m_rows.size()), rows);
}

void PostListModel::insertRowsAt(int at, const QList<PostRecord> &rows)
{
    if (rows.isEmpty())
        return;
    const Changing changing(m_changing);
    beginInsertRows({}, at, at + int(rows.size()) - 1);
    for (qsizetype i = 0; i < rows.size(); ++i) {
        m_rows.insert(at + i, PostRow::from(rows.at(i)));
        if (!rows.at(i).isGap)
            m_records.insert(rows.at(i).id, new PostRecord(rows.at(i)));
    }
    endInsertRows();
}

void PostListModel::replaceRow(int row, const PostRecord &record)
{
    PostRow next = PostRow::from(record);
    // A row never moves once shown: it keeps the rank it was placed with.
    const PostRow &was = m_rows.at(row);
    next.ranked = was.ranked;
    next.score = was.score;
    next.inputs = was.inputs;
    next.values = was.values;
    // A list ordered by something else than the post's time (bookmarks) keeps the row's key.
    if (scope() == PostScope::Bookmarks && record.id == was.id) {
        next.createdAt = was.createdAt;
        m_records.remove(was.id);
        PostRecord kept = record;
        kept.createdAt = was.createdAt;
        m_records.insert(kept.id, new PostRecord(kept));
        m_rows[row] = next;
        Q_EMIT dataChanged(index(row), index(row));
        return;
    }
    m_records.remove(was.id);
    m_records.insert(record.id, new PostRecord(record));
    m_rows[row] = next;
    const QModelIndex at = index(row);
    Q_EMIT dataChanged(at, at);
}

void PostListModel::removeRowAt(int row)
{
    const Changing changing(m_changing);
    beginRemoveRows({}, row, row);
    m_records.remove(m_rows.at(row).id);
    m_rows.removeAt(row);
    endRemoveRows();
}

PostCursor PostListModel::lastCursor() const
{
    for (qsizetype i = m_rows.size() - 1; i >= 0; --i) {
        const PostRow &r = m_rows.at(i);
        if (!r.isGap && !r.local)
            return {r.createdAt, r.id};
    }
    return {};
}

int PostListModel::firstRealRow() const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (!m_rows.at(i).isGap && !m_rows.at(i).local)
            return i;
    }
    return -1;
}

int PostListModel::rowOf(const QString &id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == id)
            return i;
    }
    return -1;
}

void PostListModel::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged();
}

void PostListModel::setError(const QString &error)
{
    if (error == m_error)
        return;
    if (!error.isEmpty())
        qCWarning(lcFeed) << "feed list:" << error;
    m_error = error;
    Q_EMIT errorChanged();
}

void PostListModel::setCacheAtEnd(bool atEnd)
{
    const bool was = this->atEnd();
    m_cacheAtEnd = atEnd;
    if (was != this->atEnd())
        Q_EMIT atEndChanged();
}

void PostListModel::setServerAtEnd(bool atEnd)
{
    const bool was = this->atEnd();
    m_serverAtEnd = atEnd;
    if (was != this->atEnd())
        Q_EMIT atEndChanged();
}

} // namespace plaza::feed
