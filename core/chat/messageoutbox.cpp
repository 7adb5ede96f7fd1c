// SPDX-License-Identifier: MIT
#include "chat/messageoutbox.h"

#include "common/clock.h"
#include "storage/database.h"

#include <QDateTime>
#include <QUuid>

namespace plaza::chat {

namespace {

QString now()
{
    return Clock::instance()->nowUtc().toString(Qt::ISODateWithMs);
}

OutgoingMessage::State stateFromName(const QString &name)
{
    if (name == u"sent")
        return OutgoingMessage::State::Sent;
    if (name == u"failed")
        return OutgoingMessage::State::Failed;
    return OutgoingMessage::State::Sending;
}

} // namespace

QString outgoingStateName(OutgoingMessage::State state)
{
    switch (state) {
    case OutgoingMessage::State::Sending:
        return QStringLiteral("sending");
    case OutgoingMessage::State::Sent:
        return QStringLiteral("sent");
    case OutgoingMessage::State::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

Result<OutgoingMessage> MessageOutbox::add(const QString &conversationId, const QString &text, const QString &clientId,
                                           const QString &createdAt, const QString &replyTo,
                                           const QList<media::OutgoingFile> &files)
{
    OutgoingMessage m;
    m.clientId = clientId.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : clientId;
    m.conversationId = conversationId;
    m.text = text.isNull() ? QStringLiteral("") : text; // a message of files only: "" (the column is NOT NULL)
    m.createdAt = createdAt.isEmpty() ? now() : createdAt;
    auto st = m_db->prepare(QStringLiteral(
        "INSERT INTO message_outbox (client_id, seq, conversation_id, text, state, created_at, updated_at, attachments) "
        "VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM message_outbox), ?2, ?3, 'sending', ?4, ?4, ?5);"));
    if (!st)
        return st.error();
    st->bindAll(m.clientId, conversationId, m.text, m.createdAt, media::filesToJson(files));
    if (!replyTo.isEmpty()) {
        // First, so the message never exists without what it replies to (a crash between
        // the two leaves only an orphan that pruneSynced() removes).
        auto reply = m_db->prepare(
            QStringLiteral("INSERT OR REPLACE INTO message_outbox_replies (client_id, reply_to) VALUES (?1, ?2);"));
        if (!reply)
            return reply.error();
        reply->bindAll(m.clientId, replyTo);
        if (auto done = reply->exec(); !done)
            return done.error();
    }
    // A standalone statement is its own transaction: committed when exec returns.
    if (auto done = st->exec(); !done)
        return done.error();
    return find(m.clientId);
}

Status MessageOutbox::markAttempt(const QString &clientId)
{
    auto st = m_db->prepare(
        QStringLiteral("UPDATE message_outbox SET attempts = attempts + 1, updated_at = ?2 WHERE client_id = ?1;"));
    if (!st)
        return st.error();
    st->bindAll(clientId, now());
    return st->exec();
}

Status MessageOutbox::setFiles(const QString &clientId, const QList<media::OutgoingFile> &files)
{
    auto st = m_db->prepare(QStringLiteral(
        "UPDATE message_outbox SET attachments = ?2, updated_at = ?3 WHERE client_id = ?1 AND state = 'sending';"));
    if (!st)
        return st.error();
    st->bindAll(clientId, media::filesToJson(files), now());
    if (auto done = st->exec(); !done)
        return done.error();
    if (m_db->changes() == 0)
        return makeError(ErrorCode::Cancelled, QStringLiteral("The message is no longer being sent."));
    return {};
}

Status MessageOutbox::addHashes(const QString &clientId, const QList<media::OutgoingFile> &described)
{
    auto row = find(clientId);
    if (!row && row.error().code != ErrorCode::NotFound)
        return row.error();
    if (!row || row->state != OutgoingMessage::State::Sending)
        return makeError(ErrorCode::Cancelled, QStringLiteral("The message is no longer being sent."));
    QList<media::OutgoingFile> files = row->files;
    return media::takeHashes(files, described) ? setFiles(clientId, files) : Status{};
}

Status MessageOutbox::noteUnanswered(const QString &clientId, const Error &why)
{
    auto st = m_db->prepare(QStringLiteral("UPDATE message_outbox SET error_code = ?2, error_message = ?3, updated_at = ?4 "
                                           "WHERE client_id = ?1 AND state = 'sending';"));
    if (!st)
        return st.error();
    st->bindAll(clientId, why.codeName(), why.message, now());
    return st->exec();
}

Status MessageOutbox::markSent(const QString &clientId, const QString &messageId)
{
    auto st = m_db->prepare(QStringLiteral("UPDATE message_outbox SET state = 'sent', message_id = ?2, error_code = NULL, "
                                           "error_message = NULL, updated_at = ?3 WHERE client_id = ?1;"));
    if (!st)
        return st.error();
    st->bindAll(clientId, messageId, now());
    return st->exec();
}

Status MessageOutbox::markFailed(const QString &clientId, const Error &error)
{
    auto st = m_db->prepare(QStringLiteral("UPDATE message_outbox SET state = 'failed', error_code = ?2, error_message = ?3, "
                                           "updated_at = ?4 WHERE client_id = ?1 AND state = 'sending';"));
    if (!st)
        return st.error();
    st->bindAll(clientId, error.codeName(), error.message, now());
    return st->exec();
}

Status MessageOutbox::requeue(const QString &clientId)
{
    auto st = m_db->prepare(QStringLiteral(
        "UPDATE message_outbox SET state = 'sending', error_code = NULL, error_message = NULL, updated_at = ?2, "
        "seq = (SELECT coalesce(max(seq), 0) + 1 FROM message_outbox) WHERE client_id = ?1 AND state = 'failed';"));
    if (!st)
        return st.error();
    st->bindAll(clientId, now());
    return st->exec();
}

Status MessageOutbox::discard(const QString &clientId)
{
    auto st = m_db->prepare(QStringLiteral("DELETE FROM message_outbox WHERE client_id = ?1 AND state <> 'sent';"));
    if (!st)
        return st.error();
    st->bind(1, clientId);
    return st->exec();
}

Result<QList<OutgoingMessage>> MessageOutbox::select(const QString &where, const QString &arg)
{
    auto st = m_db->prepare(QStringLiteral("SELECT client_id, seq, conversation_id, text, state, attempts, message_id, "
                                           "error_code, error_message, created_at, (SELECT r.reply_to FROM message_outbox_replies r "
                                           "WHERE r.client_id = o.client_id), attachments FROM message_outbox o WHERE %1 "
                                           "ORDER BY seq;")
                                .arg(where));
    if (!st)
        return st.error();
    if (!arg.isNull())
        st->bind(1, arg);
    QList<OutgoingMessage> out;
    for (;;) {
        auto row = st->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        OutgoingMessage m;
        m.clientId = st->text(0);
        m.seq = st->int64(1);
        m.conversationId = st->text(2);
        m.text = st->text(3);
        m.state = stateFromName(st->text(4));
        m.attempts = int(st->int64(5));
        m.messageId = st->text(6);
        m.errorCode = st->text(7);
        m.errorMessage = st->text(8);
        m.createdAt = st->text(9);
        m.replyTo = st->text(10);
        auto files = media::filesFromJson(st->text(11));
        if (!files)
            return files.error();
        m.files = std::move(files).value();
        out.append(std::move(m));
    }
    return out;
}

Result<OutgoingMessage> MessageOutbox::find(const QString &clientId)
{
    auto rows = select(QStringLiteral("client_id = ?1"), clientId);
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return makeError(ErrorCode::NotFound, QStringLiteral("No such message in the outbox."));
    return rows->constFirst();
}

Result<QList<OutgoingMessage>> MessageOutbox::pending()
{
    return select(QStringLiteral("state = 'sending'"), {});
}

Result<QList<OutgoingMessage>> MessageOutbox::unsynced(const QString &conversationId)
{
    return select(QStringLiteral("conversation_id = ?1 AND NOT EXISTS (SELECT 1 FROM messages m WHERE "
                                 "m.conversation_id = o.conversation_id AND m.client_id = o.client_id)"),
                  conversationId);
}

Status MessageOutbox::pruneSynced()
{
    return m_db->exec(QStringLiteral(
        "DELETE FROM message_outbox WHERE state = 'sent' AND EXISTS (SELECT 1 FROM messages m WHERE m.id = message_id);"
        "DELETE FROM message_outbox_replies WHERE client_id NOT IN (SELECT client_id FROM message_outbox);"));
}

Result<std::pair<int, int>> MessageOutbox::counts()
{
    auto st = m_db->prepare(QStringLiteral(
        "SELECT coalesce(sum(state = 'sending'), 0), coalesce(sum(state = 'failed'), 0) FROM message_outbox;"));
    if (!st)
        return st.error();
    auto row = st->step();
    if (!row)
        return row.error();
    if (!*row)
        return std::pair<int, int>(0, 0);
    return std::pair<int, int>(int(st->int64(0)), int(st->int64(1)));
}

} // namespace plaza::chat
