// SPDX-License-Identifier: MIT
#include "accountfiles.h"

#include "common/logging.h"
#include "protocol/json.h"
#include "protocol/types.h"
#include "storage/cacheschema.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QUrl>

namespace plaza {

namespace {

Status writeFileAtomically(const QString &path, const QByteArray &bytes)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return makeError(ErrorCode::Storage, QStringLiteral("Cannot create the folder of %1.").arg(path));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Storage, QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()));
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(bytes);
    if (!file.commit())
        return makeError(ErrorCode::Storage, QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

QString deviceKey(const QString &serverUrl, const QString &handle)
{
    const QByteArray who = serverUrl.trimmed().toUtf8() + '\n' + handle.trimmed().toLower().toUtf8();
    return QString::fromLatin1(QCryptographicHash::hash(who, QCryptographicHash::Sha256).toHex());
}

} // namespace

QString cacheKeyEntry(const QString &serverUrl, const QString &userId)
{
    const QUrl url(serverUrl.trimmed());
    const int defaultPort = url.scheme() == u"https" ? 443 : 80;
    return QStringLiteral("%1@%2:%3").arg(userId, url.host().toLower()).arg(url.port(defaultPort));
}

QString appLockEntry(const QString &serverUrl, const QString &userId)
{
    return cacheKeyEntry(serverUrl, userId) + QStringLiteral(".applock");
}

QString AccountFiles::deviceToken(const QString &serverUrl, const QString &handle) const
{
    QFile file(QDir(m_configDir).filePath(QStringLiteral("devices.json")));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QJsonObject devices = QJsonDocument::fromJson(file.readAll()).object();
    return devices.value(deviceKey(serverUrl, handle)).toString();
}

Status AccountFiles::writeDeviceToken(const QString &serverUrl, const QString &handle, const QString &token) const
{
    const QString path = QDir(m_configDir).filePath(QStringLiteral("devices.json"));
    QJsonObject devices;
    if (QFile file(path); file.open(QIODevice::ReadOnly))
        devices = QJsonDocument::fromJson(file.readAll()).object();
    const QString key = deviceKey(serverUrl, handle);
    if (devices.value(key).toString() == token)
        return {};
    devices.insert(key, token);
    return writeFileAtomically(path, QJsonDocument(devices).toJson(QJsonDocument::Compact));
}

QString AccountFiles::accountJsonPath() const
{
    return QDir(m_configDir).filePath(QStringLiteral("account.json"));
}

QString AccountFiles::accountDir(const QString &userId) const
{
    // Ids are opaque: one that is not a plain token ("../x", "a/b") must not name a path.
    const QString folder = protocol::isValidClientId(userId)
        ? userId
        : QStringLiteral("u-") + QString::fromLatin1(QCryptographicHash::hash(userId.toUtf8(), QCryptographicHash::Sha256).toHex());
    return QDir(m_dataDir).filePath(folder);
}

QString AccountFiles::cachePath(const QString &userId) const
{
    return QDir(accountDir(userId)).filePath(QStringLiteral("cache.db"));
}

QString AccountFiles::passphraseParamsPath(const QString &userId) const
{
    return QDir(accountDir(userId)).filePath(QStringLiteral("passphrase.json"));
}

Result<AccountInfo> AccountFiles::readAccount() const
{
    QFile file(accountJsonPath());
    if (!file.exists())
        return makeError(ErrorCode::NotFound, QStringLiteral("No saved account."));
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Storage, QStringLiteral("Cannot read account.json: %1").arg(file.errorString()));
    auto object = protocol::parseObject(file.readAll());
    if (!object)
        return Error{ErrorCode::Protocol, object.error().message, {}, 0};
    protocol::JsonReader r(*object, QStringLiteral("account.json"));
    AccountInfo info;
    info.serverUrl = r.string(QStringLiteral("server_url"));
    info.userId = r.string(QStringLiteral("user_id"));
    info.handle = r.string(QStringLiteral("handle"));
    info.displayName = r.string(QStringLiteral("display_name"));
    if (!r.ok())
        return Error{ErrorCode::Protocol, r.error().message, r.error().details, 0};
    return info;
}

Status AccountFiles::writeAccount(const AccountInfo &account) const
{
    const QJsonObject object{
        {QStringLiteral("server_url"), account.serverUrl},
        {QStringLiteral("user_id"), account.userId},
        {QStringLiteral("handle"), account.handle},
        {QStringLiteral("display_name"), account.displayName},
    };
    return writeFileAtomically(accountJsonPath(), QJsonDocument(object).toJson());
}

void AccountFiles::removeAccount() const
{
    QFile::remove(accountJsonPath());
}

bool AccountFiles::hasPassphraseParams(const QString &userId) const
{
    return QFile::exists(passphraseParamsPath(userId));
}

Result<QByteArray> AccountFiles::readPassphraseParams(const QString &userId) const
{
    QFile file(passphraseParamsPath(userId));
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Storage, QStringLiteral("Cannot read passphrase.json: %1").arg(file.errorString()));
    return file.readAll();
}

Status AccountFiles::writePassphraseParams(const QString &userId, const QByteArray &json) const
{
    return writeFileAtomically(passphraseParamsPath(userId), json);
}

void AccountFiles::removeLocalData(const QString &userId) const
{
    if (userId.isEmpty())
        return;
    for (const QString &file : storage::cacheFiles(cachePath(userId)))
        QFile::remove(file);
    QFile::remove(passphraseParamsPath(userId));
    QDir().rmdir(accountDir(userId)); // only if now empty
    qCInfo(lcSecurity) << "removed the local cache of an account";
}

} // namespace plaza
