// SPDX-License-Identifier: MIT
#pragma once

// The start-up trace (bench/startup.cpp reads it; issue 15). Only when PLAZA_STARTUP_TRACE=1:
// prints, to stdout, when the window was first exposed (mapped), its first frame, and its
// first *populated* frame, each in ms since the process started as the kernel counts it
// (/proc/self/stat's start time, so the dynamic loader and static initialisers count too),
// not since main(). A populated frame is the first frame swapped after the caller's
// predicate, asked in the scene-graph sync (the GUI thread is blocked there, so QML can be
// read), said yes: what is synced then is what that frame shows. Then, once stdin closes or
// gives a line, the application quits as it would on a window close (so caches close cleanly).
// Header-only, so the bench's bare window uses the same clock and the same definitions.

#include <QCoreApplication>
#include <QEvent>
#include <QFile>
#include <QObject>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSocketNotifier>

#include <atomic>
#include <cstdio>
#include <ctime>
#include <functional>
#include <memory>
#include <pthread.h>
#include <unistd.h>

class StartupTrace : public QObject
{
public:
    static bool enabled() { return qEnvironmentVariableIntValue("PLAZA_STARTUP_TRACE") == 1; }

    //! Milliseconds since the kernel started this process (CLOCK_BOOTTIME against
    //! /proc/self/stat's start time, in clock ticks since boot), -1 if unknown.
    static double sinceProcessStartMs()
    {
        static const double startMs = [] {
            QFile stat(QStringLiteral("/proc/self/stat"));
            if (!stat.open(QIODevice::ReadOnly))
                return -1.0;
            const QByteArray line = stat.readAll();
            // Field 2 (the command) is in parentheses and may hold spaces: count after it.
            const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
            // Field 22 (starttime) is the 20th after the command.
            bool ok = false;
            const qint64 ticks = fields.value(19).toLongLong(&ok);
            return ok ? ticks * 1000.0 / double(sysconf(_SC_CLK_TCK)) : -1.0;
        }();
        if (startMs < 0)
            return -1;
        timespec now{};
        clock_gettime(CLOCK_BOOTTIME, &now);
        return double(now.tv_sec) * 1000.0 + double(now.tv_nsec) / 1e6 - startMs;
    }

    //! The visible item named \a name in \a window's visual tree (Loaders' items and the
    //! overlay are child items of the content item, not always QObject children).
    static QQuickItem *findVisibleItem(QQuickWindow *window, const QString &name)
    {
        QList<QQuickItem *> queue{window->contentItem()};
        while (!queue.isEmpty()) {
            QQuickItem *current = queue.takeFirst();
            if (!current->isVisible())
                continue;
            if (current->objectName() == name)
                return current;
            queue.append(current->childItems());
        }
        return nullptr;
    }

    //! CPU time, in ms, used so far by the GUI thread (the thread that first asked: main()
    //! or the trace's constructor) and by the whole process.
    static double guiThreadCpuMs() { return cpuMs(guiThreadClock()); }
    static double processCpuMs() { return cpuMs(CLOCK_PROCESS_CPUTIME_ID); }

    static void say(const char *what, double ms, const QString &detail = {})
    {
        sayAt(what, ms, guiThreadCpuMs(), processCpuMs(), detail);
    }
    static void sayAt(const char *what, double ms, double guiCpuMs, double processCpuMs, const QString &detail = {})
    {
        std::fprintf(stdout, "startup-trace: %s %.1f ms%s%s\n", what, ms, detail.isEmpty() ? "" : " ",
                     qPrintable(detail));
        std::fprintf(stdout, "startup-cpu: %s gui %.1f ms process %.1f ms\n", what, guiCpuMs, processCpuMs);
        std::fflush(stdout);
    }

    //! Traces \a window; \a populated is asked in each frame's sync until it says yes (it
    //! may fill \a detail, printed with the populated line).
    StartupTrace(QQuickWindow *window, std::function<bool(QString *detail)> populated)
        : QObject(window)
        , m_window(window)
        , m_populated(std::move(populated))
    {
        sinceProcessStartMs(); // read the start time now, off the frame path
        guiThreadClock();
        window->installEventFilter(this);
        connect(window, &QQuickWindow::beforeSynchronizing, this, [this] {
            if (!m_armed.load() && m_populated(&m_detail))
                m_armed.store(true);
        }, Qt::DirectConnection);
        connect(window, &QQuickWindow::frameSwapped, this, [this] {
            const double ms = sinceProcessStartMs();
            const double gui = guiThreadCpuMs();
            const double process = processCpuMs();
            if (!m_firstFrameSeen.exchange(true))
                QMetaObject::invokeMethod(this, [=] { sayAt("first-frame", ms, gui, process); }, Qt::QueuedConnection);
            if (m_armed.load() && !m_populatedSeen.exchange(true)) {
                QMetaObject::invokeMethod(this, [=, this] { sayAt("populated", ms, gui, process, m_detail); },
                                          Qt::QueuedConnection);
            }
        }, Qt::DirectConnection);
        // The bench closes stdin (or writes a line) when it has read /proc: quit cleanly.
        m_stdin = std::make_unique<QSocketNotifier>(STDIN_FILENO, QSocketNotifier::Read);
        connect(m_stdin.get(), &QSocketNotifier::activated, this, [this] {
            m_stdin->setEnabled(false);
            QCoreApplication::quit();
        });
    }

private:
    static clockid_t guiThreadClock()
    {
        static const clockid_t clock = [] {
            clockid_t id = CLOCK_THREAD_CPUTIME_ID;
            if (pthread_getcpuclockid(pthread_self(), &id) != 0)
                id = CLOCK_THREAD_CPUTIME_ID;
            return id;
        }();
        return clock;
    }
    static double cpuMs(clockid_t clock)
    {
        timespec used{};
        if (clock_gettime(clock, &used) != 0)
            return -1;
        return double(used.tv_sec) * 1000.0 + double(used.tv_nsec) / 1e6;
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_window && event->type() == QEvent::Expose && m_window->isExposed() && !m_mapped) {
            m_mapped = true;
            say("map", sinceProcessStartMs());
        }
        return false;
    }

private:
    QQuickWindow *m_window;
    std::function<bool(QString *)> m_populated;
    QString m_detail;
    std::atomic<bool> m_armed{false};
    std::atomic<bool> m_firstFrameSeen{false};
    std::atomic<bool> m_populatedSeen{false};
    bool m_mapped = false;
    std::unique_ptr<QSocketNotifier> m_stdin;
};
