// SPDX-License-Identifier: MIT
#include "singleinstance.h"

#include "common/logging.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QtEndian>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace {

// A message is "PLZ1", the payload's length (32-bit big-endian), then the arguments in UTF-8,
// each followed by a NUL (no argument can contain one). The answer is one byte.
constexpr char kMagic[] = {'P', 'L', 'Z', '1'};
constexpr qsizetype kHeaderSize = 8;
// A few links fit many times over; a stuck or hostile peer cannot make us buffer more.
constexpr quint32 kMaxPayload = 64 * 1024;
constexpr char kAck = '\x06';

QString currentUser()
{
#ifdef Q_OS_UNIX
    return QString::number(::getuid());
#else
    return qEnvironmentVariable("USERDOMAIN") + u'\\' + qEnvironmentVariable("USERNAME");
#endif
}

QByteArray encode(const QStringList &arguments)
{
    QByteArray payload;
    for (const QString &argument : arguments) {
        payload += argument.toUtf8();
        payload += '\0';
    }
    QByteArray message(kMagic, sizeof kMagic);
    char length[4];
    qToBigEndian(static_cast<quint32>(payload.size()), length);
    message.append(length, 4);
    return message + payload;
}

} // namespace

SingleInstance::SingleInstance(const QString &dataDir, QObject *parent)
    : QObject(parent)
    , m_name(serverName(dataDir))
    , m_lockPath(QDir(QDir::tempPath()).filePath(m_name + QStringLiteral(".lock")))
{
}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::serverName(const QString &dataDir)
{
    const QFileInfo info(dataDir);
    const QString canonical = info.canonicalFilePath();
    const QString folder = canonical.isEmpty() ? QDir::cleanPath(info.absoluteFilePath()) : canonical;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(currentUser().toUtf8());
    hash.addData(QByteArrayView("\n"));
    hash.addData(folder.toUtf8());
    // Short: a Unix socket path must fit in 108 bytes, the temp folder included.
    return QStringLiteral("plaza-") + QString::fromLatin1(hash.result().toHex().left(24));
}

QString SingleInstance::fullServerName() const
{
    return m_server ? m_server->fullServerName() : QString();
}

SingleInstance::Role SingleInstance::start(const QStringList &arguments, int timeoutMs)
{
    Q_ASSERT(!m_server);
    // Launches racing each other take turns: without this, two could both find nobody
    // listening, and the second would delete the first one's fresh socket as stale. A lock
    // left by a crash names a dead process and is taken over.
    QLockFile lock(m_lockPath);
    if (!lock.tryLock(timeoutMs)) {
        m_error = QStringLiteral("could not take the lock %1 (error %2)").arg(m_lockPath).arg(int(lock.error()));
        qCWarning(lcApp) << "single instance:" << m_error;
        return m_role = Role::Unavailable;
    }

    switch (deliver(arguments, timeoutMs)) {
    case Delivery::Delivered:
        qCInfo(lcApp) << "Plaza already runs for this data folder; handed it" << arguments.size() << "argument(s)";
        return m_role = Role::Secondary;
    case Delivery::Failed:
        qCWarning(lcApp) << "single instance:" << m_error;
        return m_role = Role::Unavailable;
    case Delivery::NobodyListening:
        break;
    }
    if (!listen()) {
        qCWarning(lcApp) << "single instance:" << m_error;
        return m_role = Role::Unavailable;
    }
    return m_role = Role::Primary;
}

SingleInstance::Delivery SingleInstance::deliver(const QStringList &arguments, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    QLocalSocket socket;
    socket.connectToServer(m_name);
    if (!socket.waitForConnected(int(deadline.remainingTime()))) {
        // No socket, or one nobody accepts on: the file a killed instance left behind.
        if (socket.error() == QLocalSocket::ServerNotFoundError
            || socket.error() == QLocalSocket::ConnectionRefusedError)
            return Delivery::NobodyListening;
        m_error = QStringLiteral("could not reach the running instance: %1").arg(socket.errorString());
        return Delivery::Failed;
    }
    socket.write(encode(arguments));
    while (socket.bytesToWrite() > 0 && socket.waitForBytesWritten(int(deadline.remainingTime()))) {
    }
    while (socket.bytesAvailable() < 1 && socket.state() == QLocalSocket::ConnectedState
           && !deadline.hasExpired())
        socket.waitForReadyRead(int(deadline.remainingTime()));
    char answer = 0;
    if (socket.read(&answer, 1) == 1 && answer == kAck)
        return Delivery::Delivered;
    // Alive enough to accept, not to answer (stopped, or hung): do not take its place.
    m_error = QStringLiteral("the running instance did not acknowledge within %1 ms").arg(timeoutMs);
    return Delivery::Failed;
}

bool SingleInstance::listen()
{
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
    // Only reached under the lock after nobody answered on the name, so whatever file is there
    // is stale. (With UserAccessOption, Qt on Unix binds in a private folder and renames the
    // socket into place, which replaces a stale file by itself; elsewhere, remove it and retry.)
    if (m_server->listen(m_name))
        return true;
    if (m_server->serverError() == QAbstractSocket::AddressInUseError) {
        qCInfo(lcApp) << "single instance: replacing a socket left by an instance that is gone";
        QLocalServer::removeServer(m_name);
        if (m_server->listen(m_name))
            return true;
    }
    m_error = QStringLiteral("could not listen on %1: %2").arg(m_name, m_server->errorString());
    delete m_server;
    m_server = nullptr;
    return false;
}

void SingleInstance::onNewConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] { readMessage(socket); });
        // Data may have arrived with the connection.
        readMessage(socket);
    }
}

void SingleInstance::readMessage(QLocalSocket *socket)
{
    if (socket->bytesAvailable() < kHeaderSize)
        return;
    const QByteArray header = socket->peek(kHeaderSize);
    const quint32 length = qFromBigEndian<quint32>(header.constData() + 4);
    if (!header.startsWith(QByteArrayView(kMagic, sizeof kMagic)) || length > kMaxPayload) {
        qCWarning(lcApp) << "single instance: dropped a malformed message";
        socket->abort();
        return;
    }
    if (socket->bytesAvailable() < kHeaderSize + qsizetype(length))
        return;
    socket->skip(kHeaderSize);
    const QByteArray payload = socket->read(length);

    QStringList args;
    qsizetype from = 0;
    for (qsizetype end = payload.indexOf('\0'); end >= 0; end = payload.indexOf('\0', from)) {
        args.append(QString::fromUtf8(payload.constData() + from, end - from));
        from = end + 1;
    }
    if (from != payload.size()) {
        qCWarning(lcApp) << "single instance: dropped a truncated message";
        socket->abort();
        return;
    }
    socket->write(&kAck, 1);
    socket->flush();
    socket->disconnectFromServer();
    Q_EMIT messageReceived(args);
}
