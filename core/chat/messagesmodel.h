// SPDX-License-Identifier: MIT
#pragma once

#include "sync/changeset.h"

#include "chat/chatqueries.h"
#include "chat/chatservice.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QSet>
#include <QVariantMap>

#include <memory>

namespace plaza {
namespace storage {
class Database;
}
}

namespace plaza::chat {

//! One conversation's messages, OLDEST FIRST (row 0 is the oldest loaded; the newest is
//! last, then our unsent ones in send order). Opens on the newest page from the cache;
//! fetchOlder() loads older pages upward, from the cache and, once the cache has no older
//! ones, from the server (stored into the cache first). Not fetchMore(): a view calls that
//! when it is scrolled to its END, which here is the newest, so canFetchMore() stays false
//! (the base class's) and the page calls fetchOlder() near the top and fetchNewer() near the
//! bottom. Our message keeps its row from
//! "sending" to "sent" (rows are identified by sender and client_id), and "read" once
//! another member's read mark reached it. Follows the change stream by id: only this
//! conversation's messages named by a batch are read again, and rows are inserted, removed,
//! moved or changed (never a reset for a few rows), so a list view keeps its place. Own read connection on the UI thread.
//!
//! A batch costs what it names, not what is loaded: a key → row index finds the rows to change
//! in place, new ones go in by binary search on (created_at, id), removed ones by their row;
//! the outbox's rows (the tail) are the only ones compared as a list. The loaded rows are a
//! window of at most maxRows: new messages at the end drop the oldest loaded (fetchOlder()
//! reads them again), older pages read upward drop the newest (fetchNewer() reads them again,
//! atEnd says whether the newest is loaded), and rowOf() a message out of the window loads a
//! window around it (one indexed query for its place, then one read each way).
//!
//! plaza_core has no QML: the app registers it (QML_FOREIGN) and sets `chat` and
//! `conversationId`.
class MessagesModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(plaza::chat::ChatService *chat READ chat WRITE setChat NOTIFY chatChanged)
    Q_PROPERTY(QString conversationId READ conversationId WRITE setConversationId NOTIFY conversationIdChanged)
    Q_PROPERTY(QString title READ title NOTIFY titleChanged)
    //! direct or group (empty before a conversation is set).
    Q_PROPERTY(QString kind READ kind NOTIFY titleChanged)
    //! A direct conversation's other person (handle without @), for "Send money" there.
    Q_PROPERTY(QString otherHandle READ otherHandle NOTIFY titleChanged)
    //! The others' display names (a group's members).
    Q_PROPERTY(QStringList memberNames READ memberNames NOTIFY titleChanged)
    //! The user muted this conversation (and the mute has not ended).
    Q_PROPERTY(bool muted READ muted NOTIFY titleChanged)
    //! Direct, and the user blocked the other person: read-only (docs/api.md "Safety").
    Q_PROPERTY(bool blocked READ blocked NOTIFY titleChanged)
    //! A stranger's message request, not accepted yet (docs/api.md "Message requests"): the
    //! window shows links as plain text and payments as plain lines until it is accepted.
    Q_PROPERTY(bool isRequest READ isRequest NOTIFY titleChanged)
    //! A direct conversation's other person ("u_…"), for blocking and reporting them.
    Q_PROPERTY(QString otherUserId READ otherUserId NOTIFY titleChanged)
    //! Groups: member, left or removed (read-only once not a member); "member" for a direct one.
    Q_PROPERTY(QString membership READ membership NOTIFY titleChanged)
    //! Groups: the user is an admin (adds, removes, renames).
    Q_PROPERTY(bool admin READ admin NOTIFY titleChanged)
    Q_PROPERTY(int pageSize READ pageSize WRITE setPageSize NOTIFY pageSizeChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    Q_PROPERTY(bool atStart READ atStart NOTIFY atStartChanged)
    //! True when the newest message (and our unsent ones after it) are loaded.
    Q_PROPERTY(bool atEnd READ atEnd NOTIFY atEndChanged)
    //! The most rows kept loaded (at least twice pageSize).
    Q_PROPERTY(int maxRows READ maxRows WRITE setMaxRows NOTIFY maxRowsChanged)
    //! Set by a view while it shows the newest message (the default): new messages past
    //! maxRows then drop the oldest loaded; otherwise they drop the newest (atEnd turns false).
    Q_PROPERTY(bool followingEnd READ followingEnd WRITE setFollowingEnd NOTIFY followingEndChanged)
    //! Display names of the others typing in this conversation now.
    Q_PROPERTY(QStringList typingNames READ typingNames NOTIFY typingNamesChanged)
    //! "" or the code of the last failure (Error::codeName(): "storage", "network", …), never
    //! text: QML shows Errors.describe(error).
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)
    //! The first message that was unread when the conversation was opened (the oldest of the
    //! conversation's unread count, as the badge said), for an "unread" divider and to land
    //! there; empty when nothing was unread. Kept while the conversation stays open (read when
    //! it is opened, or when its first messages reach a cache that had none).
    Q_PROPERTY(QString firstUnreadId READ firstUnreadId NOTIFY firstUnreadIdChanged)
public:
    enum Role {
        IdRole = Qt::UserRole + 1, //!< (id) server id; empty while only in the outbox
        ClientIdRole,              //!< (clientId)
        SenderIdRole,              //!< (senderId)
        SenderNameRole,            //!< (senderName)
        OwnRole,                   //!< (own) bool
        TextRole,                  //!< (text) plain text, exactly as sent
        CreatedAtRole,             //!< (createdAt) QDateTime UTC
        DayRole,                   //!< (day) local calendar day "2026-11-23", for sections
        StateRole,                 //!< (state) sending, sent, failed, read
        KindRole,                  //!< (kind) text, payment, request
        AmountMinorRole,           //!< (amountMinor) payment messages, and requests whose request is known
        CurrencyRole,              //!< (currency)
        //! (formattedAmount) Money::format in the default (the reader's) locale, from the payment
        //! or the request — never the amount as the sender's app wrote it; empty if unknown
        FormattedAmountRole,
        RequestIdRole,             //!< (requestId) request messages (a plaza://pay link in the text)
        ErrorMessageRole,          //!< (errorMessage) why a failed message failed
        //! (requestStatus) a request card's state from the cached request (open, paid, declined,
        //! cancelled, expired); empty when the cache does not know it (a link request that names
        //! nobody, before anyone paid it)
        RequestStatusRole,
        //! (body) what the bubble shows under a money card's title, or a text's text: a payment's
        //! note, a request's note (its amount and link left out); plain text
        BodyRole,
        //! (attachments) the message's files: [{id, image, mime, name, size, width, height, alt}]
        //! (media/attachmentview.h); the images show through "image://media/ID/thumbnail"
        AttachmentsRole,
        //! (uploadProgress) while its files upload: {file: index, done, total} bytes of that
        //! file (ChatService::uploadProgress); undefined otherwise
        UploadProgressRole,
        // Message actions (issue 17); a tombstone has empty text, body, reactions and reply.
        EditedRole,                //!< (edited) bool: edited, and not deleted since
        EditedAtRole,              //!< (editedAt) QDateTime UTC of the last edit, or undefined
        DeletedRole,               //!< (deleted) bool: deleted for everyone ("Message deleted")
        //! (reactions) [{emoji, count, mine, recentUserIds}] in the order of each emoji's first reaction
        ReactionsRole,
        ReplyToRole,               //!< (replyTo) the id of the message it replies to; empty: not a reply
        ReplySenderNameRole,       //!< (replySenderName) who wrote the quoted message
        ReplySnippetRole,          //!< (replySnippet) its words on one line; empty when it was deleted
        ReplyDeletedRole,          //!< (replyDeleted) bool: the quoted message was deleted
        ForwardedRole,             //!< (forwarded) bool: a forward ("Forwarded")
        ForwardedFromRole,         //!< (forwardedFrom) the first author's display name
        SenderBlockedRole,         //!< (senderBlocked) bool: the user blocked its sender (shown collapsed)
        SystemActionRole,          //!< (systemAction) kind "system": added, removed, left, renamed, promoted
        SystemTargetNameRole,      //!< (systemTargetName) the member a system message names
        MentionsMeRole,            //!< (mentionsMe) bool: the text mentions the signed-in user
    };
    Q_ENUM(Role)

    explicit MessagesModel(QObject *parent = nullptr);
    ~MessagesModel() override;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] ChatService *chat() const { return m_chat; }
    void setChat(ChatService *chat);
    [[nodiscard]] QString conversationId() const { return m_conversationId; }
    void setConversationId(const QString &id);
    [[nodiscard]] QString title() const { return m_title; }
    [[nodiscard]] QString kind() const { return m_kind; }
    [[nodiscard]] QString otherHandle() const { return m_otherHandle; }
    [[nodiscard]] QStringList memberNames() const { return m_memberNames; }
    [[nodiscard]] bool muted() const { return m_muted; }
    [[nodiscard]] bool blocked() const { return m_blocked; }
    [[nodiscard]] bool isRequest() const { return m_request; }
    [[nodiscard]] QString membership() const { return m_membership; }
    [[nodiscard]] bool admin() const { return m_admin; }
    [[nodiscard]] QString otherUserId() const { return m_otherUserId; }
    [[nodiscard]] int pageSize() const { return m_pageSize; }
    void setPageSize(int size);
    [[nodiscard]] bool loading() const { return m_loading; }
    //! True when the oldest message of the conversation is loaded.
    [[nodiscard]] bool atStart() const { return m_cacheExhausted && m_serverExhausted; }
    [[nodiscard]] bool atEnd() const { return m_atEnd; }
    [[nodiscard]] int maxRows() const { return m_maxRows; }
    void setMaxRows(int rows);
    [[nodiscard]] bool followingEnd() const { return m_followingEnd; }
    void setFollowingEnd(bool following);
    [[nodiscard]] QStringList typingNames() const { return m_typingNames; }
    [[nodiscard]] QString error() const { return m_error; }
    [[nodiscard]] QString firstUnreadId() const { return m_firstUnreadId; }

    //! Marks the conversation read up to its newest message (ChatService::markRead).
    Q_INVOKABLE void markRead();
    //! Sends \a text here (ChatService::send).
    Q_INVOKABLE bool send(const QString &text);
    //! The row of message \a messageId; one that is not loaded is looked up in the cache (a
    //! search hit is always there) and a window around it replaces the rows (a reset); -1 if
    //! this conversation has no such message.
    Q_INVOKABLE int rowOf(const QString &messageId);
    //! Whether fetchOlder() has something to read: the cache has older messages, or the server
    //! may (and the session is live).
    [[nodiscard]] Q_INVOKABLE bool canFetchOlder() const;
    //! Reads the page before the oldest loaded message: from the cache, else from the server.
    Q_INVOKABLE void fetchOlder();
    //! Reads the page after the newest loaded message (when a window does not reach the end).
    Q_INVOKABLE void fetchNewer();
    //! Drops the rows and reads the newest page again.
    Q_INVOKABLE void reload();
    //! Re-reads the loaded range and the outbox and applies the difference.
    void refresh();
    //! Re-reads only the outbox (the unsynced tail) and applies the difference: what a send,
    //! a try or an answer changes. A row that left the outbox is read by its id into the history.
    void refreshOutbox();
    //! Messages named by batches and not applied yet: a large batch is applied a slice per
    //! event-loop turn (kSliceIds ids, read in one query). 0 once caught up.
    [[nodiscard]] int pendingCount() const { return int(m_pendingTouched.size() + m_pendingRemoved.size()); }

    //! The most messages read and applied in one event-loop turn, in one read (about 1 ms of the
    //! UI thread): a sync page names some 375 messages of one conversation, up to 1,000, which
    //! read at once kept the UI thread 3–9 ms. A count, not a time budget: how many turns a batch
    //! takes does not depend on the machine.
    static constexpr int kSliceIds = 100;

Q_SIGNALS:
    void chatChanged();
    void conversationIdChanged();
    void titleChanged();
    void pageSizeChanged();
    void loadingChanged();
    void atStartChanged();
    void atEndChanged();
    void maxRowsChanged();
    void followingEndChanged();
    void typingNamesChanged();
    void errorChanged();
    void firstUnreadIdChanged();

private:
    friend struct KeyedRows;
    void onApplied(const plaza::sync::ChangeSet &changes);
    //! The batch's messages \a touched (\a removed among them) that are this conversation's,
    //! read by id: dataChanged for loaded ones, rowsInserted for new ones in the loaded range,
    //! rowsRemoved for deleted ones. Nothing read again for other conversations' messages.
    //! They join the pending ones (a later batch naming an id again replaces what an earlier
    //! one said of it) and are applied now if no slice is waiting for its turn.
    void applyMessages(const QSet<QString> &touched, const QSet<QString> &removed);
    //! Applies pending messages: removals first, then one read of up to kSliceIds ids; what is
    //! left goes on the next turn.
    void applyPending();
    void clearPending();
    //! Makes the rows \a rows, by key (MessageRow::key), without a reset (O(loaded rows): for
    //! a read mark that moved, not for every batch).
    void applyRows(QList<MessageRow> rows);
    //! Synced rows \a read (oldest first) in place: changed ones by the key index, our unsent
    //! row whose message arrived moved to its place, new ones inside the window inserted by
    //! binary search; then the window is trimmed.
    void applySynced(const QList<MessageRow> &read, const QSet<QString> &removedIds);
    //! The outbox's rows (readUnsent and what is on its way to the writer), minus those whose
    //! synced message is loaded; empty when the window does not reach the end.
    [[nodiscard]] bool readTail(QList<MessageRow> *tail);
    //! Reads the tail and appends to \a rows what is not in them already (the end of the window).
    [[nodiscard]] bool appendTail(QList<MessageRow> *rows);
    //! Number of synced rows (the unsynced tail follows them).
    [[nodiscard]] qsizetype syncedCount() const;
    //! Where a synced row \a r goes among the first \a count rows (after equal ones).
    [[nodiscard]] qsizetype upperBound(const MessageRow &r, qsizetype count) const;
    void ensureIndex() const;
    //! The unsynced row with key \a key, or -1.
    [[nodiscard]] qsizetype tailRowOf(const QString &key) const;
    enum class Drop { Oldest, Newest, AsFollowing };
    //! Drops rows past maxRows at one end (AsFollowing: the oldest while followingEnd).
    void trimWindow(Drop drop);
    //! Replaces the rows (a reset) with a window around (\a createdAt, \a id).
    void loadAround(const QString &createdAt, const QString &id);
    void setAtEnd(bool atEnd);
    [[nodiscard]] bool ensureOpen();
    [[nodiscard]] QString selfId() const;
    bool prependFromCache();
    void fetchFromServer();
    void updateTitle();
    void updateTyping();
    [[nodiscard]] QString readFirstUnread();
    void setLoading(bool loading);
    void setError(const QString &error);
    void setExhausted(bool cache, bool server);
    //! The request behind a request card: from the cache, or else (a request that names nobody,
    //! seen by someone else than its author) asked from the server once, kept in memory.
    [[nodiscard]] const CachedRequest *request(const QString &requestId) const;
    void fetchRequest(const QString &requestId) const;
    void requestChanged(const QString &requestId);
    void emitRequestRows(const QString &requestId);

    QPointer<ChatService> m_chat;
    std::unique_ptr<storage::Database> m_db;
    QString m_conversationId;
    QString m_title;
    QString m_kind;
    QString m_otherHandle;
    QString m_otherUserId;
    bool m_muted = false;
    bool m_blocked = false;
    bool m_request = false;
    QString m_membership;
    bool m_admin = false;
    QStringList m_memberNames;
    QList<MessageRow> m_rows;
    int m_pageSize = 50;
    bool m_loading = false;
    bool m_changing = false; //!< changing rows: no fetchOlder() or fetchNewer() from their signals
    bool m_cacheExhausted = false;
    bool m_serverExhausted = false;
    bool m_atEnd = true;
    int m_maxRows = 500;
    bool m_followingEnd = true;
    //! Row of each loaded row by server id; rebuilt when rows were inserted, removed or moved
    //! (O(window) once per batch, not per row).
    mutable QHash<QString, qsizetype> m_byId;
    //! Our synced rows by client id (with m_byId: what of the outbox is in the history already).
    mutable QHash<QString, qsizetype> m_ownByClientId;
    mutable bool m_indexStale = true;
    //! Named by batches, still to read (touched) or to remove (removed); disjoint.
    QSet<QString> m_pendingTouched;
    QSet<QString> m_pendingRemoved;
    bool m_sliceQueued = false; //!< applyPending() is posted for the next turn
    QStringList m_typingNames;
    QString m_error;
    QString m_firstUnreadId;
    QList<QMetaObject::Connection> m_connections;
    //! Request cards' requests read from the cache (or the server), by request id; forgotten when
    //! a sync names them. An entry with an empty id: not known (yet).
    mutable QHash<QString, CachedRequest> m_requests;
    QHash<QString, QVariantMap> m_uploads; //!< client_id → the last uploadProgress of its files
    //! Requests asked from the server, so that each is asked once per conversation opened.
    mutable QSet<QString> m_requestsAsked;
};

} // namespace plaza::chat
