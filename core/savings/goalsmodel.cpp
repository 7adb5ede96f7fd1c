// SPDX-License-Identifier: MIT
#include "savings/goalsmodel.h"

#include "savings/goalprogress.h"
#include "savings/savingsservice.h"

#include "common/clock.h"
#include "common/logging.h"
#include "common/modelrow.h"
#include "money/currency.h"
#include "money/money.h"
#include "storage/database.h"
#include "storage/savingsstore.h"

#include <QLocale>
#include <QSet>

namespace plaza::savings {

namespace {
const QHash<int, QByteArray> &names()
{
    static const QHash<int, QByteArray> roles{
        {GoalsModel::GoalIdRole, "goalId"},
        {GoalsModel::NameRole, "name"},
        {GoalsModel::TargetMinorRole, "targetMinor"},
        {GoalsModel::SavedMinorRole, "savedMinor"},
        {GoalsModel::FormattedTargetRole, "formattedTarget"},
        {GoalsModel::FormattedSavedRole, "formattedSaved"},
        {GoalsModel::ProgressRole, "progress"},
        {GoalsModel::DeadlineRole, "deadline"},
        {GoalsModel::StatusRole, "status"},
        {GoalsModel::OnTrackRole, "onTrack"},
        {GoalsModel::MonthsLeftRole, "monthsLeft"},
        {GoalsModel::DaysLeftRole, "daysLeft"},
        {GoalsModel::TargetInputRole, "targetInput"},
        {GoalsModel::ProjectedMinorRole, "projectedMinor"},
        {GoalsModel::FormattedProjectedRole, "formattedProjected"},
        {GoalsModel::MonthlyNeededMinorRole, "monthlyNeededMinor"},
        {GoalsModel::FormattedMonthlyNeededRole, "formattedMonthlyNeeded"},
        {GoalsModel::DepositsRole, "deposits"},
    };
    return roles;
}

//! \a minor as the user would type it ("1 200,00" in French): for editing a value, no symbol.
QString plainAmount(qint64 minor, const QString &currency)
{
    const auto info = Currency::fromCode(currency);
    const int exponent = info ? info->exponent : 2;
    qint64 scale = 1;
    for (int i = 0; i < exponent; ++i)
        scale *= 10;
    const QLocale locale;
    QString text = locale.toString(minor / scale);
    if (exponent > 0)
        text += locale.decimalPoint() + QStringLiteral("%1").arg(minor % scale, exponent, 10, QLatin1Char('0'));
    return text;
}

//! One goal's roles: the rules are projectGoal's (savings/goalprogress.h).
QVariantMap goalValues(const storage::SavingsGoalRow &g, const QString &accountCurrency, int apyBps)
{
    const QString currency = g.currency.isEmpty() ? accountCurrency : g.currency;
    const Clock *clock = Clock::instance();
    const QDate deadline = QDate::fromString(g.deadline, Qt::ISODate);
    const QDateTime createdAt = QDateTime::fromString(g.createdAt, Qt::ISODateWithMs);
    // Dates the user picks and sees are days in their zone; QML gets them as ISO strings
    // (a QDate would reach JavaScript as UTC midnight, the day before west of Greenwich).
    const GoalProjection p = projectGoal(g.savedMinor, g.targetMinor, clock->localDay(createdAt), deadline,
                                         clock->today(), apyBps);
    const bool projected = p.deposits != 0;
    const bool needed = projected && p.neededMonthlyMinor > 0;
    return {{QStringLiteral("goalId"), g.id},
            {QStringLiteral("name"), g.name},
            {QStringLiteral("targetMinor"), g.targetMinor},
            {QStringLiteral("savedMinor"), g.savedMinor},
            {QStringLiteral("formattedTarget"), Money(g.targetMinor, currency).format()},
            {QStringLiteral("formattedSaved"), Money(g.savedMinor, currency).format()},
            {QStringLiteral("progress"),
             g.targetMinor > 0 ? qBound(0.0, double(g.savedMinor) / double(g.targetMinor), 1.0) : 0.0},
            {QStringLiteral("deadline"), deadline.isValid() ? deadline.toString(Qt::ISODate) : QString()},
            {QStringLiteral("status"), goalStatusName(p.status)},
            {QStringLiteral("onTrack"),
             p.status == GoalStatus::Reached || p.status == GoalStatus::OnTrack || p.status == GoalStatus::Started},
            {QStringLiteral("monthsLeft"), p.left.months},
            {QStringLiteral("daysLeft"), p.left.days},
            {QStringLiteral("targetInput"), plainAmount(g.targetMinor, currency)},
            {QStringLiteral("projectedMinor"), projected ? p.projectedMinor : qint64(0)},
            {QStringLiteral("formattedProjected"), projected ? Money(p.projectedMinor, currency).format() : QString()},
            {QStringLiteral("monthlyNeededMinor"), needed ? p.neededMonthlyMinor : qint64(0)},
            {QStringLiteral("formattedMonthlyNeeded"), needed ? Money(p.neededMonthlyMinor, currency).format() : QString()},
            {QStringLiteral("deposits"), needed ? p.deposits : 0}};
}
} // namespace

GoalsModel::GoalsModel(QObject *parent) : QAbstractListModel(parent) { }

GoalsModel::~GoalsModel() = default;

void GoalsModel::setService(SavingsService *service)
{
    if (m_service == service)
        return;
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_service = service;
    if (m_service) {
        m_connections << connect(m_service, &SavingsService::accountChanged, this, [this] {
            connectSession();
            reload();
        });
    }
    connectSession();
    Q_EMIT serviceChanged();
    reload();
}

void GoalsModel::connectSession()
{
    for (const auto &c : std::as_const(m_sessionConnections))
        disconnect(c);
    m_sessionConnections.clear();
    storage::Cache *cache = m_service ? m_service->cache() : nullptr;
    if (!cache)
        return;
    m_sessionConnections << connect(cache, &storage::Cache::openChanged, this, &GoalsModel::reload);
    // Sync batches and the savings service's own answers alike.
    m_sessionConnections << connect(cache, &storage::Cache::changed, this,
                                    [this](const storage::ChangeSet &set) { onChanged(set.changes, set.reset); });
    // The amounts are formatted as they are read: read them again in the new locale.
    m_sessionConnections << connect(cache, &storage::Cache::localeChanged, this, &GoalsModel::reload);
}

void GoalsModel::onChanged(const storage::RowChanges &changes, bool reset)
{
    // The savings row holds the APY and the currency the goals' figures depend on; a
    // savings.updated that removes the last goal touches only that row.
    if (reset || changes.touches(storage::Table::SavingsGoals) || changes.touches(storage::Table::Savings))
        reload();
}

int GoalsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant GoalsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto name = names().constFind(role);
    if (name == names().cend())
        return {};
    return m_rows.at(index.row()).values.value(QString::fromLatin1(name.value()));
}

QHash<int, QByteArray> GoalsModel::roleNames() const
{
    return names();
}

QVariantMap GoalsModel::get(int row) const
{
    return rowAsMap(*this, row);
}

int GoalsModel::indexOf(const QString &id) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == id)
            return int(i);
    }
    return -1;
}

QList<GoalsModel::Row> GoalsModel::read(bool *ok)
{
    *ok = false;
    storage::Cache *cache = m_service ? m_service->cache() : nullptr;
    if (!cache || !cache->isOpen()) {
        *ok = true;
        return {};
    }
    auto db = cache->openConnection(true);
    if (!db) {
        Q_EMIT failed(db.error().codeName());
        return {};
    }
    storage::SavingsStore store(**db);
    auto account = store.summary();
    auto goals = store.goals();
    if (!account || !goals) {
        const Error &error = !account ? account.error() : goals.error();
        qCWarning(lcSavings) << "could not read the goals:" << error.message;
        Q_EMIT failed(error.codeName());
        return {};
    }
    const QString currency = *account ? (*account)->currency : QString();
    const int apyBps = *account ? (*account)->apyBps : 0;
    QList<Row> rows;
    rows.reserve(goals->size());
    for (const storage::SavingsGoalRow &goal : std::as_const(*goals))
        rows.append({goal.id, goalValues(goal, currency, apyBps)});
    *ok = true;
    return rows;
}

void GoalsModel::reload()
{
    bool ok = false;
    const QList<Row> rows = read(&ok);
    if (ok)
        apply(rows);
}

void GoalsModel::apply(const QList<Row> &rows)
{
    const int countBefore = count();
    bool touched = false;
    QSet<QString> wanted;
    for (const Row &row : rows)
        wanted.insert(row.id);
    // Gone: removed from the bottom up, so the rows above keep their numbers.
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (wanted.contains(m_rows.at(i).id))
            continue;
        beginRemoveRows({}, i, i);
        m_rows.removeAt(i);
        endRemoveRows();
        touched = true;
    }
    // Then in the new order: each row is in place and changed, moved there, or new.
    for (int i = 0; i < int(rows.size()); ++i) {
        const Row &next = rows.at(i);
        if (i < m_rows.size() && m_rows.at(i).id == next.id) {
            const QVariantMap &before = m_rows.at(i).values;
            QList<int> roles;
            for (auto it = names().cbegin(); it != names().cend(); ++it) {
                const QString key = QString::fromLatin1(it.value());
                if (before.value(key) != next.values.value(key))
                    roles.append(it.key());
            }
            if (roles.isEmpty())
                continue;
            m_rows[i].values = next.values;
            const QModelIndex idx = index(i, 0);
            Q_EMIT dataChanged(idx, idx, roles);
            touched = true;
            continue;
        }
        const int from = indexOf(next.id);
        if (from > i) {
            beginMoveRows({}, from, from, {}, i);
            m_rows.move(from, i);
            endMoveRows();
            m_rows[i].values = next.values;
            const QModelIndex idx = index(i, 0);
            Q_EMIT dataChanged(idx, idx);
        } else {
            beginInsertRows({}, i, i);
            m_rows.insert(i, next);
            endInsertRows();
        }
        touched = true;
    }
    if (count() != countBefore)
        Q_EMIT countChanged();
    if (touched) {
        ++m_revision;
        Q_EMIT revisionChanged();
    }
}

} // namespace plaza::savings
