// SPDX-License-Identifier: MIT
#include "eventapplier.h"

#include "common/clock.h"
#include "common/logging.h"
#include "protocol/chat.h"
#include "protocol/events.h"
#include "protocol/feed.h"
#include "protocol/json.h"
#include "protocol/safety.h"
#include "protocol/savings.h"
#include "protocol/wallet.h"
#include "storage/cacheschema.h"
#include "storage/database.h"

namespace plaza::sync {

using storage::RowChanges;

namespace {

//! Decodes an event's data with its type's codec and hands it to \a apply; a payload that
//! is not what api-v1 says is ErrorCode::Protocol naming the field (applyBatch skips it).
template<typename T, typename Apply>
Status decodeThen(const QJsonObject &data, Apply apply)
{
    auto value = protocol::decodeReply<T>(data);
    if (!value)
        return value.error();
    return apply(*value);
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
    using protocol::EventType;
    const std::optional<EventType> type = protocol::eventTypeFromName(event.type);
    if (!type)
        return false;
    const QJsonObject &data = event.data;
    Status st;
    // Every payload goes through its codec (docs/api.md "Event types and data").
    switch (*type) {
    case EventType::MessageCreated:
        st = decodeThen<protocol::Message>(data, [&](const protocol::Message &m) -> Status {
            if (auto s = m_chat.upsertMessage(m, changes); !s)
                return s;
            // New by the server's word even when a REST page stored the row a moment before the
            // event (the store then saw an update): IncomingMessages takes news from created().
            changes.addCreated(storage::Table::Messages, m.id);
            return {};
        });
        break;
    case EventType::MessageEdited:
        // The whole Message: the newest edit wins (ChatStore compares edited_at).
        st = decodeThen<protocol::Message>(data, [&](const auto &m) { return m_chat.upsertMessage(m, changes); });
        break;
    case EventType::MessageDeleted:
        // {"id","conversation_id","deleted_at"}: a tombstone. A server from before issue 17
        // sent only the id: the message goes, as every *.deleted.
        if (data.contains(QStringLiteral("deleted_at")))
            st = decodeThen<protocol::MessageDeleted>(data, [&](const auto &d) { return m_chat.tombstone(d, changes); });
        else
            st = onDeleted(*type, event.type, data, changes);
        break;
    case EventType::MessageReaction:
        st = decodeThen<protocol::ReactionChange>(data, [&](const auto &r) { return m_chat.setReactions(r, changes); });
        break;
    case EventType::ConversationUpdated:
        st = decodeThen<protocol::Conversation>(data, [&](const auto &c) { return m_chat.upsertConversation(c, changes); });
        break;
    case EventType::ConversationRead:
        st = decodeThen<protocol::ReadMark>(data, [&](const auto &r) { return m_chat.markRead(r, m_selfId, changes); });
        break;
    case EventType::PostCreated:
    case EventType::PostUpdated:
        st = decodeThen<protocol::Post>(data, [&](const auto &p) { return m_posts.upsert(p, changes); });
        break;
    case EventType::TransactionCreated:
    case EventType::TransactionUpdated:
        st = decodeThen<protocol::Transaction>(data, [&](const auto &t) { return m_wallet.upsertTransaction(t, changes); });
        break;
    case EventType::WalletUpdated:
        st = decodeThen<protocol::Wallet>(data, [&](const auto &w) { return m_wallet.setWallet(w, changes); });
        break;
    case EventType::SavingsUpdated:
        st = decodeThen<protocol::SavingsAccount>(data, [&](const auto &s) { return m_wallet.setSavings(s, changes); });
        break;
    case EventType::SavingsRateChanged:
        st = decodeThen<protocol::RateChange>(data, [&](const auto &c) { return m_wallet.setRateChange(c, changes); });
        break;
    case EventType::PaymentRequestUpdated:
        st = decodeThen<protocol::PaymentRequest>(data,
                                                  [&](const auto &r) { return m_wallet.upsertPaymentRequest(r, changes); });
        break;
    case EventType::UserUpdated:
        st = decodeThen<protocol::User>(data, [&](const auto &u) { return m_users.applyUpdated(u, m_selfId, changes); });
        break;
    case EventType::BlockChanged:
        // {"user","blocked","changed_at"}: the blocker's own devices (docs/api.md "Safety").
        st = decodeThen<protocol::BlockChange>(data, [&](const protocol::BlockChange &b) -> Status {
            auto id = m_users.upsert(b.user, changes);
            if (!id)
                return id.error();
            return m_users.setBlocked(*id, b.blocked, protocol::formatTime(b.changedAt), changes);
        });
        break;
    case EventType::PersonMuteChanged:
        // {"user","muted","changed_at"}: the muter's own devices (docs/api.md "Safety").
        st = decodeThen<protocol::PersonMuteChange>(data, [&](const protocol::PersonMuteChange &m) -> Status {
            auto id = m_users.upsert(m.user, changes);
            if (!id)
                return id.error();
            return m_users.setMuted(*id, m.muted, protocol::formatTime(m.changedAt), changes);
        });
        break;
    case EventType::BookmarkChanged:
        // {"post_id","bookmarked","changed_at","post"}: the bookmarker's own devices (docs/api.md "Feed").
        st = decodeThen<protocol::BookmarkChange>(data, [&](const protocol::BookmarkChange &b) {
            return m_posts.setBookmark(b, changes);
        });
        break;
    case EventType::ConversationDeleted:
    case EventType::PostDeleted:
    case EventType::TransactionDeleted:
    case EventType::PaymentRequestDeleted:
        st = onDeleted(*type, event.type, data, changes);
        break;
    }
    if (!st)
        return st.error();
    return true;
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
        m_users.beginBatch();
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
    m_users.endBatch();
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

Status EventApplier::onDeleted(protocol::EventType type, const QString &name, const QJsonObject &data,
                               RowChanges &changes)
{
    using protocol::EventType;
    auto deleted = protocol::Deleted::fromJson(data, name);
    if (!deleted)
        return protocol::asProtocolError(deleted.error());
    const QString &id = deleted->id;
    if (type == EventType::PostDeleted)
        return m_posts.remove(id, changes);
    if (type == EventType::MessageDeleted)
        return m_chat.removeMessage(id, changes);
    // The table comes from the type, never from the data.
    storage::Table table;
    if (type == EventType::ConversationDeleted)
        table = storage::Table::Conversations;
    else if (type == EventType::TransactionDeleted)
        table = storage::Table::Transactions;
    else if (type == EventType::PaymentRequestDeleted)
        table = storage::Table::PaymentRequests;
    else
        return Error{ErrorCode::Protocol, QStringLiteral("%1 deletes nothing").arg(name), {}, 0};
    auto stmt = m_statements.get(QStringLiteral("DELETE FROM %1 WHERE id = ?1;").arg(storage::tableName(table)));
    if (!stmt)
        return stmt.error();
    if (auto st = (*stmt)->bind(1, id).exec(); !st)
        return st;
    changes.addRemoved(table, id);
    return {};
}

} // namespace plaza::sync
