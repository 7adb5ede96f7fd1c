// SPDX-License-Identifier: MIT
#include "eventapplier.h"

#include "common/clock.h"
#include "common/logging.h"
#include "protocol/json.h"
#include "storage/cacheschema.h"
#include "storage/database.h"

namespace plaza::sync {

using storage::RowChanges;

namespace {

// *.deleted events name a row by id; the table comes from the type, never from the data.
const QHash<QString, QString> &deletableTables()
{
    static const QHash<QString, QString> tables{
        {QStringLiteral("message.deleted"), QStringLiteral("messages")},
        {QStringLiteral("conversation.deleted"), QStringLiteral("conversations")},
        {QStringLiteral("transaction.deleted"), QStringLiteral("transactions")},
        {QStringLiteral("payment_request.deleted"), QStringLiteral("payment_requests")},
    };
    return tables;
}

} // namespace

EventApplier::EventApplier(storage::Database &db, QString selfUserId)
    : m_db(db),
      m_selfId(std::move(selfUserId)),
      m_statements(db),
      m_users(m_statements),
      m_chat(m_statements, m_users),
      m_wallet(m_statements, m_users),
      m_posts(m_statements, m_users)
{
    m_handlers = {
        {QStringLiteral("message.created"), &EventApplier::onMessageCreated},
        {QStringLiteral("conversation.updated"), &EventApplier::onConversationUpdated},
        {QStringLiteral("conversation.read"), &EventApplier::onConversationRead},
        {QStringLiteral("post.created"), &EventApplier::onPostUpserted},
        {QStringLiteral("post.updated"), &EventApplier::onPostUpserted},
        {QStringLiteral("transaction.created"), &EventApplier::onTransactionUpserted},
        {QStringLiteral("transaction.updated"), &EventApplier::onTransactionUpserted},
        {QStringLiteral("wallet.updated"), &EventApplier::onWalletUpdated},
        {QStringLiteral("savings.updated"), &EventApplier::onSavingsUpdated},
        {QStringLiteral("savings.rate_changed"), &EventApplier::onSavingsRateChanged},
        {QStringLiteral("payment_request.updated"), &EventApplier::onPaymentRequestUpdated},
        {QStringLiteral("user.updated"), &EventApplier::onUserUpdated},
    };
}

const QStringList &EventApplier::knownTypes()
{
    static const QStringList types{
        QStringLiteral("message.created"),     QStringLiteral("conversation.updated"),
        QStringLiteral("conversation.read"),   QStringLiteral("post.created"),
        QStringLiteral("post.updated"),        QStringLiteral("post.deleted"),
        QStringLiteral("transaction.created"), QStringLiteral("transaction.updated"),
        QStringLiteral("wallet.updated"),      QStringLiteral("savings.updated"),
        QStringLiteral("savings.rate_changed"),
        QStringLiteral("payment_request.updated"), QStringLiteral("user.updated"),
    };
    return types;
}

Status EventApplier::load()
{
    auto cursor = m_db.scalar(QStringLiteral("SELECT cursor FROM sync_state WHERE id = 1;"));
    if (!cursor)
        return cursor.error();
    m_cursor = *cursor;
    return {};
}

Result<bool> EventApplier::applyEvent(const protocol::Event &event, RowChanges &changes)
{
    if (const auto handler = m_handlers.constFind(event.type); handler != m_handlers.constEnd()) {
        if (auto st = (this->*(*handler))(event.data, changes); !st)
            return st.error();
        return true;
    }
    if (event.type.endsWith(u".deleted")) {
        if (event.type == u"post.deleted" || deletableTables().contains(event.type)) {
            if (auto st = onDeleted(event.type, event.data, changes); !st)
                return st.error();
            return true;
        }
    }
    return false;
}

Result<ChangeSet> EventApplier::applyBatch(const QList<protocol::Event> &events, qint64 upTo, bool contiguous)
{
    ChangeSet result;
    qint64 cursor = m_cursor;
    if (contiguous) {
        // Decide before writing anything: a live event that skips a seq means we missed one.
        qint64 expected = cursor;
        for (const protocol::Event &e : events) {
            if (e.seq <= expected)
                continue;
            if (e.seq != expected + 1) {
                result.gap = true;
                result.cursor = m_cursor;
                return result;
            }
            expected = e.seq;
        }
    }

    const QDateTime now = Clock::instance()->nowUtc();
    Status st = m_db.transaction([&]() -> Status {
        for (const protocol::Event &e : events) {
            if (e.seq <= cursor) {
                ++result.skipped;
                continue;
            }
            auto known = applyEvent(e, result.changes);
            if (!known) {
                if (known.error().code != ErrorCode::Protocol)
                    return known.error();
                // The payload is not what api-v1 says. Skip it rather than stall sync on it
                // for ever; the id and field (never the content) go to the log.
                qCWarning(lcSync) << "skipping malformed event" << e.seq << e.type << known.error().field();
                ++result.skipped;
            } else if (!*known) {
                qCDebug(lcSync) << "skipping unknown event type" << e.type << "at" << e.seq;
                ++result.skipped;
            } else {
                ++result.applied;
                if (!result.types.contains(e.type))
                    result.types.append(e.type);
            }
            cursor = e.seq;
        }
        cursor = std::max(cursor, upTo);
        auto update = m_statements.get(
            QStringLiteral("UPDATE sync_state SET cursor = ?1, last_synced_at = ?2 WHERE id = 1;"));
        if (!update)
            return update.error();
        return (*update)->bindAll(cursor, protocol::formatTime(now)).exec();
    });
    if (!st)
        return st.error();
    m_cursor = cursor;
    result.cursor = cursor;
    result.committedAt = now;
    return result;
}

Status EventApplier::resetPrivateData()
{
    Status st = m_db.transaction([&]() -> Status {
        for (const QString &table : storage::privateTables()) {
            if (auto s = m_db.exec(QStringLiteral("DELETE FROM %1;").arg(table)); !s)
                return s;
        }
        return m_db.exec(QStringLiteral("UPDATE sync_state SET cursor = 0 WHERE id = 1;"));
    });
    if (st)
        m_cursor = 0;
    return st;
}

Status EventApplier::onMessageCreated(const QJsonObject &data, RowChanges &changes)
{
    return m_chat.upsertMessage(data, changes);
}

Status EventApplier::onConversationUpdated(const QJsonObject &data, RowChanges &changes)
{
    return m_chat.upsertConversation(data, changes);
}

Status EventApplier::onConversationRead(const QJsonObject &data, RowChanges &changes)
{
    return m_chat.markRead(data, m_selfId, changes);
}

Status EventApplier::onPostUpserted(const QJsonObject &data, RowChanges &changes)
{
    return m_posts.upsert(data, changes);
}

Status EventApplier::onTransactionUpserted(const QJsonObject &data, RowChanges &changes)
{
    return m_wallet.upsertTransaction(data, changes);
}

Status EventApplier::onWalletUpdated(const QJsonObject &data, RowChanges &changes)
{
    return m_wallet.setWallet(data, changes);
}

Status EventApplier::onSavingsUpdated(const QJsonObject &data, RowChanges &changes)
{
    return m_wallet.setSavings(data, changes);
}

Status EventApplier::onSavingsRateChanged(const QJsonObject &data, RowChanges &changes)
{
    return m_wallet.setRateChange(data, changes);
}

Status EventApplier::onPaymentRequestUpdated(const QJsonObject &data, RowChanges &changes)
{
    return m_wallet.upsertPaymentRequest(data, changes);
}

Status EventApplier::onUserUpdated(const QJsonObject &data, RowChanges &changes)
{
    return m_users.applyUpdated(data, m_selfId, changes);
}

Status EventApplier::onDeleted(const QString &type, const QJsonObject &data, RowChanges &changes)
{
    protocol::JsonReader r(data, type);
    const QString id = r.string(QStringLiteral("id"));
    if (!r.ok())
        return Error{ErrorCode::Protocol, r.error().message, r.error().details, 0};
    if (type == u"post.deleted")
        return m_posts.remove(id, changes);
    if (type == u"message.deleted")
        return m_chat.removeMessage(id, changes);
    const QString table = deletableTables().value(type);
    auto stmt = m_statements.get(QStringLiteral("DELETE FROM %1 WHERE id = ?1;").arg(table));
    if (!stmt)
        return stmt.error();
    if (auto st = (*stmt)->bind(1, id).exec(); !st)
        return st;
    changes.add(table, id);
    return {};
}

} // namespace plaza::sync
