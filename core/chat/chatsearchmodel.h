// SPDX-License-Identifier: MIT
#pragma once

#include "sync/changeset.h"

#include "chat/chatqueries.h"
#include "chat/chatservice.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace plaza::storage {
class Database;
}

namespace plaza::chat {

//! Local full-text search over cached messages (FTS4, case and accents folded: "cafe"
//! finds "café"), newest first, at most `limit` hits. Works offline. Re-runs when `query`
//! changes; call reload() to run it again. Follows the change stream by message id: a batch
//! that cannot change the results (no hit touched, no new message the query matches) does
//! nothing, and one that can is applied row by row, never as a reset.
//!
//! plaza_core has no QML: the app registers it (QML_FOREIGN) and sets `chat`.
class ChatSearchModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(plaza::chat::ChatService *chat READ chat WRITE setChat NOTIFY chatChanged)
    Q_PROPERTY(QString query READ query WRITE setQuery NOTIFY queryChanged)
    Q_PROPERTY(int limit READ limit WRITE setLimit NOTIFY limitChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    //! "" or the code of the last failure (Error::codeName(): "storage", "network", …), never
    //! text: QML shows Errors.describe(error).
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)
public:
    enum Role {
        MessageIdRole = Qt::UserRole + 1, //!< (messageId)
        ConversationIdRole,               //!< (conversationId)
        ConversationTitleRole,            //!< (conversationTitle)
        SenderNameRole,                   //!< (senderName)
        CreatedAtRole,                    //!< (createdAt) QDateTime UTC
        SnippetRole,                      //!< (snippet) plain text around the match
        SnippetHtmlRole,                  //!< (snippetHtml) HTML-escaped, matches in <b>…</b> (Text.StyledText)
    };
    Q_ENUM(Role)

    explicit ChatSearchModel(QObject *parent = nullptr);
    ~ChatSearchModel() override;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] ChatService *chat() const { return m_chat; }
    void setChat(ChatService *chat);
    [[nodiscard]] QString query() const { return m_query; }
    void setQuery(const QString &query);
    [[nodiscard]] int limit() const { return m_limit; }
    void setLimit(int limit);
    [[nodiscard]] int count() const { return int(m_hits.size()); }
    [[nodiscard]] QString error() const { return m_error; }

    Q_INVOKABLE void reload();

Q_SIGNALS:
    void chatChanged();
    void queryChanged();
    void limitChanged();
    void countChanged();
    void errorChanged();

private:
    friend struct KeyedRows;
    //! Runs the query again and applies the difference by message id (no reset).
    void refresh();
    void onApplied(const plaza::sync::ChangeSet &changes);
    //! Whether a batch could change the results: a hit changed or went, a shown conversation or a
    //! user changed, or a message the query matches arrived.
    [[nodiscard]] bool mightChange(const plaza::sync::ChangeSet &changes);
    [[nodiscard]] bool ensureOpen();
    void setError(const QString &error);

    QPointer<ChatService> m_chat;
    std::unique_ptr<storage::Database> m_db;
    QString m_query;
    int m_limit = 50;
    QList<SearchHit> m_hits;
    QString m_error;
    QMetaObject::Connection m_stateConnection;
    QMetaObject::Connection m_appliedConnection;
    QTimer m_reloadSoon; //!< new messages while a query is shown: read it again, once per burst
};

} // namespace plaza::chat
