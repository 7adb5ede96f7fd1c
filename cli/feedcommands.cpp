// SPDX-License-Identifier: MIT
// The feed commands of plaza-cli (members of Commands, kept apart like the wallet's): the same
// FeedService, outbox and FeedModel (with the Discover ranking) as the app.
#include "clicommands.h"
#include "terminal.h"

#include "common/nextsignal.h"
#include "feed/feedmodel.h"
#include "feed/feedservice.h"
#include "feed/feedstore.h"
#include "storage/database.h"
#include "sync/syncengine.h"

#include <QCoreApplication>
#include <QDateTime>

#include <chrono>
#include <cstdio>

namespace plaza::cli {

namespace {

QString signedNumber(double value)
{
    return (value >= 0 ? QStringLiteral("+") : QString()) + QString::number(value, 'f', 2);
}

} // namespace

QCoro::Task<int> Commands::openFeed(bool sendQueued)
{
    if (const int code = co_await open(); code != kOk)
        co_return code;
    const Status pulled = co_await m_session->syncEngine()->pull();
    m_pulled = pulled.ok();
    m_feed = new feed::FeedService(m_session.get(), m_session.get());
    QObject::connect(m_feed, &feed::FeedService::uploadProgress, m_feed,
                     [feed = m_feed](const QString &clientId, int index, qint64 done, qint64 total) {
                         QString name = QCoreApplication::translate("plaza-cli", "image");
                         if (feed->store()) {
                             if (auto pending = feed->store()->outbox(true)) {
                                 for (const feed::OutboxPost &p : std::as_const(*pending)) {
                                     if (p.clientId == clientId && index < p.images.size())
                                         name = p.images.at(index).name;
                                 }
                             }
                         }
                         printProgress(name, done, total);
                     });
    if (auto st = m_feed->start(); !st)
        co_return failWith(describe(st.error()));
    // What an earlier run wrote offline goes now, with its client_id (the server dedupes).
    if (sendQueued && m_pulled && m_feed->pendingCount() > 0) {
        auto left = co_await m_feed->sendPending();
        if (left && *left == 0)
            printLine(QCoreApplication::translate("plaza-cli", "sent the posts queued while offline"));
    }
    co_return kOk;
}

QCoro::Task<int> Commands::feed()
{
    if (const int code = co_await openFeed(); code != kOk)
        co_return code;
    feed::FeedModel model;
    model.setPersistent(false);
    model.setPageSize(std::clamp(m_options.limit, 1, 200));
    model.setTimeline(m_options.discover ? QStringLiteral("discover") : QStringLiteral("following"));
    model.setService(m_feed);
    if (m_pulled) {
        // The model asks the server for the newest page; a one-shot listing shows it too.
        co_await nextSignal(&model, &feed::FeedModel::refreshed, std::chrono::seconds(10));
        // Read (and rank) again with what the server just said: the first rows came from the
        // cache before its answer, and a shown row keeps the rank it was placed with.
        model.reload();
    }
    if (!model.error().isEmpty())
        co_return failWith(describe(model.error(), {}));
    using Role = feed::PostListModel::Role;
    int shown = 0;
    for (int row = 0; row < model.rowCount() && shown < m_options.limit; ++row) {
        const QModelIndex at = model.index(row);
        if (at.data(Role::IsGapRole).toBool()) {
            printLine(QCoreApplication::translate("plaza-cli", "   … posts missing here (the app loads them) …"));
            continue;
        }
        ++shown;
        QStringList labels;
        if (at.data(Role::IsRepostRole).toBool())
            labels.append(QCoreApplication::translate("plaza-cli", "reposted by %1").arg(at.data(Role::RepostedByNameRole).toString()));
        if (at.data(Role::SponsoredRole).toBool())
            labels.append(QCoreApplication::translate("plaza-cli", "sponsored by @%1").arg(at.data(Role::AdvertiserHandleRole).toString()));
        if (!at.data(Role::SendStateRole).toString().isEmpty())
            labels.append(at.data(Role::SendStateRole).toString() == u"failed" ? QCoreApplication::translate("plaza-cli", "not sent: refused")
                                                                                 : QCoreApplication::translate("plaza-cli", "sending"));
        if (!at.data(Role::ReplyToRole).toString().isEmpty())
            labels.append(QCoreApplication::translate("plaza-cli", "reply to %1").arg(at.data(Role::ReplyToRole).toString()));
        if (at.data(Role::EditedAtRole).isValid())
            labels.append(QCoreApplication::translate("plaza-cli", "edited"));
        if (at.data(Role::BookmarkedByMeRole).toBool())
            labels.append(QCoreApplication::translate("plaza-cli", "bookmarked"));
        printLine(QCoreApplication::translate("plaza-cli", "%1  %2  %3 (@%4)  likes %5  reposts %6  replies %7%8%9%10")
                      .arg(at.data(Role::PostIdRole).toString(),
                           at.data(Role::CreatedAtRole).toDateTime().toString(Qt::ISODate),
                           at.data(Role::AuthorNameRole).toString(), at.data(Role::AuthorHandleRole).toString())
                      .arg(at.data(Role::LikeCountRole).toLongLong())
                      .arg(at.data(Role::RepostCountRole).toLongLong())
                      .arg(at.data(Role::ReplyCountRole).toLongLong())
                      .arg(at.data(Role::LikedByMeRole).toBool() ? QCoreApplication::translate("plaza-cli", "  ♥ you") : QString(),
                           at.data(Role::RepostedByMeRole).toBool() ? QCoreApplication::translate("plaza-cli", "  ⟲ you") : QString(),
                           labels.isEmpty() ? QString() : QStringLiteral("  [") + labels.join(QStringLiteral("; ")) + u']'));
        // Limited reach: labelled and hidden until asked for (design.md), which a listing does not.
        if (at.data(Role::LimitedReachRole).toBool())
            printLine(QCoreApplication::translate("plaza-cli", "    (limited reach: hidden)"));
        else
            printLine(QStringLiteral("    ") + at.data(Role::TextRole).toString().replace(u'\n', QStringLiteral("\n    ")));
        if (const QVariantMap quote = at.data(Role::QuoteRole).toMap(); !quote.isEmpty()) {
            if (quote.value(QStringLiteral("deleted")).toBool())
                printLine(QCoreApplication::translate("plaza-cli", "    > (quoted post deleted)"));
            else
                printLine(QStringLiteral("    > %1 (@%2): %3")
                              .arg(quote.value(QStringLiteral("authorName")).toString(),
                                   quote.value(QStringLiteral("authorHandle")).toString(),
                                   quote.value(QStringLiteral("text")).toString().replace(u'\n', QStringLiteral("\n    > "))));
        }
        if (m_options.discover) {
            QStringList terms;
            for (const QVariant &t : at.data(Role::RankTermsRole).toList()) {
                const QVariantMap term = t.toMap();
                terms.append(QStringLiteral("%1 %2").arg(term.value(QStringLiteral("name")).toString(),
                                                         signedNumber(term.value(QStringLiteral("value")).toDouble())));
            }
            printLine(QCoreApplication::translate("plaza-cli", "    score %1 = %2")
                          .arg(QString::number(at.data(Role::ScoreRole).toDouble(), 'f', 2), terms.join(QStringLiteral(", "))));
        }
    }
    if (shown == 0)
        printLine(QCoreApplication::translate("plaza-cli", "no posts"));
    if (!m_pulled)
        printLine(QCoreApplication::translate("plaza-cli", "(offline: as last synced)"));
    co_return kOk;
}

QCoro::Task<int> Commands::post()
{
    const QStringList &args = m_options.arguments;
    if (args.size() != 1)
        co_return failWith(QCoreApplication::translate("plaza-cli", "usage: post \"TEXT\""), kUsage);
    if (auto st = feed::FeedService::validateText(args.at(0)); !st)
        co_return failWith(describe(st.error()), kUsage);
    if (const int code = co_await openFeed(); code != kOk)
        co_return code;
    if (!m_pulled) {
        // Queued with its client_id; no silent loss: the next run online sends it, once.
        auto queued = co_await m_feed->post(args.at(0));
        if (!queued)
            co_return failWith(describe(queued.error()));
        printLine(QCoreApplication::translate("plaza-cli", "offline: queued (client_id %1); the next plaza-cli run online sends it").arg(*queued));
        co_return kAwaiting;
    }
    QString postId;
    QObject::connect(m_feed, &feed::FeedService::postSent, m_feed,
                     [&postId](const QString &, const QString &id) { postId = id; });
    auto queued = co_await m_feed->post(args.at(0));
    if (!queued)
        co_return failWith(describe(queued.error()));
    if (postId.isEmpty()) {
        printLine(QCoreApplication::translate("plaza-cli", "not answered yet: queued (client_id %1); the next plaza-cli run sends it again").arg(*queued));
        co_return kAwaiting;
    }
    printLine(QCoreApplication::translate("plaza-cli", "posted %1").arg(postId));
    co_return kOk;
}

QCoro::Task<int> Commands::toggle(bool repost)
{
    const QStringList &args = m_options.arguments;
    if (args.size() != 1)
        co_return failWith(repost ? QCoreApplication::translate("plaza-cli", "usage: repost POST_ID") : QCoreApplication::translate("plaza-cli", "usage: like POST_ID"), kUsage);
    if (const int code = co_await openFeed(); code != kOk)
        co_return code;
    const QString id = args.at(0);
    Status st;
    // Two statements: GCC 12 miscompiles a ?: of co_awaits.
    if (repost)
        st = co_await m_feed->setReposted(id, true);
    else
        st = co_await m_feed->setLiked(id, true);
    if (!st)
        co_return failWith(describe(st.error()));
    // The server's answer is in the cache now (the original, for a repost's id).
    auto flags = m_feed->store()->flags(id);
    if (flags)
        printLine(repost ? QCoreApplication::translate("plaza-cli", "reposted %1 (%n repost(s))", nullptr, int(flags->repostCount)).arg(id)
                         : QCoreApplication::translate("plaza-cli", "liked %1 (%n like(s))", nullptr, int(flags->likeCount)).arg(id));
    else
        printLine(repost ? QCoreApplication::translate("plaza-cli", "reposted %1").arg(id) : QCoreApplication::translate("plaza-cli", "liked %1").arg(id));
    co_return kOk;
}

QCoro::Task<int> Commands::like()
{
    co_return co_await toggle(false);
}

QCoro::Task<int> Commands::repost()
{
    co_return co_await toggle(true);
}

bool Commands::isPostAction() const
{
    static const QStringList actions{QStringLiteral("edit"), QStringLiteral("delete"), QStringLiteral("quote"),
                                     QStringLiteral("bookmark"), QStringLiteral("unbookmark")};
    return m_options.arguments.size() >= 2 && actions.contains(m_options.arguments.constFirst());
}

QCoro::Task<int> Commands::postAction()
{
    const QStringList &args = m_options.arguments;
    const QString action = args.at(0);
    const bool withText = action == u"edit" || action == u"quote";
    if (args.size() != (withText ? 3 : 2))
        co_return failWith(withText ? QCoreApplication::translate("plaza-cli", "usage: post %1 POST_ID \"TEXT\"").arg(action)
                                    : QCoreApplication::translate("plaza-cli", "usage: post %1 POST_ID").arg(action),
                           kUsage);
    const QString id = args.at(1);
    if (withText) {
        if (auto st = feed::FeedService::validateText(args.at(2)); !st)
            co_return failWith(describe(st.error()), kUsage);
    }
    if (const int code = co_await openFeed(); code != kOk)
        co_return code;
    // Each needs the server's word (an edit, a delete and a quote are checked there): no queue.
    if (!m_pulled)
        co_return failWith(QCoreApplication::translate("plaza-cli", "offline: %1 needs a connection; nothing was changed").arg(action));
    if (action == u"quote") {
        auto quoted = co_await m_feed->quotePost(id, args.at(2));
        if (!quoted)
            co_return failWith(describe(quoted.error()));
        printLine(QCoreApplication::translate("plaza-cli", "posted %1 quoting %2").arg(*quoted, id));
        co_return kOk;
    }
    Status st;
    // One statement each: GCC 12 miscompiles a ?: of co_awaits.
    if (action == u"edit")
        st = co_await m_feed->editPost(id, args.at(2));
    else if (action == u"delete")
        st = co_await m_feed->deletePost(id);
    else
        st = co_await m_feed->setBookmarked(id, action == u"bookmark");
    if (!st)
        co_return failWith(describe(st.error()));
    if (action == u"edit")
        printLine(QCoreApplication::translate("plaza-cli", "edited %1").arg(id));
    else if (action == u"delete")
        printLine(QCoreApplication::translate("plaza-cli", "deleted %1").arg(id));
    else if (action == u"bookmark")
        printLine(QCoreApplication::translate("plaza-cli", "bookmarked %1").arg(id));
    else
        printLine(QCoreApplication::translate("plaza-cli", "removed the bookmark of %1").arg(id));
    co_return kOk;
}

QCoro::Task<int> Commands::bookmarks()
{
    if (const int code = co_await openFeed(); code != kOk)
        co_return code;
    // From the cache, as synced (bookmark.changed from every device of the account).
    auto ids = m_feed->store()->bookmarkIds(std::clamp(m_options.limit, 1, 1000));
    if (!ids)
        co_return failWith(describe(ids.error()));
    auto records = feed::readPostsById(m_feed->store()->db(), *ids);
    if (!records)
        co_return failWith(describe(records.error()));
    int shown = 0;
    for (const QString &id : std::as_const(*ids)) {
        for (const feed::PostRecord &r : std::as_const(*records)) {
            if (r.id != id)
                continue;
            ++shown;
            printLine(QStringLiteral("%1  %2  %3 (@%4)%5").arg(r.postId, r.postCreatedAt, r.authorName, r.authorHandle,
                                                               r.editedAt.isEmpty() ? QString() : QCoreApplication::translate("plaza-cli", "  [edited]")));
            printLine(QStringLiteral("    ") + QString(r.text).replace(u'\n', QStringLiteral("\n    ")));
        }
    }
    if (shown == 0)
        printLine(QCoreApplication::translate("plaza-cli", "no bookmarks"));
    if (!m_pulled)
        printLine(QCoreApplication::translate("plaza-cli", "(offline: as last synced)"));
    co_return kOk;
}

QCoro::Task<int> Commands::mutePerson(bool on)
{
    const QStringList &args = m_options.arguments;
    if (args.size() != 1)
        co_return failWith(on ? QCoreApplication::translate("plaza-cli", "usage: mute-person @handle|USER_ID")
                              : QCoreApplication::translate("plaza-cli", "usage: unmute-person @handle|USER_ID"),
                           kUsage);
    if (const int code = co_await openFeed(false); code != kOk)
        co_return code;
    if (!m_pulled)
        co_return failWith(QCoreApplication::translate("plaza-cli", "muting someone needs the server (offline now)"));
    if (on) {
        auto muted = co_await m_feed->mutePerson(args.at(0));
        if (!muted)
            co_return failWith(describe(muted.error()));
        printLine(QCoreApplication::translate("plaza-cli", "muted @%1 (%2): their posts leave your feed; they are not told")
                      .arg(muted->user.handle, muted->user.id));
        co_return kOk;
    }
    const Status unmuted = co_await m_feed->unmutePerson(args.at(0));
    if (!unmuted)
        co_return failWith(describe(unmuted.error()));
    printLine(QCoreApplication::translate("plaza-cli", "unmuted %1").arg(args.at(0)));
    co_return kOk;
}

QCoro::Task<int> Commands::mutedPeople()
{
    if (const int code = co_await openFeed(false); code != kOk)
        co_return code;
    // From the cache, as synced (person_mute.changed from every device of the account).
    auto stmt = m_feed->store()->db().prepare(QStringLiteral(
        "SELECT m.user_id, coalesce(u.handle, ''), coalesce(u.display_name, ''), m.muted_at FROM person_mutes m "
        "LEFT JOIN users u ON u.id = m.user_id ORDER BY m.muted_at DESC, m.user_id DESC;"));
    if (!stmt)
        co_return failWith(describe(stmt.error()));
    int count = 0;
    for (;;) {
        auto row = stmt->step();
        if (!row)
            co_return failWith(describe(row.error()));
        if (!*row)
            break;
        ++count;
        printLine(QCoreApplication::translate("plaza-cli", "%1  @%2  %3  since %4").arg(stmt->text(0), stmt->text(1), stmt->text(2), stmt->text(3)));
    }
    if (count == 0)
        printLine(QCoreApplication::translate("plaza-cli", "nobody muted"));
    if (!m_pulled)
        printLine(QCoreApplication::translate("plaza-cli", "(offline: as last synced)"));
    co_return kOk;
}

} // namespace plaza::cli
