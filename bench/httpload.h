// SPDX-License-Identifier: MIT
#pragma once

// What the server benches share: a real plaza-server started on loopback, and a small
// HTTP/1.1 load client on raw sockets (keep-alive, one request in flight per connection)
// that costs the client far less CPU than the server it measures, so that on a 2-core
// machine the figures are the server's.

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

#include <functional>

namespace plaza::bench {

//! plaza-server from next to the bench (or \a program), on 127.0.0.1 with a temporary
//! data folder, started by start() and stopped (SIGTERM) with the object.
class ServerProcess
{
public:
    explicit ServerProcess(QString program = {});
    ~ServerProcess();

    //! Starts with \a extraArgs and waits for "listening on"; false with a reason on stderr.
    [[nodiscard]] bool start(const QStringList &extraArgs = {});
    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] qint64 pid() const { return m_process.processId(); }
    //! Resident set size of the server in KiB (from /proc), -1 if unknown.
    [[nodiscard]] qint64 rssKiB() const;

private:
    QString m_program;
    QTemporaryDir m_data;
    QProcess m_process;
    quint16 m_port = 0;
};

//! One answer read in full.
struct HttpAnswer {
    int status = 0; //!< 0: no answer (connection closed or error)
    QByteArray body;
    [[nodiscard]] QJsonObject json() const;
};

//! Raw bytes of one request (Host, Content-Length, keep-alive added).
[[nodiscard]] QByteArray httpRequest(const QByteArray &method, const QByteArray &path, const QByteArray &token = {},
                                     const QByteArray &body = {}, const QList<QByteArray> &extraHeaders = {});

//! Sends one request on a fresh connection and waits for its answer.
[[nodiscard]] HttpAnswer exchange(quint16 port, const QByteArray &request, int timeoutMs = 30000);

//! What a load run measured.
struct LoadResult {
    int done = 0;          //!< answered requests
    int failed = 0;        //!< answers whose status was not the expected one, or none
    double seconds = 0;
    QList<double> latenciesMs;
    //! The failed answers by "status error.code" ("503 storage", "0 closed"), counted.
    QMap<QByteArray, int> failures;
    //! failures as "2× 503 storage, 1× 0 closed" (empty when none).
    [[nodiscard]] QString failureSummary() const;
    [[nodiscard]] double perSecond() const { return seconds > 0 ? done / seconds : 0; }
    //! The \a p quantile (0…1) of the latencies in ms.
    [[nodiscard]] double quantileMs(double p) const;
};

//! Runs \a total requests over \a connections keep-alive connections to 127.0.0.1:\a port;
//! request i is \a makeRequest(i). Answers other than \a expectedStatus count as failed.
[[nodiscard]] LoadResult runLoad(quint16 port, int connections, int total, const std::function<QByteArray(int)> &makeRequest,
                                 int expectedStatus = 200);
//! The same over several servers: connection c goes to \a ports[c % ports.size()].
[[nodiscard]] LoadResult runLoad(const QList<quint16> &ports, int connections, int total,
                                 const std::function<QByteArray(int)> &makeRequest, int expectedStatus = 200);

//! An account registered through POST /v1/auth/register: its user id and access token
//! (both empty if the server refused).
struct Account {
    QByteArray id;
    QByteArray token;
};
[[nodiscard]] Account registerAccount(quint16 port, const QString &handle);

//! The median of \a values (0 when empty).
[[nodiscard]] double median(QList<double> values);

//! Prints a line to stdout at once.
void say(const QString &line);

} // namespace plaza::bench
