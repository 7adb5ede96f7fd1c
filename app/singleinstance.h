// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

class QLocalServer;
class QLocalSocket;

//! One Plaza window per user and data folder. The first launch listens on a local socket
//! (a Unix domain socket, a named pipe on Windows); a later launch with the same data folder
//! hands its arguments (a plaza://pay/<id> link the desktop passed) to the first and exits.
//!
//! \code
//!   SingleInstance instance(dataDir);
//!   switch (instance.start(QCoreApplication::arguments().mid(1))) {
//!   case SingleInstance::Role::Secondary: return 0;        // the running window has the link
//!   case SingleInstance::Role::Primary:                     // we are the window
//!       QObject::connect(&instance, &SingleInstance::messageReceived, …);
//!       break;
//!   case SingleInstance::Role::Unavailable: break;          // run anyway, just not single
//!   }
//! \endcode
//!
//! A socket left behind by a crashed first instance is noticed (nobody answers on it) and
//! replaced. Launches racing each other decide one at a time under a lock file, so exactly one
//! becomes the primary. Only the same user can connect (the socket is user-only).
class SingleInstance : public QObject
{
    Q_OBJECT

public:
    enum class Role {
        Primary,     //!< listening: later launches' arguments arrive through messageReceived()
        Secondary,   //!< the arguments were delivered to the running instance: exit 0
        Unavailable, //!< neither listening nor delivering worked (see errorString())
    };
    Q_ENUM(Role)

    //! \a dataDir is the folder of the cache this instance opens; two folders are two instances.
    explicit SingleInstance(const QString &dataDir, QObject *parent = nullptr);
    ~SingleInstance() override;

    //! Becomes the primary instance, or delivers \a arguments to the one that is. Waits at most
    //! \a timeoutMs for a running instance to acknowledge. Call once.
    [[nodiscard]] Role start(const QStringList &arguments, int timeoutMs = 5000);

    [[nodiscard]] Role role() const { return m_role; }
    [[nodiscard]] QString errorString() const { return m_error; }

    //! The local socket's name for this user and data folder (stable, short, no path).
    [[nodiscard]] static QString serverName(const QString &dataDir);
    //! Where the socket lives: a file path on Unix, a pipe name on Windows. Valid once primary.
    [[nodiscard]] QString fullServerName() const;

Q_SIGNALS:
    //! A later launch's arguments (without the program name), in the order they were given.
    void messageReceived(const QStringList &args);

private:
    enum class Delivery { Delivered, NobodyListening, Failed };
    Delivery deliver(const QStringList &arguments, int timeoutMs);
    bool listen();
    void onNewConnection();
    void readMessage(QLocalSocket *socket);

    QString m_name;
    QString m_lockPath;
    QString m_error;
    QLocalServer *m_server = nullptr;
    Role m_role = Role::Unavailable;
};
