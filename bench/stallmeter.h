// SPDX-License-Identifier: MIT
#pragma once

// How late the UI thread answers, for the benches that watch it (ui_stall, media_scroll).

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <algorithm>
#include <ctime>
#include <numeric>
#include <vector>

namespace plaza::bench {

//! CPU time this thread has used, in ns.
inline qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

//! Records how late a 1 ms precise timer on this thread fires, and how much CPU time the
//! thread used between two firings: the stall is what a user sees, the CPU time the part of it
//! the code itself is responsible for (on a shared machine the rest is waiting for a core).
class StallMeter
{
public:
    void start()
    {
        m_gaps.clear();
        m_busy.clear();
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            const qint64 cpu = threadCpuNs();
            m_gaps.push_back(std::max(0.0, double(now - m_last) / 1e6 - 1.0));
            m_busy.push_back(double(cpu - m_lastCpu) / 1e6);
            m_last = now;
            m_lastCpu = cpu;
        });
        m_clock.start();
        m_last = m_clock.nsecsElapsed();
        m_lastCpu = threadCpuNs();
        m_timer.start();
    }
    void stop()
    {
        m_timer.stop();
        QObject::disconnect(&m_timer, nullptr, nullptr, nullptr);
    }
    [[nodiscard]] double percentile(double p) const { return percentileOf(m_gaps, p); }
    [[nodiscard]] double max() const { return m_gaps.empty() ? 0 : *std::max_element(m_gaps.begin(), m_gaps.end()); }
    //! The UI thread's own CPU time between two firings (ms).
    [[nodiscard]] double busyPercentile(double p) const { return percentileOf(m_busy, p); }
    [[nodiscard]] double busyMax() const { return m_busy.empty() ? 0 : *std::max_element(m_busy.begin(), m_busy.end()); }
    [[nodiscard]] double busyTotal() const { return std::accumulate(m_busy.begin(), m_busy.end(), 0.0); }
    [[nodiscard]] size_t samples() const { return m_gaps.size(); }

private:
    static double percentileOf(const std::vector<double> &values, double p)
    {
        if (values.empty())
            return 0;
        std::vector<double> v = values;
        std::sort(v.begin(), v.end());
        return v.at(std::min(v.size() - 1, size_t(double(v.size()) * p)));
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_lastCpu = 0;
    std::vector<double> m_gaps;
    std::vector<double> m_busy;
};

} // namespace plaza::bench
