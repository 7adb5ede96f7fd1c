// SPDX-License-Identifier: MIT
#pragma once

// A loopback TCP forwarder between the client and plaza-server that can lose the answer to
// a money request after the server has committed it: the request reaches the server whole,
// the server's response is thrown away and the client's connection is closed. It also
// records the Idempotency-Key of every such request as it crossed the wire.

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTcpServer>
#include <QUrl>

class QTcpSocket;

namespace plaza::test {

class DropProxy : public QObject
{
    Q_OBJECT
public:
    //! Forwards to 127.0.0.1:\a targetPort; listens on a free loopback port.
    explicit DropProxy(quint16 targetPort, QObject *parent = nullptr);

    [[nodiscard]] bool listening() const { return m_server.isListening(); }
    [[nodiscard]] QUrl url() const;

    //! Requests whose first line starts with \a methodPath ("POST /v1/transfers") are watched:
    //! their keys recorded, and while dropping() their responses lost.
    void setWatched(const QByteArray &methodPath) { m_watched = methodPath; }
    void setDropping(bool drop) { m_dropping = drop; }
    //! While \a status is set (e.g. 503), watched requests never reach the server: the proxy
    //! answers them itself with that status and an "internal" error envelope (the server
    //! failing before it did anything). 0 forwards them again.
    void setFailing(int status) { m_failStatus = status; }
    [[nodiscard]] int failed() const { return m_failed; }      //!< requests answered with m_failStatus
    [[nodiscard]] QStringList keys() const { return m_keys; }  //!< keys seen, in order
    [[nodiscard]] int dropped() const { return m_dropped; }    //!< responses thrown away
    //! Counts the requests whose head has \a methodPath ("POST /v1/uploads "), watched or not.
    void count(const QByteArray &methodPath) { m_counts.insert(methodPath, 0); }
    [[nodiscard]] int counted(const QByteArray &methodPath) const { return m_counts.value(methodPath); }

Q_SIGNALS:
    //! A watched request arrived (before it is forwarded), with its Idempotency-Key.
    void watchedRequest(const QString &key);

private:
    void onConnection();

    QTcpServer m_server;
    quint16 m_target;
    QByteArray m_watched = "POST /v1/transfers ";
    bool m_dropping = false;
    int m_failStatus = 0;
    int m_failed = 0;
    QStringList m_keys;
    int m_dropped = 0;
    QHash<QByteArray, int> m_counts;
};

} // namespace plaza::test
