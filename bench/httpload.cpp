// SPDX-License-Identifier: MIT
#include "httpload.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace plaza::bench {

ServerProcess::ServerProcess(QString program)
    : m_program(program.isEmpty() ? QCoreApplication::applicationDirPath() + QStringLiteral("/plaza-server") : std::move(program))
{
}

ServerProcess::~ServerProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(10000))
            m_process.kill();
    }
}

bool ServerProcess::start(const QStringList &extraArgs)
{
    // Only the "listening on" line is read; the rest of the log goes nowhere.
    m_process.setStandardErrorFile(QProcess::nullDevice());
    m_process.start(m_program, QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
                                           QStringLiteral("0"), QStringLiteral("--data"), m_data.path()}
                                   + extraArgs);
    QByteArray out;
    const QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired() && m_process.state() != QProcess::NotRunning) {
        m_process.waitForReadyRead(200);
        out += m_process.readAllStandardOutput();
        const qsizetype at = out.indexOf("listening on http://127.0.0.1:");
        const qsizetype eol = at < 0 ? -1 : out.indexOf('\n', at);
        if (eol > at) {
            m_port = quint16(out.mid(at + 30, eol - at - 30).trimmed().toUInt());
            return m_port != 0;
        }
    }
    std::fprintf(stderr, "plaza-server (%s) did not start: %s\n", qPrintable(m_program), out.constData());
    return false;
}

qint64 ServerProcess::rssKiB() const
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid()));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

QJsonObject HttpAnswer::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QByteArray httpRequest(const QByteArray &method, const QByteArray &path, const QByteArray &token, const QByteArray &body,
                       const QList<QByteArray> &extraHeaders)
{
    QByteArray r = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n";
    if (!token.isEmpty())
        r += "Authorization: Bearer " + token + "\r\n";
    for (const QByteArray &h : extraHeaders)
        r += h + "\r\n";
    if (!body.isEmpty() || method == "POST")
        r += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    return r + "\r\n" + body;
}

namespace {

//! One keep-alive connection: writes a request, reads exactly one answer, repeats.
class Connection
{
public:
    std::function<void(Connection &, const HttpAnswer &)> onAnswer;
    QTcpSocket socket;
    QElapsedTimer sent;

    void send(const QByteArray &request)
    {
        m_buffer.clear();
        sent.start();
        socket.write(request);
    }

    void readable()
    {
        m_buffer += socket.readAll();
        const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        qint64 length = 0;
        for (const QByteArray &line : m_buffer.left(headEnd).split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (m_buffer.size() < headEnd + 4 + length)
            return;
        HttpAnswer answer;
        answer.status = m_buffer.mid(9, 3).toInt();
        answer.body = m_buffer.mid(headEnd + 4, length);
        m_buffer.clear();
        onAnswer(*this, answer);
    }

    void closed()
    {
        if (m_finished)
            return;
        m_finished = true;
        onAnswer(*this, HttpAnswer{});
    }
    void finish() { m_finished = true; }

private:
    QByteArray m_buffer;
    bool m_finished = false;
};

} // namespace

HttpAnswer exchange(quint16 port, const QByteArray &request, int timeoutMs)
{
    HttpAnswer result;
    QEventLoop loop;
    Connection c;
    c.onAnswer = [&](Connection &self, const HttpAnswer &answer) {
        self.finish();
        result = answer;
        loop.quit();
    };
    QObject::connect(&c.socket, &QTcpSocket::readyRead, &loop, [&c] { c.readable(); });
    QObject::connect(&c.socket, &QTcpSocket::disconnected, &loop, [&c] { c.closed(); });
    QObject::connect(&c.socket, &QTcpSocket::errorOccurred, &loop, [&c] { c.closed(); });
    QObject::connect(&c.socket, &QTcpSocket::connected, &loop, [&c, &request] { c.send(request); });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    c.socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    loop.exec();
    return result;
}

double LoadResult::quantileMs(double p) const
{
    if (latenciesMs.isEmpty())
        return 0;
    QList<double> sorted = latenciesMs;
    std::sort(sorted.begin(), sorted.end());
    const qsizetype at = std::clamp<qsizetype>(qsizetype(p * double(sorted.size())), 0, sorted.size() - 1);
    return sorted.at(at);
}

LoadResult runLoad(quint16 port, int connections, int total, const std::function<QByteArray(int)> &makeRequest, int expectedStatus)
{
    return runLoad(QList<quint16>{port}, connections, total, makeRequest, expectedStatus);
}

LoadResult runLoad(const QList<quint16> &ports, int connections, int total, const std::function<QByteArray(int)> &makeRequest,
                   int expectedStatus)
{
    LoadResult result;
    result.latenciesMs.reserve(total);
    QEventLoop loop;
    int next = 0;
    int live = 0; // connections still sending
    std::vector<std::unique_ptr<Connection>> pool;
    auto retire = [&](Connection &c) {
        c.finish();
        c.socket.disconnectFromHost();
        if (--live == 0)
            loop.quit();
    };
    auto sendNext = [&](Connection &c) {
        if (next >= total)
            retire(c);
        else
            c.send(makeRequest(next++));
    };
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < std::min(connections, total); ++i) {
        pool.push_back(std::make_unique<Connection>());
        Connection *c = pool.back().get();
        ++live;
        c->onAnswer = [&](Connection &self, const HttpAnswer &answer) {
            if (answer.status == 0) { // closed under us: this connection is done
                ++result.failed;
                ++result.failures[QByteArrayLiteral("0 closed")];
                if (--live == 0)
                    loop.quit();
                return;
            }
            ++result.done;
            result.latenciesMs.append(double(self.sent.nsecsElapsed()) / 1e6);
            if (answer.status != expectedStatus) {
                ++result.failed;
                const QJsonObject error = answer.json().value(QStringLiteral("error")).toObject();
                const QByteArray code = error.value(QStringLiteral("code")).toString().toUtf8();
                ++result.failures[QByteArray::number(answer.status) + ' ' + code];
            }
            sendNext(self);
        };
        QObject::connect(&c->socket, &QTcpSocket::readyRead, &loop, [c] { c->readable(); });
        QObject::connect(&c->socket, &QTcpSocket::disconnected, &loop, [c] { c->closed(); });
        QObject::connect(&c->socket, &QTcpSocket::errorOccurred, &loop, [c] { c->closed(); });
        QObject::connect(&c->socket, &QTcpSocket::connected, &loop, [c, &sendNext] { sendNext(*c); });
        c->socket.connectToHost(QStringLiteral("127.0.0.1"), ports.at(i % ports.size()));
    }
    if (live > 0)
        loop.exec();
    result.seconds = double(clock.nsecsElapsed()) / 1e9;
    return result;
}

QString LoadResult::failureSummary() const
{
    QStringList parts;
    for (auto it = failures.cbegin(); it != failures.cend(); ++it)
        parts.append(QStringLiteral("%1× %2").arg(it.value()).arg(QString::fromUtf8(it.key())));
    return parts.join(QStringLiteral(", "));
}

double median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

void say(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

Account registerAccount(quint16 port, const QString &handle)
{
    const QJsonObject body{{QStringLiteral("handle"), handle}, {QStringLiteral("display_name"), handle},
                           {QStringLiteral("password"), QStringLiteral("correct horse battery")}};
    const HttpAnswer a = exchange(port, httpRequest("POST", "/v1/auth/register", {}, QJsonDocument(body).toJson(QJsonDocument::Compact)));
    const QJsonObject json = a.json();
    return {json[QStringLiteral("user")][QStringLiteral("id")].toString().toLatin1(),
            json.value(QStringLiteral("access_token")).toString().toLatin1()};
}

} // namespace plaza::bench
