// SPDX-License-Identifier: MIT
#pragma once

#include "sync/changeset.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

namespace plaza {
class AccountContext;
namespace storage {
class Database;
}
} // namespace plaza

namespace plaza::chat {

//! A message from someone else that arrived unread, for a desktop notification.
struct IncomingMessage {
    QString messageId;
    QString conversationId;
    QString conversationKind;  //!< direct, group
    QString conversationTitle; //!< the group's title (or its members), the other person's name
    QString senderName;
    QString text;              //!< plain, one line; a payment or request starts with its amount (in the reader's locale)
    QString createdAt;         //!< RFC 3339 UTC
};

//! What the sync engine brought in that a person would want to hear about, and the unread
//! total, for desktop notifications and the tray (issue #5). No QtGui: the app decides how
//! to show it.
//!
//! A message counts when a sync batch created it (ChangeSet::changes.created(Table::Messages):
//! a new row, or the row of its message.created event that a REST page stored a moment
//! before — never an update of a known message), another member sent it, and it is still unread
//! when delivered (not covered by our read mark — read on another device, say). Never:
//! the backlog of a first sync or of a rebuild after resync_required (nothing is new to
//! the person), older pages fetched for scrolling (ChatService's own writes, which the sync
//! engine does not report), nor one's own messages. During a pull (a catch-up after a
//! restart or a reconnect) messages are gathered and delivered once, when the pull ends,
//! so the app can collapse them into one notification.
class IncomingMessages : public QObject
{
    Q_OBJECT
    Q_PROPERTY(int totalUnread READ totalUnread NOTIFY totalUnreadChanged)
public:
    explicit IncomingMessages(AccountContext *context, QObject *parent = nullptr);
    ~IncomingMessages() override;

    //! Unread messages across all conversations of the cache (0 when not signed in).
    [[nodiscard]] int totalUnread() const { return m_totalUnread; }

Q_SIGNALS:
    //! New unread messages from others, oldest first (one live event: usually one).
    void arrived(const QList<plaza::chat::IncomingMessage> &messages);
    void totalUnreadChanged(int total);

private:
    void onReadyChanged();
    void onApplied(const sync::ChangeSet &changes);
    void deliver();
    void refreshTotal();
    void close();

    AccountContext *m_context;
    std::unique_ptr<storage::Database> m_db;
    QString m_selfId;
    bool m_backlog = false;    //!< a first sync (or a rebuild) is running: nothing is news
    QStringList m_pending;     //!< candidates gathered during a pull, in arrival order
    int m_totalUnread = 0;
    QList<QMetaObject::Connection> m_engineConnections;
};

} // namespace plaza::chat
