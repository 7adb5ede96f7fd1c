// SPDX-License-Identifier: MIT
#include "quitsignals.h"

#include "common/logging.h"

#include <QSocketNotifier>

#ifdef Q_OS_UNIX
#include <array>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace {
#ifdef Q_OS_UNIX
constexpr std::array kSignals{SIGTERM, SIGINT, SIGHUP};
// [0] written by the handler, [1] read by the notifier. -1 while no object is installed.
int g_pipe[2] = {-1, -1};

extern "C" void onQuitSignal(int signal)
{
    const int saved = errno;
    const char byte = static_cast<char>(signal);
    // Non-blocking: a full buffer means a wake-up is already pending.
    [[maybe_unused]] const auto written = ::write(g_pipe[0], &byte, 1);
    errno = saved;
}
#endif
} // namespace

QuitSignals::QuitSignals(QObject *parent)
    : QObject(parent)
{
#ifdef Q_OS_UNIX
    if (g_pipe[0] != -1) {
        qCWarning(lcApp) << "QuitSignals: already installed by another object";
        return;
    }
    // (SOCK_NONBLOCK and SOCK_CLOEXEC as socketpair() flags are Linux's; fcntl() is POSIX.)
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_pipe) != 0) {
        qCWarning(lcApp) << "QuitSignals: socketpair failed:" << qt_error_string(errno);
        g_pipe[0] = g_pipe[1] = -1;
        return;
    }
    for (const int fd : g_pipe) {
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
        ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    }
    m_notifier = new QSocketNotifier(g_pipe[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &QuitSignals::drain);
    struct sigaction action = {};
    action.sa_handler = onQuitSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (const int signal : kSignals) {
        if (::sigaction(signal, &action, nullptr) != 0)
            qCWarning(lcApp) << "QuitSignals: cannot handle" << name(signal) << qt_error_string(errno);
    }
#endif
}

QuitSignals::~QuitSignals()
{
#ifdef Q_OS_UNIX
    if (!m_notifier)
        return;
    for (const int signal : kSignals)
        ::signal(signal, SIG_DFL);
    delete m_notifier;
    m_notifier = nullptr;
    ::close(g_pipe[0]);
    ::close(g_pipe[1]);
    g_pipe[0] = g_pipe[1] = -1;
#endif
}

const char *QuitSignals::name(int signal)
{
#ifdef Q_OS_UNIX
    switch (signal) {
    case SIGTERM:
        return "SIGTERM";
    case SIGINT:
        return "SIGINT";
    case SIGHUP:
        return "SIGHUP";
    default:
        break;
    }
#endif
    Q_UNUSED(signal);
    return "a signal";
}

void QuitSignals::drain()
{
#ifdef Q_OS_UNIX
    char bytes[16];
    ssize_t got = 0;
    while ((got = ::read(g_pipe[1], bytes, sizeof bytes)) > 0) {
        for (ssize_t i = 0; i < got; ++i)
            Q_EMIT received(static_cast<unsigned char>(bytes[i]));
    }
#endif
}
