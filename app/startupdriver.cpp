// SPDX-License-Identifier: MIT
#include "startupdriver.h"

#include "common/logging.h"
#include "session/session.h"

#include <cstdio>

using plaza::Session;

StartupDriver::StartupDriver(Session *session, QString serverUrl, QString handle, QString password,
                             QString passphrase, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_serverUrl(std::move(serverUrl))
    , m_handle(std::move(handle))
    , m_password(std::move(password))
    , m_passphrase(std::move(passphrase))
{
    if (!m_handle.isEmpty() && m_password.isEmpty())
        std::fprintf(stderr, "plaza: --sign-in-as needs PLAZA_DEMO_PASSWORD in the environment\n");
    // Queued: the session emits from inside its own state changes; act once they settle.
    connect(m_session, &Session::stateChanged, this, &StartupDriver::advance, Qt::QueuedConnection);
    connect(m_session, &Session::busyChanged, this, &StartupDriver::advance, Qt::QueuedConnection);
}

bool StartupDriver::active() const
{
    return (!m_handle.isEmpty() && !m_password.isEmpty()) || !m_passphrase.isEmpty();
}

void StartupDriver::advance()
{
    if (m_session->busy())
        return;
    switch (m_session->state()) {
    case Session::State::SignedOut:
        if (m_handle.isEmpty() || m_password.isEmpty())
            return;
        if (!m_signInTried) {
            m_signInTried = true;
            qCInfo(lcApp) << "signing in as" << m_handle << "on" << m_serverUrl;
            m_session->signIn(m_serverUrl, m_handle, m_password);
        } else if (m_session->signInCodeRequired()) {
            if (!m_failureReported) {
                m_failureReported = true;
                std::fprintf(stderr, "plaza: %s has two-factor sign-in: enter the code from the authenticator app in the "
                                     "window\n",
                             qPrintable(m_handle));
            }
        } else if (!m_failureReported) {
            m_failureReported = true;
            std::fprintf(stderr, "plaza: signing in as %s failed: %s\n", qPrintable(m_handle),
                         qPrintable(m_session->errorCode()));
        }
        return;
    case Session::State::NeedsPassphrase:
        if (!m_passphrase.isEmpty() && !m_passphraseTried) {
            m_passphraseTried = true;
            m_session->submitPassphrase(m_passphrase);
        }
        return;
    case Session::State::Starting:
    case Session::State::CacheLocked:
    case Session::State::Ready:
        return;
    }
}
