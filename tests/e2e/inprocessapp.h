// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

class ActivityFilter;
class AppContext;
class Links;
class Preferences;
class QQmlApplicationEngine;
class QQuickItem;
class QQuickWindow;
class QWindow;

namespace plaza {
class AppLock;
class Session;
namespace chat {
class ChatService;
}
namespace feed {
class FeedService;
}
namespace media {
class MediaCache;
}
namespace wallet {
class WalletService;
}
} // namespace plaza

//! Types \a text (Latin-1 keys) into \a window, a key click each, as a person would.
void typeText(QWindow *window, const QString &text);
//! Waits until \a target can take a click: shown, enabled and staying where it is (a page or a
//! list that is still laying out moves it) for 100 ms. False if it did not within \a timeoutMs, or
//! was destroyed.
[[nodiscard]] bool waitUntilStill(QQuickItem *target, int timeoutMs = 10000);
//! Clicks the middle of \a target as a person would, once waitUntilStill() says it can. A
//! control with a clicked() signal is clicked again, up to three times, when a click did not reach
//! it. False when it never became clickable within \a timeoutMs, or never got the click.
[[nodiscard]] bool clickWhenStill(QQuickWindow *window, QQuickItem *target, int timeoutMs = 10000);

//! The real Plaza window in the test's process, made of the objects main() makes (Session,
//! WalletService, AppLock, FeedService, ChatService, MediaCache, AppContext, Preferences, Links, the
//! activity filter and the QML engine running
//! Main.qml) against a real server, with its own data and config folders and the passphrase
//! path for the cache key. Torn down in the order main() tears them down.
struct InProcessApp {
    InProcessApp(const QUrl &server, const QString &keychainService);
    //! The same on given data and config folders, to start again where a previous instance
    //! stopped (a restart).
    InProcessApp(const QUrl &server, const QString &keychainService, const QString &dataDir, const QString &configDir);
    ~InProcessApp();
    InProcessApp(const InProcessApp &) = delete;
    InProcessApp &operator=(const InProcessApp &) = delete;

    //! Loads Main.qml into `window`; false with the reason in \a why.
    [[nodiscard]] bool load(QString *why);
    //! From a fresh start to Ready: restore (signed out), sign in, set the passphrase.
    [[nodiscard]] bool signIn(const QString &handle, const QString &password, const QString &passphrase, QString *why);
    //! An item of the visual tree by objectName; of several, a visible one first.
    [[nodiscard]] QQuickItem *item(const QString &objectName) const;
    //! A Popup (sheet) by objectName: QObject children of the items on the way.
    [[nodiscard]] QObject *popup(const QString &objectName) const;

    QUrl server;
    QTemporaryDir data;
    QTemporaryDir config;
    QString dataDir;   //!< data's path, or the folder given
    QString configDir; //!< config's path, or the folder given
    std::unique_ptr<plaza::Session> session;
    std::unique_ptr<plaza::wallet::WalletService> wallet;
    std::unique_ptr<plaza::AppLock> lock;
    std::unique_ptr<plaza::feed::FeedService> feed;
    std::unique_ptr<plaza::chat::ChatService> chat;
    std::unique_ptr<plaza::media::MediaCache> media;
    std::unique_ptr<AppContext> context;
    std::unique_ptr<Preferences> preferences;
    std::unique_ptr<Links> links;
    std::unique_ptr<ActivityFilter> activity;
    std::unique_ptr<QQmlApplicationEngine> engine;
    QQuickWindow *window = nullptr;
};
