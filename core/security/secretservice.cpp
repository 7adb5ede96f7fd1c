// SPDX-License-Identifier: MIT
#include "secretservice.h"

#include "common/logging.h"
#include "common/nextsignal.h"


#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN) && !defined(Q_OS_ANDROID)
#define PLAZA_HAVE_SECRET_SERVICE 1
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusVariant>

#include <chrono>
#include <memory>
#endif

namespace plaza::security::secretservice {

#ifdef PLAZA_HAVE_SECRET_SERVICE
namespace {

const QString kBusName = QStringLiteral("org.freedesktop.secrets");
const QString kServicePath = QStringLiteral("/org/freedesktop/secrets");
const QString kServiceInterface = QStringLiteral("org.freedesktop.Secret.Service");
constexpr std::chrono::milliseconds kCallTimeout{5000};

//! One asynchronous D-Bus call, awaited; an empty optional on error or timeout.
QCoro::Task<std::optional<QDBusMessage>> call(QDBusMessage message)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        co_return std::nullopt;
    auto watcher = std::make_unique<QDBusPendingCallWatcher>(bus.asyncCall(message, int(kCallTimeout.count())));
    if (!watcher->isFinished())
        co_await nextSignal(watcher.get(), &QDBusPendingCallWatcher::finished);
    const QDBusMessage reply = watcher->reply();
    if (reply.type() != QDBusMessage::ReplyMessage)
        co_return std::nullopt;
    co_return reply;
}

} // namespace
#endif

QCoro::Task<bool> lookupBlockedByLock(QString service, QString account)
{
#ifdef PLAZA_HAVE_SECRET_SERVICE
    static const QMetaType registered = qDBusRegisterMetaType<QMap<QString, QString>>();
    Q_UNUSED(registered)
    // QtKeychain's libsecret schema stores user = account and server = service.
    QMap<QString, QString> attributes{{QStringLiteral("user"), account}, {QStringLiteral("server"), service}};
    QDBusMessage search = QDBusMessage::createMethodCall(kBusName, kServicePath, kServiceInterface,
                                                         QStringLiteral("SearchItems"));
    search << QVariant::fromValue(attributes);
    if (const auto reply = co_await call(search); reply && reply->arguments().size() == 2) {
        const auto locked = qdbus_cast<QList<QDBusObjectPath>>(reply->arguments().at(1));
        if (!locked.isEmpty())
            co_return true;
    }

    QDBusMessage alias = QDBusMessage::createMethodCall(kBusName, kServicePath, kServiceInterface,
                                                        QStringLiteral("ReadAlias"));
    alias << QStringLiteral("default");
    const auto aliasReply = co_await call(alias);
    if (!aliasReply || aliasReply->arguments().isEmpty())
        co_return false;
    const QString collection = qdbus_cast<QDBusObjectPath>(aliasReply->arguments().constFirst()).path();
    if (collection.isEmpty() || collection == u"/")
        co_return false; // no default collection yet: nothing can be hiding in it
    QDBusMessage get = QDBusMessage::createMethodCall(kBusName, collection,
                                                      QStringLiteral("org.freedesktop.DBus.Properties"),
                                                      QStringLiteral("Get"));
    get << QStringLiteral("org.freedesktop.Secret.Collection") << QStringLiteral("Locked");
    const auto lockedReply = co_await call(get);
    if (!lockedReply || lockedReply->arguments().isEmpty())
        co_return false;
    co_return qdbus_cast<QDBusVariant>(lockedReply->arguments().constFirst()).variant().toBool();
#else
    Q_UNUSED(service)
    Q_UNUSED(account)
    co_return false;
#endif
}

} // namespace plaza::security::secretservice
