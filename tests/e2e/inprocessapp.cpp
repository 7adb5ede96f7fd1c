// SPDX-License-Identifier: MIT
#include "inprocessapp.h"

#include "activityfilter.h"
#include "appcontext.h"
#include "links.h"
#include "preferences.h"
#include "mediaimageprovider.h"
#include "qrimageprovider.h"
#include "chat/chatservice.h"
#include "feed/feedservice.h"
#include "media/mediacache.h"
#include "session/applock.h"
#include "session/session.h"
#include "wallet/walletservice.h"

#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QElapsedTimer>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <optional>

using namespace plaza;

InProcessApp::InProcessApp(const QUrl &serverUrl, const QString &keychainService)
    : InProcessApp(serverUrl, keychainService, QString(), QString())
{
}

InProcessApp::InProcessApp(const QUrl &serverUrl, const QString &keychainService, const QString &givenData,
                           const QString &givenConfig)
    : server(serverUrl), dataDir(givenData.isEmpty() ? data.path() : givenData),
      configDir(givenConfig.isEmpty() ? config.path() : givenConfig)
{
    Session::Options options;
    options.dataDir = dataDir;
    options.configDir = configDir;
    options.keyBackend = Session::KeyBackend::PassphraseOnly;
    options.keychainService = keychainService;
    session = std::make_unique<Session>(options);
    wallet = std::make_unique<wallet::WalletService>(session.get());
    lock = std::make_unique<AppLock>(session.get(), session->appLockKeychain());
    feed = std::make_unique<feed::FeedService>(session.get());
    chat = std::make_unique<chat::ChatService>(session.get());
    media = std::make_unique<media::MediaCache>(session.get());
    context = std::make_unique<AppContext>(
        AppContext::Services{session.get(), wallet.get(), lock.get(), feed.get(), chat.get(), media.get()},
        AppContext::Options{server.toString(), QString()});
    preferences = std::make_unique<Preferences>(
        session.get(), Preferences::Options{configDir, QStringLiteral("en"), QStringLiteral("light"), true});
    links = std::make_unique<Links>(nullptr);
    activity = std::make_unique<ActivityFilter>(lock.get());
}

InProcessApp::~InProcessApp()
{
    engine.reset();
    activity.reset();
    links.reset();
    preferences.reset();
    context.reset();
    lock.reset();
    feed.reset();
    chat.reset();
    media.reset();
    wallet.reset();
    session.reset();
}

bool InProcessApp::load(QString *why)
{
    engine = std::make_unique<QQmlApplicationEngine>();
    engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
    engine->addImageProvider(QStringLiteral("qr"), new QrImageProvider);
    engine->addImageProvider(QStringLiteral("media"), new MediaImageProvider(media.get()));
    engine->load(QUrl(QStringLiteral("qrc:/qt/qml/Plaza/Main.qml")));
    if (engine->rootObjects().isEmpty()) {
        *why = QStringLiteral("Main.qml did not load");
        return false;
    }
    window = qobject_cast<QQuickWindow *>(engine->rootObjects().constFirst());
    if (!window)
        *why = QStringLiteral("Main.qml's root is not a window");
    return window != nullptr;
}

bool InProcessApp::signIn(const QString &handle, const QString &password, const QString &passphrase, QString *why)
{
    const auto reach = [&](Session::State state, int timeoutMs) {
        if (QTest::qWaitFor([&] { return session->state() == state; }, timeoutMs))
            return true;
        *why = QStringLiteral("the session stayed in state %1 (%2)")
                   .arg(int(session->state()))
                   .arg(session->errorMessage());
        return false;
    };
    session->restore();
    if (!reach(Session::State::SignedOut, 10000))
        return false;
    session->signIn(server.toString(), handle, password);
    if (!reach(Session::State::NeedsPassphrase, 10000))
        return false;
    session->submitPassphrase(passphrase);
    return reach(Session::State::Ready, 20000);
}

QQuickItem *InProcessApp::item(const QString &objectName) const
{
    // The visual tree: Loader items and the overlay (where sheets live) are child items of
    // the content item, not always QObject children. Several may share a name (the Wallet
    // tab and a conversation each have a send sheet): the visible one first.
    if (!window)
        return nullptr;
    QQuickItem *hidden = nullptr;
    QList<QQuickItem *> queue{window->contentItem()};
    while (!queue.isEmpty()) {
        QQuickItem *current = queue.takeFirst();
        if (current->objectName() == objectName) {
            if (current->isVisible())
                return current;
            if (!hidden)
                hidden = current;
        }
        queue += current->childItems();
    }
    return hidden;
}

QObject *InProcessApp::popup(const QString &objectName) const
{
    if (!window)
        return nullptr;
    QList<QQuickItem *> queue{window->contentItem()};
    while (!queue.isEmpty()) {
        QQuickItem *current = queue.takeFirst();
        if (auto *found = current->findChild<QObject *>(objectName, Qt::FindDirectChildrenOnly))
            return found;
        queue += current->childItems();
    }
    return nullptr;
}

void typeText(QWindow *window, const QString &text)
{
    for (const QChar c : text)
        QTest::keyClick(window, c.toLatin1());
}

namespace {
QPointF sceneCentre(const QQuickItem *item)
{
    return item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
}
} // namespace

bool waitUntilStill(QQuickItem *target, int timeoutMs)
{
    const QPointer<QQuickItem> guard(target);
    QElapsedTimer waited;
    waited.start();
    while (guard && waited.elapsed() < timeoutMs) {
        // Shown, enabled, and at the same place 100 ms apart.
        const QPointF at = sceneCentre(target);
        QTest::qWait(100);
        if (guard && target->isVisible() && target->isEnabled() && sceneCentre(target) == at)
            return true;
    }
    return false;
}

bool clickWhenStill(QQuickWindow *window, QQuickItem *target, int timeoutMs)
{
    if (!target)
        return false;
    const QPointer<QQuickItem> guard(target);
    const bool hasClicked = target->metaObject()->indexOfSignal("clicked()") >= 0;
    std::optional<QSignalSpy> clicked;
    if (hasClicked)
        clicked.emplace(target, SIGNAL(clicked()));
    QElapsedTimer waited;
    waited.start();
    for (int attempt = 0; attempt < 3; ++attempt) {
        if (!waitUntilStill(target, int(std::max<qint64>(0, timeoutMs - waited.elapsed()))) || !guard)
            return false;
        const QPointF at = sceneCentre(target);
        QTest::mouseMove(window, at.toPoint());
        QTest::mouseClick(window, Qt::LeftButton, {}, at.toPoint());
        if (!hasClicked || !clicked->isEmpty())
            return true;
        qInfo() << "the click at" << at << "missed" << target->objectName() << "now at" << sceneCentre(target);
    }
    return false;
}
