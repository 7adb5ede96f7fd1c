// SPDX-License-Identifier: MIT
#pragma once

#include "storage/cache.h"

#include "chat/messageoutbox.h"
#include "media/outgoingfiles.h"
#include "common/result.h"
#include "outbox/outbox.h"

#include <QCoroTask>
#include <QDateTime>
#include <QFuture>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QVariantList>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace plaza {
class AccountContext;
namespace storage {
class Database;
}
namespace sync {
class CacheWriter;
}
}

namespace plaza::chat {

//! Chat on the client (issue #5). Sending goes through the cache's message outbox, on the one
//! outbox mechanism (outbox::Outbox, Order::Strict): send() stores the message (state
//! "sending") and commits before its first try, so it shows as soon as it is stored, survives a
//! restart, and is sent in order, one at a time, with its client_id until the server answers —
//! the server keeps one message per client_id, so it arrives exactly once. A lost answer
//! (network, timeout, 5xx) keeps it sending and retries on reconnect and after
//! RetryPolicy::messages()'s back-off; a final answer (RetryPolicy) marks it failed: retry()
//! queues it again at the end, discard() forgets it. Every outbox change is published on the
//! cache's change stream as storage::Table::MessageOutbox (ids: the conversation).
//!
//! Also: drafts per conversation (the cache's kv), read marks (markRead), typing both ways
//! over the WebSocket, opening the direct conversation with someone, and fetching older
//! messages into the cache. Lives on the session's thread. Every write (the outbox, drafts,
//! server objects) is a command run by the session's CacheWriter on its own thread and
//! awaited, so the UI thread never writes nor waits on SQLite's lock; reads use a read
//! connection opened when the session is Ready. plaza_core has no QML: the app registers it.
class ChatService : public QObject
{
    Q_OBJECT
    Q_PROPERTY(int pendingCount READ pendingCount NOTIFY pendingChanged)
    Q_PROPERTY(int failedCount READ failedCount NOTIFY pendingChanged)
public:
    //! The longest message the server takes (code points), checked before storing.
    static constexpr int kMaxMessageChars = 4000;
    //! A group's title (code points) and its other members, as the server takes them.
    static constexpr int kMaxGroupTitleChars = 100;
    static constexpr int kMaxGroupMembers = 49;

    explicit ChatService(AccountContext *context, QObject *parent = nullptr);
    ~ChatService() override;

    //! Opens the outbox and sends what a previous run left. Called by itself whenever the
    //! session becomes Ready; call it once if the session already is.
    [[nodiscard]] Status start();
    [[nodiscard]] AccountContext *context() const { return m_context; }
    //! The local copy its models read: readers, the change stream, freshness.
    [[nodiscard]] storage::Cache *cache() const;
    //! The outbox on the read connection (reads only: writes go through the cache writer).
    [[nodiscard]] MessageOutbox *outbox() const { return m_outbox.get(); }
    //! The read connection (null until started).
    [[nodiscard]] storage::Database *reader() const { return m_reader.get(); }

    //! Stores \a text for \a conversationId in the outbox (on the writer thread) and starts
    //! sending. Resolves to the stored message (its client_id), or why it was refused locally
    //! (empty, too long, not open). Works offline. \a replyTo: the message it answers (the
    //! server checks it is one of this conversation, still there). With \a files
    //! (describeFiles()), the text may be empty: each file is uploaded first (resumably, where
    //! it is kept in the row), then the message goes with their media ids.
    QCoro::Task<Result<OutgoingMessage>> queue(QString conversationId, QString text, QString replyTo = {},
                                               QList<media::OutgoingFile> files = {}, QString clientId = {});
    //! The files to queue from (path or file:// URL, alt text) pairs: checked (at most
    //! kMaxMessageAttachments, readable, 1 byte to 100 MiB, alt ≤ 1,000 characters) and hashed
    //! on a worker thread. ValidationFailed / PayloadTooLarge (field "files", details "index").
    QCoro::Task<Result<QList<media::OutgoingFile>>> describeFiles(QList<std::pair<QString, QString>> pathsAndAlts);
    //! Sends every queued message in order until one gets no answer. Resolves to how many are
    //! still queued (0 when all went out). While another flush runs, waits for it instead.
    QCoro::Task<Result<int>> flush();
    //! The conversation for "@handle" (the direct one, created on the server if needed) or a
    //! conversation id (known to the cache, or to the server).
    QCoro::Task<Result<QString>> conversationWith(QString handleOrId);
    //! A new group with \a title (1–100 characters) and \a members (user ids, or "@handle"s
    //! looked up; oneself and repeats dropped; 1–49 others), stored in the cache. Resolves
    //! to its id.
    QCoro::Task<Result<QString>> createGroup(QString title, QStringList members);
    //! The user id of "@handle" (asked of the server).
    QCoro::Task<Result<QString>> userIdFor(QString handle);
    //! GET one page of messages older than \a beforeId (empty: the newest) from the server
    //! into the cache. Resolves to how many came, and whether the server has older ones.
    QCoro::Task<Result<std::pair<int, bool>>> fetchOlder(QString conversationId, QString beforeId, int limit = 50);
    //! POST the read mark up to the newest synced message of \a conversationId (if it moves).
    QCoro::Task<Status> markReadAsync(QString conversationId);

    //! Messages of \a conversationId handed to the writer and not committed yet (send order):
    //! list models show them at once, as "sending" (the change stream names the conversation
    //! under Table::MessageOutbox as soon as one is handed over).
    [[nodiscard]] QList<OutgoingMessage> onTheirWay(const QString &conversationId) const;

    [[nodiscard]] int pendingCount() const { return m_pending; }
    [[nodiscard]] int failedCount() const { return m_failed; }

    // For QML (each ends in signals; see below).
    //! queue() without waiting: false when refused at once (sendRefused); true when the
    //! message went to the writer, then messageQueued (or sendRefused if it could not be stored).
    Q_INVOKABLE bool send(const QString &conversationId, const QString &text);
    //! send() as a reply to \a replyTo (a message id of that conversation).
    Q_INVOKABLE bool sendReply(const QString &conversationId, const QString &text, const QString &replyTo);
    //! send() with files: each of \a files is {"path": a local path or file:// URL, "alt":
    //! text}. Checks what needs no reading at once (false and sendRefused(code, field) when
    //! refused: "files", "text", "conversation_id"); then the message is stored at once, in
    //! the order of the calls (messageQueued), while its files are hashed off this thread; the
    //! hashes are in the row before anything goes to the server (its first try waits for
    //! them). Its uploads show on uploadProgress; discard() gives them up.
    Q_INVOKABLE bool sendFiles(const QString &conversationId, const QString &text, const QVariantList &files);
    //! A failed message: back in the queue (at the end), sent again with its client_id.
    Q_INVOKABLE void retry(const QString &clientId);
    //! A failed (or still sending) message is forgotten.
    Q_INVOKABLE void discard(const QString &clientId);
    Q_INVOKABLE void markRead(const QString &conversationId);
    //! The unsent text of \a conversationId (empty if none).
    Q_INVOKABLE QString draft(const QString &conversationId) const;
    Q_INVOKABLE void setDraft(const QString &conversationId, const QString &text);
    //! The conversation that was open when the app last ran ("" if none), from the cache.
    Q_INVOKABLE [[nodiscard]] QString lastOpened() const;
    Q_INVOKABLE void setLastOpened(const QString &conversationId);
    //! Tells the others in \a conversationId that we are typing (at most every 3 s).
    Q_INVOKABLE void sendTyping(const QString &conversationId);
    //! Display names of who is typing in \a conversationId now (frames of the last 5 s).
    Q_INVOKABLE QStringList typingNames(const QString &conversationId) const;
    //! conversationWith() for QML: ends in conversationOpened or conversationOpenFailed.
    Q_INVOKABLE void openConversationWith(const QString &handleOrId);
    //! createGroup() for QML: ends in conversationOpened or conversationOpenFailed.
    Q_INVOKABLE void startGroup(const QString &title, const QStringList &members);

Q_SIGNALS:
    void pendingChanged();
    void messageQueued(const QString &conversationId, const QString &clientId);
    void messageSent(const QString &clientId, const QString &messageId);
    //! The server refused message \a clientId for good: an ErrorCode name.
    void messageFailed(const QString &clientId, const QString &code);
    //! send() refused locally: an ErrorCode name and the field it is about ("text",
    //! "conversation_id"; may be empty).
    void sendRefused(const QString &code, const QString &field);
    //! File \a fileIndex of queued message \a clientId: \a done of \a total bytes are on the
    //! server (at most about 10 a second per message, and always the last). The row keeps it
    //! too (OutgoingMessage::files), so a restarted app shows where it is.
    void uploadProgress(const QString &clientId, int fileIndex, qint64 done, qint64 total);
    void typingChanged(const QString &conversationId);
    void draftChanged(const QString &conversationId);
    //! start() opened the outbox: drafts and lastOpened() can be read from now on.
    void started();
    //! Older messages of \a conversationId were stored in the cache by fetchOlder().
    void olderStored(const QString &conversationId);
    void conversationOpened(const QString &conversationId);
    //! conversationWith/startGroup failed: an ErrorCode name and, for validation_failed, the
    //! field ("title", "member_ids", "handle"…; may be empty).
    void conversationOpenFailed(const QString &code, const QString &field);

private:
    void flushSoon();
    //! One try of one message: POST with its client_id; the server's message id.
    QCoro::Task<Result<QString>> postMessage(OutgoingMessage m);
    [[nodiscard]] Status checkMessage(const QString &conversationId, const QString &text, int files = 0) const;
    QCoro::Task<void> sendTask(QString conversationId, QString text, QString replyTo);
    QCoro::Task<void> sendFilesTask(QString conversationId, QString text, QList<std::pair<QString, QString>> files);
    //! The uploads of \a m (chatservicefiles.cpp): its files, each with a media id.
    QCoro::Task<Result<QList<media::OutgoingFile>>> uploadFilesOf(OutgoingMessage m);
    void reportProgress(const QString &clientId, int fileIndex, qint64 done, qint64 total);
    QCoro::Task<void> changeTask(QString clientId, bool requeue);
    QCoro::Task<void> pruneTask();
    //! Writes kv pairs through the writer; value() reads what is on its way first.
    void setValue(const QString &key, const QString &value);
    QCoro::Task<void> setValueTask(QString key, QString value, quint64 generation);
    [[nodiscard]] QString value(const QString &key) const;
    QCoro::Task<void> markReadTask(QString conversationId);
    QCoro::Task<void> openTask(QString handleOrId);
    QCoro::Task<void> groupTask(QString title, QStringList members);
    //! POST /v1/conversations with \a body; the answer stored in the cache; its id.
    QCoro::Task<Result<QString>> createConversation(QJsonObject body);
    void refreshCounts();
    void sendUnsentRead();
    void onTyping(const QString &conversationId, const QString &userId);
    void sweepTyping();
    //! Server objects through the writer's applier (see CacheWriter::storeObjects).
    QCoro::Task<Status> storeObjects(QString type, QList<QJsonObject> objects);
    [[nodiscard]] sync::CacheWriter *writer() const;
    void close();

    AccountContext *m_context;
    std::unique_ptr<storage::Database> m_reader; //!< read-only: the UI thread never writes
    std::unique_ptr<MessageOutbox> m_outbox;      //!< on m_reader
    //! The one outbox mechanism over message_outbox: rounds, retries (3 s doubling to 30 s), marks.
    std::unique_ptr<outbox::Outbox<OutgoingMessage, QString>> m_queue;
    QHash<QString, QString> m_valuesOnTheirWay;   //!< kv writes not committed yet (drafts, last opened)
    QHash<QString, quint64> m_valueGeneration;
    quint64 m_generation = 0;
    int m_pending = 0;
    int m_failed = 0;
    QTimer m_typingSweep;
    QHash<QString, QDateTime> m_typingSent;                 //!< conversation → last frame we sent
    QHash<QString, QHash<QString, QDateTime>> m_typingSeen; //!< conversation → user → expiry
    QList<QMetaObject::Connection> m_liveConnections;
    QString m_unsentRead; //!< a conversation whose read mark could not be sent yet
    QSet<QString> m_abandoned; //!< client_ids discarded: their uploads stop
    //! Files of queued messages still being read (client_id → their hashes to come): the
    //! message's first try waits for them (sendFilesTask()).
    QHash<QString, QFuture<Result<QList<media::OutgoingFile>>>> m_hashing;
    media::ProgressThrottle m_progressShown; //!< uploadProgress at most ~10 a second per item
};

} // namespace plaza::chat
