// SPDX-License-Identifier: MIT
#pragma once

#include "session/applock.h"
#include "session/session.h"
#include "chat/chatservice.h"
#include "chat/messageactions.h"
#include "chat/groupactions.h"
#include "chat/safetyactions.h"
#include "feed/feedservice.h"
#include "media/mediacache.h"
#include "wallet/walletservice.h"

#include <QObject>
#include <QString>
#include <QtQml/qqml.h>

//! The `App` singleton of QML: the services of the desktop process — the session, the
//! wallet, the app lock, the feed and chat (with its message actions) — with the versions it runs on and the choices
//! made on the command line (--server, --page). main() creates the one instance before the
//! engine loads anything; QML reaches it through create().
//!
//! The rest of what the window needs from C++ has its own singleton: Preferences
//! (settings.ini), Format (amounts, links in text, initials), Desktop (clipboard and saved
//! files) and Links (plaza:// links and pages asked for from outside the window).
class AppContext : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(App)
    QML_SINGLETON
    Q_PROPERTY(plaza::Session *session READ session CONSTANT)
    Q_PROPERTY(plaza::wallet::WalletService *wallet READ wallet CONSTANT)
    Q_PROPERTY(plaza::AppLock *appLock READ appLock CONSTANT)
    Q_PROPERTY(plaza::feed::FeedService *feed READ feed CONSTANT)
    Q_PROPERTY(plaza::chat::ChatService *chat READ chat CONSTANT)
    //! Edit, delete, react to and forward sent messages (made here, next to App.chat).
    Q_PROPERTY(plaza::chat::MessageActions *messageActions READ messageActions CONSTANT)
    //! Block and unblock people, mute conversations, report (made here, next to App.chat).
    Q_PROPERTY(plaza::chat::SafetyActions *safety READ safety CONSTANT)
    Q_PROPERTY(plaza::chat::GroupActions *groups READ groups CONSTANT)
    Q_PROPERTY(plaza::media::MediaCache *media READ media CONSTANT)
    Q_PROPERTY(QString defaultServerUrl READ defaultServerUrl CONSTANT)
    Q_PROPERTY(QString qtVersion READ qtVersion CONSTANT)
    Q_PROPERTY(QString platformName READ platformName CONSTANT)
    Q_PROPERTY(QString version READ version CONSTANT)
    Q_PROPERTY(QString startPage READ startPage CONSTANT)
    //! Set by the page that startPage opened once its data is on screen (for --screenshot).
    Q_PROPERTY(bool pageSettled READ pageSettled WRITE setPageSettled NOTIFY pageSettledChanged)
public:
    struct Services {
        plaza::Session *session = nullptr;
        plaza::wallet::WalletService *wallet = nullptr;
        plaza::AppLock *appLock = nullptr;
        plaza::feed::FeedService *feed = nullptr;
        plaza::chat::ChatService *chat = nullptr;
        plaza::media::MediaCache *media = nullptr;
    };
    struct Options {
        QString defaultServerUrl;
        QString startPage; //!< --page: "wallet", "wallet/send", "wallet/request", …
    };

    AppContext(Services services, Options options, QObject *parent = nullptr);
    ~AppContext() override;

    //! QML's factory: the instance main() made. The engine must not delete it.
    static AppContext *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    [[nodiscard]] plaza::Session *session() const { return m_services.session; }
    [[nodiscard]] plaza::wallet::WalletService *wallet() const { return m_services.wallet; }
    [[nodiscard]] plaza::AppLock *appLock() const { return m_services.appLock; }
    [[nodiscard]] plaza::feed::FeedService *feed() const { return m_services.feed; }
    [[nodiscard]] plaza::chat::ChatService *chat() const { return m_services.chat; }
    [[nodiscard]] plaza::chat::MessageActions *messageActions() const { return m_messageActions; }
    [[nodiscard]] plaza::chat::SafetyActions *safety() const { return m_safety; }
    [[nodiscard]] plaza::chat::GroupActions *groups() const { return m_groups; }
    [[nodiscard]] plaza::media::MediaCache *media() const { return m_services.media; }
    [[nodiscard]] QString defaultServerUrl() const { return m_options.defaultServerUrl; }
    [[nodiscard]] QString qtVersion() const;
    [[nodiscard]] QString platformName() const;
    [[nodiscard]] QString startPage() const { return m_options.startPage; }
    [[nodiscard]] QString version() const;
    [[nodiscard]] bool pageSettled() const { return m_pageSettled; }
    void setPageSettled(bool settled);

Q_SIGNALS:
    void pageSettledChanged();

private:
    Services m_services;
    Options m_options;
    plaza::chat::MessageActions *m_messageActions = nullptr;
    plaza::chat::SafetyActions *m_safety = nullptr;
    plaza::chat::GroupActions *m_groups = nullptr;
    bool m_pageSettled = false;
};
