// SPDX-License-Identifier: MIT
// Desktop notifications and the tray, for real: the window in-process (Main.qml with the
// real App, Session, ChatService and AppLock) on an X display (Xvfb), signed in as Amélie
// to the real plaza-server --demo, with a real notification server (dunst, read back with
// `dunstctl history`) and a real XEmbed tray (trayer) — tests/e2e/with-notification-desktop.sh.
// Others write to Amélie through the server's HTTP API while her window is in the
// background; what dunst received is compared with what they wrote and with the settings
// and the app lock.
#include "apiprobe.h"
#include "links.h"
#include "preferences.h"
#include "inprocessapp.h"
#include "qmlwarnings.h"
#include "common/testserver.h"
#include "notifier.h"
#include "trayicon.h"

#include "chat/chatservice.h"
#include "net/wssession.h"
#include "feed/feedservice.h"
#include "session/applock.h"
#include "session/session.h"
#include "sync/syncengine.h"
#include "wallet/walletservice.h"

#include <QApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QSignalSpy>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>
#include <QWidget>

Q_IMPORT_QML_PLUGIN(PlazaPlugin)
Q_IMPORT_QML_PLUGIN(Plaza_DesktopPlugin)

using namespace plaza;
using plaza::test::ApiProbe;
using plaza::test::TestServer;

namespace {
constexpr auto kDemoPassword = "plaza-demo-2026";
constexpr auto kPin = "2580";
// The app icon stand-in: plain blue, so the badge's red is easy to tell apart.
const QColor kIconColour(0x20, 0x60, 0xC0);

//! One notification as dunst kept it.
struct Shown {
    int id = 0;
    QString appName;
    QString summary;
    QString body;
};

QString dunstctl(const QStringList &arguments)
{
    QProcess p;
    p.start(QStringLiteral("dunstctl"), arguments);
    if (!p.waitForFinished(10000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning() << "dunstctl" << arguments << "failed:" << p.readAllStandardError();
        return {};
    }
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

QString field(const QJsonObject &entry, const QString &name)
{
    return entry.value(name).toObject().value(QStringLiteral("data")).toVariant().toString();
}

//! Everything dunst has received so far, oldest first: it closes the ones on screen first
//! (they reach the history only once closed).
QList<Shown> everyNotification()
{
    dunstctl({QStringLiteral("close-all")});
    const QJsonObject doc = QJsonDocument::fromJson(dunstctl({QStringLiteral("history")}).toUtf8()).object();
    QList<Shown> out;
    const QJsonArray groups = doc.value(QStringLiteral("data")).toArray();
    for (const QJsonValue &group : groups) {
        for (const QJsonValue &value : group.toArray()) {
            const QJsonObject entry = value.toObject();
            out.append({field(entry, QStringLiteral("id")).toInt(), field(entry, QStringLiteral("appname")),
                        field(entry, QStringLiteral("summary")), field(entry, QStringLiteral("body"))});
        }
    }
    std::sort(out.begin(), out.end(), [](const Shown &a, const Shown &b) { return a.id < b.id; });
    return out;
}

QString describe(const QList<Shown> &shown)
{
    QStringList lines;
    for (const Shown &s : shown)
        lines << QStringLiteral("#%1 %2: \"%3\" / \"%4\"").arg(s.id).arg(s.appName, s.summary, s.body);
    return lines.isEmpty() ? QStringLiteral("(none)") : lines.join(u'\n');
}

//! The pixel of \a icon at 64 px, near its top-right corner (where the badge goes).
QColor cornerOf(const QIcon &icon)
{
    return icon.pixmap(64, 64).toImage().pixelColor(60, 18);
}

bool isRedBadge(const QColor &c)
{
    return c.red() > 180 && c.green() < 90 && c.blue() < 90;
}
} // namespace

class NotificationsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void firstSyncIsNotNews();
    void messageInTheBackgroundNotifiesAndOpensTheConversation();
    void groupMessageNamesTheGroup();
    void textIsNeverMarkup();
    void previewsOffHideTheText();
    void lockedSaysNothing();
    void focusedWindowIsQuiet();
    void settingOffSilencesThem();
    void catchUpIsOneNotification();
    void cleanup();
    void cleanupTestCase();

private:
    QQuickItem *item(const QString &objectName) const;
    void toBackground();
    //! \a author (a demo handle) writes \a text to conversation \a conversationId.
    void post(const QString &author, const QString &conversationId, const QString &text);
    //! Waits for dunst to have received notifications after the ones seen so far.
    QList<Shown> waitForNew(int count = 1, int timeoutMs = 15000);
    //! Nothing was shown since the last look, proven without a pause (see the definition).
    void expectNothingShownSoFar();
    [[nodiscard]] QString token(const QString &handle);
    [[nodiscard]] QString conversationOf(const QString &handle, const QString &predicateMember,
                                         const QString &groupTitle = {});
    //! Amélie's unread messages according to the server.
    [[nodiscard]] int serverUnread();

    std::unique_ptr<plaza::test::QmlWarningRecorder> m_qmlWarnings;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiProbe> m_api;
    QHash<QString, QString> m_tokens;
    std::unique_ptr<InProcessApp> m_app;
    std::unique_ptr<TrayIcon> m_tray;
    std::unique_ptr<Notifier> m_notifier;
    std::unique_ptr<QWidget> m_other; //!< another window, to put Plaza's in the background
    QQuickWindow *m_window = nullptr;
    int m_lastSeen = 0;               //!< the newest dunst id already looked at
    QString m_withBruno;              //!< Amélie's direct conversation with Bruno
    QString m_hike;                   //!< the group "Weekend hike 🥾"
    QString m_withChloe;
    int m_posted = 0;
    int m_sentinels = 0;
};

QQuickItem *NotificationsTest::item(const QString &objectName) const
{
    return m_app ? m_app->item(objectName) : nullptr;
}

QString NotificationsTest::token(const QString &handle)
{
    if (m_tokens.contains(handle))
        return m_tokens.value(handle);
    const auto login = m_api->post(QStringLiteral("/v1/auth/login"),
                                   {{QStringLiteral("handle"), handle},
                                    {QStringLiteral("password"), QString::fromLatin1(kDemoPassword)}});
    const QString access = login.json.value(QStringLiteral("access_token")).toString();
    m_tokens.insert(handle, access);
    return access;
}

QString NotificationsTest::conversationOf(const QString &handle, const QString &member, const QString &groupTitle)
{
    const auto list = m_api->get(QStringLiteral("/v1/conversations?limit=100"), token(handle));
    for (const QJsonValue &value : list.json.value(QStringLiteral("items")).toArray()) {
        const QJsonObject c = value.toObject();
        if (!groupTitle.isEmpty()) {
            if (c.value(QStringLiteral("title")).toString() == groupTitle)
                return c.value(QStringLiteral("id")).toString();
            continue;
        }
        if (c.value(QStringLiteral("kind")).toString() != u"direct")
            continue;
        for (const QJsonValue &m : c.value(QStringLiteral("members")).toArray()) {
            if (m.toObject().value(QStringLiteral("handle")).toString() == member)
                return c.value(QStringLiteral("id")).toString();
        }
    }
    return {};
}

int NotificationsTest::serverUnread()
{
    const auto list = m_api->get(QStringLiteral("/v1/conversations?limit=100"), token(QStringLiteral("amelie")));
    int total = 0;
    for (const QJsonValue &value : list.json.value(QStringLiteral("items")).toArray())
        total += value.toObject().value(QStringLiteral("unread")).toInt();
    return total;
}

void NotificationsTest::post(const QString &author, const QString &conversationId, const QString &text)
{
    const auto sent = m_api->post(QStringLiteral("/v1/conversations/%1/messages").arg(conversationId),
                                  {{QStringLiteral("client_id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                                   {QStringLiteral("text"), text}},
                                  token(author));
    QCOMPARE(sent.status, 201);
    ++m_posted;
}

void NotificationsTest::toBackground()
{
    if (!m_other->isVisible()) {
        m_other->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_other.get()));
    }
    m_other->raise();
    m_other->activateWindow();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isActive(), 5000);
    QVERIFY(!m_notifier->windowFocused());
}

QList<Shown> NotificationsTest::waitForNew(int count, int timeoutMs)
{
    QList<Shown> fresh;
    (void)QTest::qWaitFor([&] {
        fresh.clear();
        for (const Shown &s : everyNotification()) {
            if (s.id > m_lastSeen)
                fresh.append(s);
        }
        return fresh.size() >= count;
    }, timeoutMs);
    for (const Shown &s : std::as_const(fresh))
        m_lastSeen = std::max(m_lastSeen, s.id);
    return fresh;
}

void NotificationsTest::expectNothingShownSoFar()
{
    // A message that must notify (from Bruno, the window in the background) goes out, and
    // the next notification has to be that one: D-Bus keeps one sender's calls in order, so
    // whatever the steps before had shown would have reached dunst first. Waiting a while
    // instead proves nothing on a loaded machine.
    toBackground();
    // The counts settle first (a step before may still be counting its messages or sending a
    // read mark), and again after, so the next step starts from the sentinel counted.
    QTRY_COMPARE_WITH_TIMEOUT(m_notifier->incoming()->totalUnread(), serverUnread(), 15000);
    const int before = m_notifier->incoming()->totalUnread();
    const QString sentinel = QStringLiteral("Sentinel %1").arg(++m_sentinels);
    QSignalSpy notified(m_notifier.get(), &Notifier::notified);
    post(QStringLiteral("bruno"), m_withBruno, sentinel);
    const QList<Shown> shown = waitForNew(1);
    QVERIFY2(shown.size() == 1 && shown.at(0).body == sentinel, qPrintable(describe(shown)));
    // Plaza has had Notify's answer too, so it is not taken for the next step's.
    QTRY_COMPARE_WITH_TIMEOUT(notified.count(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_notifier->incoming()->totalUnread(), before + 1, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(m_tray->toolTip(), TrayIcon::toolTipFor(before + 1), 5000);
}

void NotificationsTest::initTestCase()
{
    m_qmlWarnings = std::make_unique<plaza::test::QmlWarningRecorder>(); // a QML warning is a failure
    QLocale::setDefault(QLocale(QStringLiteral("en_US")));
    QQuickStyle::setStyle(QStringLiteral("Basic"));
    QCOMPARE(QGuiApplication::platformName(), QStringLiteral("xcb"));
    QPixmap plain(64, 64);
    plain.fill(kIconColour);
    QGuiApplication::setWindowIcon(QIcon(plain));

    // trayer takes the tray selection a moment after it starts.
    QTRY_VERIFY_WITH_TIMEOUT(TrayIcon::available(), 15000);
    QVERIFY2(!dunstctl({QStringLiteral("count"), QStringLiteral("history")}).isEmpty(), "dunst does not answer");

    m_server = std::make_unique<TestServer>(QStringList{QStringLiteral("--demo")});
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    m_api = std::make_unique<ApiProbe>(m_server->url());

    m_app = std::make_unique<InProcessApp>(m_server->url(), QStringLiteral("PlazaNotificationsTest"));
    QString why;
    QVERIFY2(m_app->load(&why), qPrintable(why));
    m_window = m_app->window;

    // As main() wires them.
    m_tray = std::make_unique<TrayIcon>();
    m_tray->setWindow(m_window);
    m_notifier = std::make_unique<Notifier>(m_app->session.get(), m_app->lock.get(), m_app->preferences.get(),
                                            m_app->links.get(), m_tray.get());
    m_notifier->setWindow(m_window);
    m_other = std::make_unique<QWidget>();
    m_other->setWindowTitle(QStringLiteral("Another application"));
    m_other->resize(300, 200);

    m_window->show();
    m_window->requestActivate();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    QVERIFY(m_notifier->windowFocused());
    // In the background from the start, so the first sync below would notify if it could.
    toBackground();
    QVERIFY(!QTest::currentTestFailed());

    QVERIFY2(m_app->signIn(QStringLiteral("amelie"), QString::fromLatin1(kDemoPassword),
                           QStringLiteral("a passphrase for the notifications test"), &why),
             qPrintable(why));
    QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("shell")) && item(QStringLiteral("shell"))->isVisible(), 10000);

    m_withBruno = conversationOf(QStringLiteral("amelie"), QStringLiteral("bruno"));
    m_withChloe = conversationOf(QStringLiteral("amelie"), QStringLiteral("chloe"));
    m_hike = conversationOf(QStringLiteral("amelie"), {}, QStringLiteral("Weekend hike 🥾"));
    QVERIFY(!m_withBruno.isEmpty() && !m_withChloe.isEmpty() && !m_hike.isEmpty());
}

void NotificationsTest::firstSyncIsNotNews()
{
    // The first sync brings the whole demo history, a few unread messages among it: the
    // tray counts them, but none of it is a notification — the window was behind all along.
    QVERIFY(!m_window->isActive());
    const int unread = serverUnread();
    QVERIFY(unread > 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_notifier->incoming()->totalUnread(), unread, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_app->session->syncEngine()->isPulling(), 20000);
    QVERIFY2(everyNotification().isEmpty(), qPrintable(describe(everyNotification())));

    // The tray: "Plaza — N unread messages", and a red badge on the icon.
    QVERIFY(m_tray->icon().availableSizes().size() > 0);
    QCOMPARE(m_tray->unreadCount(), unread);
    QCOMPARE(m_tray->toolTip(), TrayIcon::toolTipFor(unread));
    QVERIFY2(m_tray->toolTip().startsWith(QStringLiteral("Plaza — %1 unread message").arg(unread)),
             qPrintable(m_tray->toolTip()));
    QVERIFY2(isRedBadge(cornerOf(m_tray->icon())), qPrintable(cornerOf(m_tray->icon()).name()));
    QCOMPARE(TrayIcon::toolTipFor(0), QStringLiteral("Plaza"));
    QCOMPARE(TrayIcon::badged(QGuiApplication::windowIcon(), 0).pixelColor(60, 18), kIconColour);
    // And none came later from that sync either.
    expectNothingShownSoFar();
}

void NotificationsTest::messageInTheBackgroundNotifiesAndOpensTheConversation()
{
    toBackground();
    const int before = m_notifier->incoming()->totalUnread();
    QSignalSpy notified(m_notifier.get(), &Notifier::notified);
    const QString text = QStringLiteral("Dinner again on Friday? Same place, 8 pm.");
    post(QStringLiteral("bruno"), m_withBruno, text);

    // On screen first: click it (dunst's default action), which brings Plaza up on that
    // conversation and reads it. Plaza learns the notification's id from Notify's answer,
    // which can reach it after dunst shows the notification: a click before that would be
    // on a notification Plaza does not know yet.
    QTRY_VERIFY_WITH_TIMEOUT(dunstctl({QStringLiteral("count"), QStringLiteral("displayed")}).toInt() >= 1, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(notified.count(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_tray->toolTip(), TrayIcon::toolTipFor(before + 1), 5000);
    dunstctl({QStringLiteral("action"), QStringLiteral("0")});
    QTRY_VERIFY_WITH_TIMEOUT(m_window->isActive(), 10000);
    QQuickItem *chatPage = item(QStringLiteral("chatPage"));
    QVERIFY(chatPage);
    QTRY_COMPARE_WITH_TIMEOUT(chatPage->property("currentId").toString(), m_withBruno, 10000);
    QVERIFY(chatPage->isVisible());

    const QList<Shown> shown = waitForNew(1);
    QCOMPARE(shown.size(), 1);
    QCOMPARE(shown.at(0).appName, QStringLiteral("Plaza"));
    QCOMPARE(shown.at(0).summary, QStringLiteral("Bruno Carvalho"));
    QCOMPARE(shown.at(0).body, text);

    // Read on opening: the tray's count goes down by all of Bruno's unread messages, as the
    // server counts them.
    QTRY_VERIFY_WITH_TIMEOUT(serverUnread() < before, 10000);
    const int after = serverUnread();
    QTRY_COMPARE_WITH_TIMEOUT(m_tray->toolTip(), TrayIcon::toolTipFor(after), 10000);
    QCOMPARE(m_tray->unreadCount(), m_notifier->incoming()->totalUnread());
}

void NotificationsTest::groupMessageNamesTheGroup()
{
    toBackground();
    const QString text = QStringLiteral("Forecast says sun on Saturday ☀️");
    post(QStringLiteral("chloe"), m_hike, text);
    const QList<Shown> shown = waitForNew(1);
    QCOMPARE(shown.size(), 1);
    QCOMPARE(shown.at(0).summary, QStringLiteral("Chloé Dubois · Weekend hike 🥾"));
    QCOMPARE(shown.at(0).body, text);
}

void NotificationsTest::textIsNeverMarkup()
{
    // dunst reads bodies as markup: the text goes escaped, so it shows as typed.
    toBackground();
    const QString text = QStringLiteral("<b>bold</b> & <a href=\"https://evil.example\">link</a>");
    post(QStringLiteral("chloe"), m_withChloe, text);
    const QList<Shown> shown = waitForNew(1);
    QCOMPARE(shown.size(), 1);
    QCOMPARE(shown.at(0).summary, QStringLiteral("Chloé Dubois"));
    QCOMPARE(shown.at(0).body, text.toHtmlEscaped());
}

void NotificationsTest::previewsOffHideTheText()
{
    toBackground();
    m_app->preferences->setNotificationPreviews(false);
    post(QStringLiteral("bruno"), m_withBruno, QStringLiteral("My new PIN is 9134, keep it secret"));
    const QList<Shown> shown = waitForNew(1);
    m_app->preferences->setNotificationPreviews(true);
    QCOMPARE(shown.size(), 1);
    QCOMPARE(shown.at(0).summary, QStringLiteral("Bruno Carvalho"));
    QCOMPARE(shown.at(0).body, QStringLiteral("New message"));
}

void NotificationsTest::lockedSaysNothing()
{
    QTRY_VERIFY_WITH_TIMEOUT(m_app->lock->known(), 10000);
    QSignalSpy saved(m_app->lock.get(), &AppLock::secretSaved);
    m_app->lock->setSecret(QStringLiteral("pin"), QString::fromLatin1(kPin));
    QVERIFY(saved.wait(10000));
    m_app->lock->lock();
    QVERIFY(m_app->lock->locked());
    toBackground();

    const QString text = QStringLiteral("The door code is 4711");
    post(QStringLiteral("bruno"), m_withBruno, text);
    const QList<Shown> shown = waitForNew(1);
    QCOMPARE(shown.size(), 1);
    QCOMPARE(shown.at(0).summary, QStringLiteral("Plaza"));
    QCOMPARE(shown.at(0).body, QStringLiteral("New message"));
    QVERIFY(!shown.at(0).body.contains(u"4711"));
    QVERIFY(!shown.at(0).summary.contains(u"Bruno"));

    QSignalSpy verified(m_app->lock.get(), &AppLock::verified);
    m_app->lock->verify(QString::fromLatin1(kPin));
    QVERIFY(verified.wait(10000));
    QVERIFY(verified.constFirst().at(0).toBool());
    QVERIFY(!m_app->lock->locked());
}

void NotificationsTest::focusedWindowIsQuiet()
{
    m_window->requestActivate();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->isActive(), 5000);
    QVERIFY(m_notifier->windowFocused());
    // Not the open conversation (that one is read at once): it arrives, the tray counts it,
    // and there is no notification.
    QSignalSpy arrived(m_notifier->incoming(), &chat::IncomingMessages::arrived);
    post(QStringLiteral("chloe"), m_hike, QStringLiteral("Who brings the sandwiches?"));
    QTRY_COMPARE_WITH_TIMEOUT(arrived.size(), 1, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(m_tray->toolTip(), TrayIcon::toolTipFor(m_notifier->incoming()->totalUnread()), 5000);
    expectNothingShownSoFar();
}

void NotificationsTest::settingOffSilencesThem()
{
    // Through Settings, as a person would: Ctrl+, and the switch.
    m_window->requestActivate();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->isActive(), 5000);
    QTest::keyClick(m_window, Qt::Key_Comma, Qt::ControlModifier);
    QQuickItem *enabled = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((enabled = item(QStringLiteral("notificationsSwitch"))) && enabled->isVisible(), 10000);
    QQuickItem *previews = item(QStringLiteral("notificationPreviewsSwitch"));
    QVERIFY(previews);
    QVERIFY(enabled->property("checked").toBool());
    QVERIFY(previews->isEnabled());
    QVERIFY(enabled->property("activeFocusOnTab").toBool());
    enabled->forceActiveFocus(Qt::TabFocusReason);
    QTest::keyClick(m_window, Qt::Key_Space);
    QTRY_VERIFY(!m_app->preferences->notificationsEnabled());
    QVERIFY(!enabled->property("checked").toBool());
    QTRY_VERIFY(!previews->isEnabled());
    QTest::keyClick(m_window, Qt::Key_Escape);

    toBackground();
    QSignalSpy arrived(m_notifier->incoming(), &chat::IncomingMessages::arrived);
    post(QStringLiteral("chloe"), m_withChloe, QStringLiteral("Are you there?"));
    QTRY_COMPARE_WITH_TIMEOUT(arrived.size(), 1, 15000);

    // On again: the next one shows, and it is the only one, so the silence before was the
    // setting's (had "Are you there?" been shown, dunst would have had it first).
    m_app->preferences->setNotificationsEnabled(true);
    post(QStringLiteral("chloe"), m_withChloe, QStringLiteral("Hello?"));
    const QList<Shown> shown = waitForNew(1);
    QVERIFY2(shown.size() == 1, qPrintable(describe(shown)));
    QCOMPARE(shown.at(0).body, QStringLiteral("Hello?"));
}

void NotificationsTest::catchUpIsOneNotification()
{
    // Offline (no live connection) while five messages come, then a pull: one notification.
    toBackground();
    m_app->session->live()->stop();
    QSignalSpy arrived(m_notifier->incoming(), &chat::IncomingMessages::arrived);
    for (int i = 1; i <= 5; ++i)
        post(QStringLiteral("bruno"), m_withBruno, QStringLiteral("Catch-up message %1").arg(i));
    QCOMPARE(arrived.size(), 0); // no live connection, no pull: nothing can have come
    m_app->session->live()->start();
    m_app->session->syncNow();
    QTRY_COMPARE_WITH_TIMEOUT(arrived.size(), 1, 15000);
    QCOMPARE(arrived.constFirst().at(0).value<QList<chat::IncomingMessage>>().size(), 5);
    const QList<Shown> shown = waitForNew(1);
    QVERIFY2(shown.size() == 1, qPrintable(describe(shown)));
    QCOMPARE(shown.at(0).summary, QStringLiteral("Plaza"));
    // English plural forms come from translations/plaza_en.ts; untranslated, the source.
    QVERIFY2(shown.at(0).body.startsWith(QStringLiteral("5 new message")), qPrintable(shown.at(0).body));
    expectNothingShownSoFar(); // one notification for the five, not one each
}

void NotificationsTest::cleanup()
{
    const QStringList warnings = m_qmlWarnings->take();
    QVERIFY2(warnings.isEmpty(), qPrintable(u"QML warnings:\n" + warnings.join(u'\n')));
}

void NotificationsTest::cleanupTestCase()
{
    m_notifier.reset();
    m_tray.reset();
    m_other.reset();
    m_window = nullptr;
    m_app.reset();
}

QTEST_MAIN(NotificationsTest)

#include "tst_notifications.moc"
