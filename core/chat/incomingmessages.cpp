// SPDX-License-Identifier: MIT
#include "chat/incomingmessages.h"

#include "chat/chatqueries.h"
#include "common/clock.h"
#include "common/logging.h"
#include "money/money.h"
#include "protocol/json.h"
#include "net/apiclient.h"
#include "session/accountcontext.h"
#include "storage/cache.h"
#include "storage/database.h"
#include "sync/changeset.h"
#include "sync/syncengine.h"

#include <QHash>
#include <QLocale>
#include <QSet>

#include <algorithm>

namespace plaza::chat {

IncomingMessages::IncomingMessages(AccountContext *context, QObject *parent) : QObject(parent), m_context(context)
{
    connect(m_context, &AccountContext::readyChanged, this, &IncomingMessages::onReadyChanged);
    if (SyncEngine *engine = m_context->syncEngine()) {
        connect(engine, &SyncEngine::applied, this, &IncomingMessages::onApplied);
        // A pull that got everything ends a first sync; any pull's end delivers what it gathered.
        connect(engine, &SyncEngine::synced, this, [this] { m_backlog = false; });
        connect(engine, &SyncEngine::pullingChanged, this, [this](bool pulling) {
            if (!pulling)
                deliver();
        });
    }
    onReadyChanged();
}

IncomingMessages::~IncomingMessages() = default;

void IncomingMessages::close()
{
    m_db.reset();
    m_pending.clear();
    m_backlog = false;
    if (m_totalUnread != 0) {
        m_totalUnread = 0;
        Q_EMIT totalUnreadChanged(0);
    }
}

void IncomingMessages::onReadyChanged()
{
    if (!m_context->ready()) {
        close();
        return;
    }
    if (m_db)
        return;
    auto db = m_context->cache()->openConnection();
    if (!db) {
        qCWarning(lcChat) << "incoming messages: cannot read the cache:" << db.error().codeName();
        return;
    }
    m_db = std::move(db).value();
    m_selfId = m_context->userId();
    // A cache that never synced is filled by the coming pull: old news, every message of it.
    // Not "the cursor is 0": an account with no events yet has synced (its first message is
    // news), and a page the writer committed is readable here before the engine's cursor moves.
    m_backlog = !m_context->syncEngine() || !m_context->syncEngine()->everSynced();
    refreshTotal();
}

void IncomingMessages::onApplied(const sync::ChangeSet &changes)
{
    if (!m_db)
        return;
    if (changes.reset) {
        // Rebuilt from the whole history (410 resync_required): nothing in it is news.
        m_backlog = true;
        m_pending.clear();
    }
    // News is what the batch created (a new row, or a row a REST page stored just before its
    // message.created event); an update of a known message (a conversation's last message
    // again, an edit) never is. Our own ones are left out when delivering.
    if (!m_backlog) {
        const QSet<QString> created = changes.changes.created(storage::Table::Messages);
        if (!created.isEmpty()) {
            // Oldest first, as they were stored.
            auto stmt = m_db->prepare(QStringLiteral("SELECT rowid, id FROM messages WHERE id = ?1;"));
            if (!stmt) {
                qCWarning(lcChat) << "incoming messages:" << stmt.error().codeName();
                return;
            }
            QList<std::pair<qint64, QString>> ordered;
            for (const QString &id : created) {
                stmt->reset();
                stmt->bind(1, id);
                if (auto row = stmt->step(); row && *row)
                    ordered.append({stmt->int64(0), id});
            }
            std::sort(ordered.begin(), ordered.end());
            for (const auto &[rowid, id] : std::as_const(ordered)) {
                if (!m_pending.contains(id))
                    m_pending.append(id);
            }
        }
    }
    if (changes.reset || changes.changes.touches(storage::Table::Conversations)
        || changes.changes.touches(storage::Table::Messages))
        refreshTotal();
    // Live events are news at once; pages of a pull wait for its end (pullingChanged).
    SyncEngine *engine = m_context->syncEngine();
    if (!engine || !engine->isPulling())
        deliver();
}

void IncomingMessages::deliver()
{
    if (!m_db || m_pending.isEmpty())
        return;
    const QStringList ids = std::exchange(m_pending, {});
    if (m_backlog)
        return;
    auto stmt = m_db->prepare(QStringLiteral(
        "SELECT m.id, m.conversation_id, coalesce(nullif(u.display_name, ''), u.handle, ''), m.text, m.created_at, "
        "m.kind, m.payment_amount, m.payment_currency "
        "FROM messages m JOIN conversations c ON c.id = m.conversation_id LEFT JOIN users u ON u.id = m.sender_id "
        // Still unread: after our read mark (read elsewhere meanwhile: not news any more).
        "WHERE m.id = ?1 AND m.sender_id <> ?2 AND m.created_at > coalesce((SELECT r.created_at FROM messages r WHERE r.id = c.read_up_to), '') "
        // A group's system lines ("Amélie added Chloé") are not news.
        "AND m.kind <> 'system' "
        // A stranger's message request waits quietly until accepted (docs/api.md "Message requests").
        "AND c.request = 0 "
        // Nor is anything from someone the user blocked, in a group they still share.
        "AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.user_id = m.sender_id) "
        // A muted conversation does not notify (docs/api.md "Safety"), except a message that
        // mentions the user (docs/api.md "Groups").
        "AND (NOT (c.muted <> 0 AND (c.muted_until IS NULL OR c.muted_until > ?3)) "
        "     OR coalesce(m.mentions LIKE '% ' || ?2 || ' %', 0));"));
    if (!stmt) {
        qCWarning(lcChat) << "incoming messages:" << stmt.error().codeName();
        return;
    }
    const QString now = protocol::formatTime(Clock::instance()->nowUtc());
    QList<IncomingMessage> out;
    for (const QString &id : ids) {
        stmt->reset();
        stmt->bindAll(id, m_selfId, now);
        auto row = stmt->step();
        if (!row || !*row)
            continue;
        IncomingMessage m;
        m.messageId = stmt->text(0);
        m.conversationId = stmt->text(1);
        m.senderName = stmt->text(2);
        m.text = stmt->text(3).simplified();
        m.createdAt = stmt->text(4);
        // Money in the reader's locale, from the payment or the cached request — never the
        // amount as the sender's app wrote it in a request's text.
        if ((stmt->text(5) == u"payment" && !stmt->isNull(6)) || !requestIdIn(m.text).isEmpty())
            m.text = messagePreview(*m_db, stmt->text(5), stmt->text(3), stmt->isNull(6) ? QString() : stmt->text(7),
                                    stmt->int64(6), QLocale());
        out.append(std::move(m));
    }
    if (out.isEmpty())
        return;
    // Titles (a group's, or its members') as the conversation list shows them.
    if (auto conversations = readConversations(*m_db, m_selfId)) {
        QHash<QString, const ConversationRow *> byId;
        for (const ConversationRow &c : std::as_const(*conversations))
            byId.insert(c.id, &c);
        for (IncomingMessage &m : out) {
            if (const ConversationRow *c = byId.value(m.conversationId)) {
                m.conversationKind = c->kind;
                m.conversationTitle = c->title;
            }
        }
    }
    qCInfo(lcChat) << "incoming messages:" << out.size() << "new";
    Q_EMIT arrived(out);
}

void IncomingMessages::refreshTotal()
{
    if (!m_db)
        return;
    // Muted conversations do not count in the tray's badge, except their unread mentions;
    // message requests not at all.
    auto stmt = m_db->prepare(QStringLiteral("SELECT coalesce(sum(CASE WHEN muted <> 0 AND (muted_until IS NULL OR "
                                             "muted_until > ?1) THEN unread_mentions ELSE unread END), 0) FROM conversations "
                                             "WHERE request = 0;"));
    Result<qint64> total = stmt ? Result<qint64>(qint64(0)) : Result<qint64>(stmt.error());
    if (stmt) {
        stmt->bind(1, protocol::formatTime(Clock::instance()->nowUtc()));
        auto row = stmt->step();
        if (!row)
            total = row.error();
        else if (*row)
            total = stmt->int64(0);
    }
    if (!total) {
        qCWarning(lcChat) << "incoming messages: unread total:" << total.error().codeName();
        return;
    }
    if (int(*total) != m_totalUnread) {
        m_totalUnread = int(*total);
        Q_EMIT totalUnreadChanged(m_totalUnread);
    }
}

} // namespace plaza::chat
