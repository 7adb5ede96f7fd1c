// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QList>
#include <QString>

namespace plaza::server {

//! Counts failed logins per handle in a sliding window. More than kMaxFailures in
//! kWindowMs refuses further attempts for that handle until the oldest failure ages
//! out. Kept in memory: a restart forgets it, which is fine for a throttle.
class LoginThrottle
{
public:
    static constexpr int kMaxFailures = 10;
    static constexpr qint64 kWindowMs = 5 * 60 * 1000;
    //! Above this many tracked handles, stale entries are swept on the next failure.
    static constexpr qsizetype kSweepAbove = 10000;

    //! Seconds to wait before \a handle may try again, 0 if it may try now.
    [[nodiscard]] qint64 retryAfterSeconds(const QString &handle, qint64 nowMs);
    void recordFailure(const QString &handle, qint64 nowMs);
    //! A successful login forgets earlier failures.
    void reset(const QString &handle);

private:
    void prune(QList<qint64> &failures, qint64 nowMs) const;
    QHash<QString, QList<qint64>> m_failures;
};

} // namespace plaza::server
