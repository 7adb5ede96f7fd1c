// SPDX-License-Identifier: MIT
#include "savings/goalsmodel.h"

#include "money/money.h"
#include "session/session.h"
#include "storage/database.h"
#include "sync/changeset.h"
#include "sync/syncengine.h"

namespace plaza::savings {

GoalsModel::GoalsModel(QObject *parent) : QAbstractListModel(parent) { }

int GoalsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_goals.size());
}

QHash<int, QByteArray> GoalsModel::roleNames() const
{
    return {
        {IdRole, "goalId"},
        {NameRole, "name"},
        {TargetMinorRole, "targetMinor"},
        {SavedMinorRole, "savedMinor"},
        {CurrencyRole, "currency"},
        {FormattedTargetRole, "formattedTarget"},
        {FormattedSavedRole, "formattedSaved"},
        {ProgressRole, "progress"},
        {DeadlineRole, "deadline"},
        {StatusRole, "status"},
        {NeededMonthlyMinorRole, "neededMonthlyMinor"},
        {FormattedNeededMonthlyRole, "formattedNeededMonthly"},
        {ProjectedMinorRole, "projectedMinor"},
        {CreatedAtRole, "createdAt"},
    };
}

QVariant GoalsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_goals.size())
        return {};
    const Goal &g = m_goals.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return g.name;
    case IdRole:
        return g.id;
    case TargetMinorRole:
        return g.target;
    case SavedMinorRole:
        return g.saved;
    case CurrencyRole:
        return g.currency;
    case FormattedTargetRole:
        return Money(g.target, g.currency).format();
    case FormattedSavedRole:
        return Money(g.saved, g.currency).format();
    case ProgressRole:
        return g.target > 0 ? std::min(1.0, double(g.saved) / double(g.target)) : 0.0;
    case DeadlineRole:
        return g.deadline;
    case StatusRole:
        return goalStatusName(g.projection.status);
    case NeededMonthlyMinorRole:
        return g.projection.neededMonthlyMinor;
    case FormattedNeededMonthlyRole:
        return g.projection.neededMonthlyMinor > 0 ? Money(g.projection.neededMonthlyMinor, g.currency).format() : QString();
    case ProjectedMinorRole:
        return g.projection.projectedMinor;
    case CreatedAtRole:
        return g.createdAt;
    default:
        return {};
    }
}

void GoalsModel::setSession(Session *session)
{
    if (m_session == session)
        return;
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_session = session;
    if (m_session) {
        m_connections << connect(m_session, &Session::stateChanged, this, &GoalsModel::reload);
        m_connections << connect(m_session->syncEngine(), &SyncEngine::applied, this, &GoalsModel::onApplied);
    }
    Q_EMIT sessionChanged();
    reload();
}

void GoalsModel::setError(const QString &error)
{
    if (m_error != error) {
        m_error = error;
        Q_EMIT errorChanged();
    }
}

void GoalsModel::onApplied(const sync::ChangeSet &changes)
{
    if (changes.reset || changes.changes.touches(QStringLiteral("savings_goals"))
        || changes.changes.touches(QStringLiteral("savings")))
        reload();
}

void GoalsModel::reload()
{
    QList<Goal> fresh;
    if (m_session && m_session->state() == Session::State::Ready) {
        storage::OpenOptions options;
        options.rawKey = m_session->cacheKey();
        options.readOnly = true;
        auto db = storage::Database::open(m_session->cachePath(), options);
        if (!db)
            return setError(db.error().message);
        auto st = (*db)->prepare(QStringLiteral(
            "SELECT g.id, g.name, g.target, g.saved, g.currency, g.deadline, g.created_at, "
            "coalesce((SELECT apy_bps FROM savings WHERE id = 1), 0) FROM savings_goals g "
            "ORDER BY length(g.id), g.id;"));
        if (!st)
            return setError(st.error().message);
        const QDate today = m_today.isValid() ? m_today : QDateTime::currentDateTimeUtc().date();
        for (;;) {
            auto row = st->step();
            if (!row)
                return setError(row.error().message);
            if (!*row)
                break;
            Goal g;
            g.id = st->text(0);
            g.name = st->text(1);
            g.target = st->int64(2);
            g.saved = st->int64(3);
            g.currency = st->text(4);
            g.deadline = st->isNull(5) ? QDate() : QDate::fromString(st->text(5), Qt::ISODate);
            g.createdAt = QDateTime::fromString(st->text(6), Qt::ISODateWithMs);
            const QDate created = g.createdAt.isValid() ? g.createdAt.toUTC().date() : today;
            g.projection = projectGoal(g.saved, g.target, created, g.deadline, today, int(st->int64(7)));
            fresh.append(g);
        }
    }
    setError(QString());

    // By row: drop what is gone, update what changed, append what is new (ids grow).
    const int before = int(m_goals.size());
    for (int i = int(m_goals.size()) - 1; i >= 0; --i) {
        const QString id = m_goals.at(i).id;
        if (std::none_of(fresh.cbegin(), fresh.cend(), [&](const Goal &g) { return g.id == id; })) {
            beginRemoveRows({}, i, i);
            m_goals.removeAt(i);
            endRemoveRows();
        }
    }
    for (const Goal &g : std::as_const(fresh)) {
        const auto it = std::find_if(m_goals.begin(), m_goals.end(), [&](const Goal &old) { return old.id == g.id; });
        if (it == m_goals.end()) {
            const int row = int(m_goals.size());
            beginInsertRows({}, row, row);
            m_goals.append(g);
            endInsertRows();
        } else if (!(*it == g)) {
            *it = g;
            const QModelIndex index = this->index(int(it - m_goals.begin()));
            Q_EMIT dataChanged(index, index);
        }
    }
    if (before != m_goals.size())
        Q_EMIT countChanged();
}

} // namespace plaza::savings
