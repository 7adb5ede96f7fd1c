// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "media/outgoingfiles.h"

#include <QList>
#include <QString>

#include <utility>

namespace plaza::storage {
class Database;
}

namespace plaza::chat {

//! One message the user sent, as the outbox keeps it (cache schema v4, message_outbox; its
//! files since v9: the attachments column, media/outgoingfiles.h).
struct OutgoingMessage {
    enum class State { Sending, Sent, Failed };

    QString clientId;       //!< the client_id every try sends (a UUID without braces)
    qint64 seq = 0;         //!< send order
    QString conversationId;
    QString text;
    State state = State::Sending;
    int attempts = 0;
    QString messageId;      //!< the server's id once Sent
    QString errorCode;      //!< why it Failed (or why the last try did not get an answer)
    QString errorMessage;
    QString createdAt;      //!< RFC 3339 UTC with milliseconds, when the user sent it
    QString replyTo;        //!< the message it replies to (empty: none), sent as reply_to
    //! Its attachments, in order, with where each upload is (empty: a text message).
    QList<media::OutgoingFile> files;
};

[[nodiscard]] QString outgoingStateName(OutgoingMessage::State state);

//! The message_outbox table on a connection it does not own. Writes are made on the cache
//! writer's connection, inside CacheWriter::run() (the writer thread); reads may use a read
//! connection. Every write commits before it returns: a message is on disk before its first try.
class MessageOutbox
{
public:
    explicit MessageOutbox(storage::Database &db) : m_db(&db) { }

    //! Stores a new message in state Sending with \a clientId (a fresh one if empty) and
    //! \a createdAt (now if empty), after every other; \a replyTo: the message it answers;
    //! \a files to upload first.
    [[nodiscard]] Result<OutgoingMessage> add(const QString &conversationId, const QString &text,
                                              const QString &clientId = {}, const QString &createdAt = {},
                                              const QString &replyTo = {}, const QList<media::OutgoingFile> &files = {});
    //! Where the uploads of a sending message are now. Cancelled when it is no longer sending
    //! (discarded meanwhile): its upload stops.
    [[nodiscard]] Status setFiles(const QString &clientId, const QList<media::OutgoingFile> &files);
    //! The hashes (and read types) of \a described written into the row's files still without
    //! one (the same path at the same place): a message queued before its files were read.
    //! Cancelled when the row is no longer being sent.
    [[nodiscard]] Status addHashes(const QString &clientId, const QList<media::OutgoingFile> &described);
    //! Counts a try (before it is sent).
    [[nodiscard]] Status markAttempt(const QString &clientId);
    //! The try got no answer (\a why): it stays Sending, to be retried with the same client_id.
    [[nodiscard]] Status noteUnanswered(const QString &clientId, const Error &why);
    [[nodiscard]] Status markSent(const QString &clientId, const QString &messageId);
    [[nodiscard]] Status markFailed(const QString &clientId, const Error &error);
    //! A failed message back to Sending, at the end of the queue (retry()).
    [[nodiscard]] Status requeue(const QString &clientId);
    //! Forgets a failed or sending message (discard()); a sent one stays.
    [[nodiscard]] Status discard(const QString &clientId);

    [[nodiscard]] Result<OutgoingMessage> find(const QString &clientId);
    //! Messages still to send, in send order.
    [[nodiscard]] Result<QList<OutgoingMessage>> pending();
    //! Messages of \a conversationId that are not yet in the cache's messages table (sending,
    //! failed, or sent but not synced yet), in send order.
    [[nodiscard]] Result<QList<OutgoingMessage>> unsynced(const QString &conversationId);
    //! Sent messages whose event arrived are history now: forgets them.
    [[nodiscard]] Status pruneSynced();
    //! How many are sending, how many failed.
    [[nodiscard]] Result<std::pair<int, int>> counts();

    [[nodiscard]] storage::Database &db() { return *m_db; }

private:
    [[nodiscard]] Result<QList<OutgoingMessage>> select(const QString &where, const QString &arg);

    storage::Database *m_db;
};

} // namespace plaza::chat
