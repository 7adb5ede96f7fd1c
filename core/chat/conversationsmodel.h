// SPDX-License-Identifier: MIT
#pragma once

#include "sync/changeset.h"

#include "chat/chatqueries.h"
#include "chat/chatservice.h"

#include <QAbstractListModel>
#include <QVariantMap>
#include <QPointer>

#include <memory>

namespace plaza {
namespace storage {
class Database;
}
}

namespace plaza::chat {

//! The conversation list from the cache, most recent activity first (an unsent message of
//! ours counts), on its own read connection on the UI thread. Refreshed when a sync batch
//! touches conversations, messages or users, and when the outbox changes: a conversation
//! whose activity moved it is moved (rowsMoved), changed rows get dataChanged; only a
//! conversation coming or going resets the model.
//!
//! plaza_core has no QML: the app registers it (QML_FOREIGN) and sets `chat`.
class ConversationsModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(plaza::chat::ChatService *chat READ chat WRITE setChat NOTIFY chatChanged)
    //! Shows only conversations whose title, members or last message contain it (case and
    //! accents ignored).
    Q_PROPERTY(QString filter READ filter WRITE setFilter NOTIFY filterChanged)
    //! Unread messages of the conversations that are not muted and not message requests.
    Q_PROPERTY(int totalUnread READ totalUnread NOTIFY totalUnreadChanged)
    //! false (default): the accepted conversations; true: only the message requests
    //! (docs/api.md "Message requests").
    Q_PROPERTY(bool requests READ requests WRITE setRequests NOTIFY requestsChanged)
    //! How many message requests wait (whatever `requests` and `filter` show).
    Q_PROPERTY(int requestCount READ requestCount NOTIFY requestCountChanged)
    //! "" or the code of the last failure (Error::codeName(): "storage", "network", …), never
    //! text: QML shows Errors.describe(error).
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)
public:
    enum Role {
        IdRole = Qt::UserRole + 1,  //!< (id)
        KindRole,                   //!< (kind) direct, group
        TitleRole,                  //!< (title) the group's title or the other person's name
        InitialsRole,               //!< (initials)
        MemberNamesRole,            //!< (memberNames) QStringList of the others
        OtherHandleRole,            //!< (otherHandle) direct: the other person's handle
        LastMessagePreviewRole,     //!< (lastMessagePreview) one line
        LastMessageOwnRole,         //!< (lastMessageOwn) bool
        LastActivityAtRole,         //!< (lastActivityAt) QDateTime UTC
        UnreadCountRole,            //!< (unreadCount) int
        HasUnsentRole,              //!< (hasUnsent) bool: a message of ours is sending or failed
        MutedRole,                  //!< (muted) bool: muted now (no end, or its end is still to come)
        MutedUntilRole,             //!< (mutedUntil) QDateTime UTC, invalid when no end or not muted
        BlockedRole,                //!< (blocked) bool: direct, and the user blocked the other person (read-only)
        OtherUserIdRole,            //!< (otherUserId) direct: the other person's id ("u_…")
        LastMessageFromBlockedRole, //!< (lastMessageFromBlocked) bool: a group's last message is a blocked person's (no preview)
        UnreadMentionsRole,         //!< (unreadMentions) int: unread messages that mention the user ("@" marker)
        MembershipRole,             //!< (membership) member, left, removed (read-only once not a member)
        AdminRole,                  //!< (admin) bool: groups, the user is an admin (adds, removes, renames)
        IsRequestRole,              //!< (isRequest) bool: a stranger's message request, not accepted yet
    };
    Q_ENUM(Role)

    explicit ConversationsModel(QObject *parent = nullptr);
    ~ConversationsModel() override;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] ChatService *chat() const { return m_chat; }
    void setChat(ChatService *chat);
    [[nodiscard]] QString filter() const { return m_filter; }
    void setFilter(const QString &filter);
    [[nodiscard]] int totalUnread() const { return m_totalUnread; }
    [[nodiscard]] bool requests() const { return m_requests; }
    void setRequests(bool requests);
    [[nodiscard]] int requestCount() const { return m_requestCount; }
    [[nodiscard]] QString error() const { return m_error; }

    //! The row of \a conversationId, or -1.
    Q_INVOKABLE int indexOf(const QString &conversationId) const;
    //! Row \a row as a map of its roles by name (empty when out of range).
    Q_INVOKABLE [[nodiscard]] QVariantMap get(int row) const;
    //! Re-reads everything.
    Q_INVOKABLE void reload();
    //! Re-reads and applies the difference (what a ChangeSet triggers).
    void refresh();

Q_SIGNALS:
    void chatChanged();
    void filterChanged();
    void totalUnreadChanged();
    void requestsChanged();
    void requestCountChanged();
    void errorChanged();

private:
    void onApplied(const plaza::sync::ChangeSet &changes);
    //! refresh() once the event loop turns again: the batches and outbox changes of one turn
    //! are read once, and never inside another model's handling of the same batch.
    void scheduleRefresh();
    [[nodiscard]] bool ensureOpen();
    [[nodiscard]] Result<QList<ConversationRow>> readFiltered();
    void setError(const QString &error);
    void updateTotal(const QList<ConversationRow> &all);

    friend struct KeyedRows;

    QPointer<ChatService> m_chat;
    std::unique_ptr<storage::Database> m_db;
    QList<ConversationRow> m_rows;
    QString m_filter;
    int m_totalUnread = 0;
    bool m_requests = false;
    int m_requestCount = 0;
    bool m_refreshQueued = false;
    QString m_error;
    QList<QMetaObject::Connection> m_connections;
};

} // namespace plaza::chat
