// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>

namespace plaza {
class Session;
}

//! Does at start what a person would otherwise type, for demos and end-to-end tests:
//! signs in as --sign-in-as with PLAZA_DEMO_PASSWORD when the restored session is
//! signed out, and answers the passphrase screen with PLAZA_TEST_PASSPHRASE (tests only:
//! a real user always types it). Each step is tried once, so a wrong secret shows the
//! ordinary error screen instead of looping.
class StartupDriver : public QObject
{
    Q_OBJECT
public:
    StartupDriver(plaza::Session *session, QString serverUrl, QString handle, QString password, QString passphrase,
                  QObject *parent = nullptr);

    //! True when there is something to do (a handle with a password, or a passphrase).
    [[nodiscard]] bool active() const;

private:
    void advance();

    plaza::Session *m_session;
    QString m_serverUrl;
    QString m_handle;
    QString m_password;
    QString m_passphrase;
    bool m_signInTried = false;
    bool m_passphraseTried = false;
    bool m_failureReported = false;
};
