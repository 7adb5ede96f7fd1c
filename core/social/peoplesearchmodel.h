// SPDX-License-Identifier: MIT
#pragma once

#include "net/apiclient.h"
#include "protocol/types.h"
#include "storage/cache.h"

#include <QAbstractListModel>
#include <QCoroTask>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace plaza {

namespace storage {
class Database;
}

//! "Search as you type" for people: GET /v1/users?query= (prefix on handle and name, at
//! most 20), a short pause after the last keystroke, older answers dropped when a newer
//! query is out. Offline it searches the people the cache knows and says so (`offline`).
//! The signed-in user is never offered. The app registers it with QML_FOREIGN (QML name
//! PeopleSearchModel).
class PeopleSearchModel : public QAbstractListModel
{
    Q_OBJECT
    //! What it reads offline and who is asking (App.session.cache), and the server it asks.
    Q_PROPERTY(plaza::storage::Cache *cache READ cache WRITE setCache NOTIFY cacheChanged)
    Q_PROPERTY(plaza::net::ApiClient *api READ api WRITE setApi NOTIFY apiChanged)
    Q_PROPERTY(QString query READ query WRITE setQuery NOTIFY queryChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    Q_PROPERTY(bool offline READ offline NOTIFY resultsChanged)
    //! "" or the code of the last failure (Error::codeName(): "storage", "network", …), never
    //! text: QML shows Errors.describe(error).
    Q_PROPERTY(QString error READ error NOTIFY resultsChanged)
    Q_PROPERTY(int count READ count NOTIFY resultsChanged)
    //! With nothing typed, list the people most recently paid, paid by or written to (the
    //! cache's transactions and direct conversations, newest first) instead of nothing.
    Q_PROPERTY(bool recentWhenEmpty READ recentWhenEmpty WRITE setRecentWhenEmpty NOTIFY recentWhenEmptyChanged)
    //! The rows are those recent people (nothing is typed).
    Q_PROPERTY(bool showingRecent READ showingRecent NOTIFY resultsChanged)
public:
    enum Role {
        IdRole = Qt::UserRole + 1, //!< (userId)
        HandleRole,                //!< (handle) without "@"
        DisplayNameRole,           //!< (displayName)
        KindRole,                  //!< (kind) person | merchant
        VerifiedRole,              //!< (verified)
        InitialsRole,              //!< (initials) one or two letters for the avatar
    };
    Q_ENUM(Role)

    static constexpr int kDebounceMs = 180;
    static constexpr int kMaxQueryChars = 64;

    explicit PeopleSearchModel(QObject *parent = nullptr);
    ~PeopleSearchModel() override;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] storage::Cache *cache() const { return m_cache; }
    void setCache(storage::Cache *cache);
    [[nodiscard]] net::ApiClient *api() const { return m_api; }
    void setApi(net::ApiClient *api);
    [[nodiscard]] QString query() const { return m_query; }
    void setQuery(const QString &query);
    [[nodiscard]] bool loading() const { return m_loading; }
    [[nodiscard]] bool offline() const { return m_offline; }
    [[nodiscard]] QString error() const { return m_error; }
    [[nodiscard]] int count() const { return int(m_rows.size()); }

    //! The row's user as a map (userId, handle, displayName, kind, verified, initials).
    Q_INVOKABLE [[nodiscard]] QVariantMap get(int row) const;
    [[nodiscard]] bool recentWhenEmpty() const { return m_recentWhenEmpty; }
    void setRecentWhenEmpty(bool on);
    [[nodiscard]] bool showingRecent() const { return m_showingRecent; }
    //! Reads the recent people again (when nothing is typed and recentWhenEmpty).
    Q_INVOKABLE void refreshRecent();

    //! Searches now instead of after the pause.
    Q_INVOKABLE void searchNow();

    //! One or two letters for an avatar: the initials of the first two words of \a name.
    [[nodiscard]] static QString initialsOf(const QString &name);

Q_SIGNALS:
    void cacheChanged();
    void apiChanged();
    void queryChanged();
    void loadingChanged();
    void resultsChanged();
    void recentWhenEmptyChanged();

private:
    QCoro::Task<void> search(QString text, quint64 generation);
    [[nodiscard]] QList<protocol::User> searchCache(const QString &text) const;
    [[nodiscard]] QList<protocol::User> recentFromCache() const;
    //! The model's one read connection to the cache (opened on first use, dropped when the
    //! cache opens or closes); null while there is no open cache.
    [[nodiscard]] storage::Database *reader() const;
    void setRows(QList<protocol::User> rows, bool offline, const QString &error);
    void setLoading(bool loading);

    QPointer<storage::Cache> m_cache;
    QPointer<net::ApiClient> m_api;
    QMetaObject::Connection m_cacheState;
    mutable std::unique_ptr<storage::Database> m_db;
    QString m_query;
    QList<protocol::User> m_rows;
    bool m_loading = false;
    bool m_offline = false;
    bool m_recentWhenEmpty = false;
    bool m_showingRecent = false;
    QString m_error;
    quint64 m_generation = 0;
    QTimer m_debounce;
};

} // namespace plaza
