// SPDX-License-Identifier: MIT
#include "testserver.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QRegularExpression>

namespace plaza::test {

TestServer::TestServer(QStringList extraArgs) : m_args(std::move(extraArgs)) { }

TestServer::~TestServer()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(5000))
            kill();
    }
}

QString TestServer::executable()
{
    const QByteArray fromEnv = qgetenv("PLAZA_SERVER_BIN");
    if (!fromEnv.isEmpty())
        return QString::fromLocal8Bit(fromEnv);
    return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("plaza-server"));
}

bool TestServer::start()
{
    if (!m_storage.isValid()) {
        m_error = m_storage.error();
        return false;
    }
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    QStringList args{QStringLiteral("--listen"), QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
                     QString::number(m_port), QStringLiteral("--data"), m_storage.dataDir()};
    if (m_storage.postgres())
        args += QStringList{QStringLiteral("--storage"), m_storage.spec()};
    args += m_args;
    m_process->start(executable(), args);
    if (!m_process->waitForStarted(10000)) {
        m_error = QStringLiteral("could not start %1: %2").arg(executable(), m_process->errorString());
        return false;
    }
    static const QRegularExpression ready(QStringLiteral("plaza-server listening on (https?://[^\\s]+)"));
    // Generous: --demo seeds thousands of rows first (longer on PostgreSQL), on a machine that may be busy.
    QDeadlineTimer deadline(60000);
    m_output.clear();
    while (!deadline.hasExpired()) {
        if (m_process->state() == QProcess::NotRunning) {
            m_output += m_process->readAll();
            m_error = QStringLiteral("plaza-server exited: %1").arg(QString::fromUtf8(m_output));
            return false;
        }
        m_process->waitForReadyRead(100);
        m_output += m_process->readAll();
        const auto match = ready.match(QString::fromUtf8(m_output));
        if (match.hasMatch()) {
            m_url = QUrl(match.captured(1));
            m_port = quint16(m_url.port());
            return true;
        }
    }
    m_error = QStringLiteral("plaza-server did not say it was listening: %1").arg(QString::fromUtf8(m_output));
    return false;
}

void TestServer::kill()
{
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(5000);
}

bool TestServer::stop()
{
    if (!m_process)
        return true;
    m_process->terminate();
    return m_process->waitForFinished(10000) && m_process->exitStatus() == QProcess::NormalExit;
}

bool TestServer::restart()
{
    if (m_process && m_process->state() != QProcess::NotRunning)
        kill();
    // The port was free a moment ago; reuse it so clients reconnect to the same URL.
    return start();
}

} // namespace plaza::test
