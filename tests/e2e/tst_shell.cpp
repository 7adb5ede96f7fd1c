// SPDX-License-Identifier: MIT
// The real window in-process (offscreen, two screens) against the real plaza-server --demo, for
// the shell around the tabs: what a restart keeps (the feed's draft, the tab, the open
// conversation, the window's size, position and maximised state, clamped to the screens there
// are), the keyboard shortcuts, and switching the language while the window is open. Any QML
// warning fails the test.
#include "appcontext.h"
#include "preferences.h"
#include "inprocessapp.h"
#include "qmlwarnings.h"
#include "windowgeometry.h"
#include "common/testserver.h"
#include "common/waittask.h"
#include "net/apiclient.h"
#include "protocol/endpoints.h"

#include "chat/chatservice.h"
#include "common/clock.h"
#include "feed/feedservice.h"
#include "session/applock.h"
#include "session/session.h"
#include "wallet/walletservice.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QGuiApplication>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

Q_IMPORT_QML_PLUGIN(PlazaPlugin)
Q_IMPORT_QML_PLUGIN(Plaza_DesktopPlugin)

using namespace plaza;
using plaza::test::QmlWarningRecorder;
using plaza::test::TestServer;

namespace {
constexpr auto kDemoPassword = "plaza-demo-2026";
constexpr auto kPassphrase = "a passphrase for the shell test";
const QString kKeychain = QStringLiteral("PlazaShellTest");
} // namespace

class ShellTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void clampKeepsTheWindowOnAScreen();
    void restartKeepsWhereTheUserWas();
    void restartKeepsMaximisedAndForgetsALostScreen();
    void shortcutsOpenWhatTheySay();
    void goalDeadlineFromTheCalendar();
    void topUpMovesTheMoneyOnce();
    void sendOffersRecentPeople();
    void languageSwitchesWithoutRestart();
    void narrowWindowKeepsTitleAndSearch();
    void sessionsListEndsOtherDevices();
    void aNewAccountHasAWalletAndFindsPosts();
    void offlineWalletKeepsItsButtonsNarrow();
    void cleanupTestCase();

private:
    //! A new app on the shared folders: fresh (signs in) or restarted (the passphrase).
    void start(bool fresh);
    //! A new app on \a server and these folders, its window shown (after stop()).
    void launch(const QUrl &server, const QString &dataDir, const QString &configDir);
    //! Signs \a handle in with the demo password, up to the shell.
    void signIn(const QString &handle);
    //! Closes the window as a user would and tears the app down.
    void stop();
    QQuickItem *item(const QString &objectName) const { return m_app->item(objectName); }
    bool waitVisible(const QString &objectName, int timeoutMs = 10000);
    void click(QQuickItem *target);
    void click(const QString &objectName) { click(item(objectName)); }
    void expectNoQmlWarnings();

    std::unique_ptr<QmlWarningRecorder> m_qmlWarnings;
    std::unique_ptr<TestServer> m_server;
    QTemporaryDir m_data;
    QTemporaryDir m_config;
    std::unique_ptr<InProcessApp> m_app;
    QQuickWindow *m_window = nullptr;
};

bool ShellTest::waitVisible(const QString &objectName, int timeoutMs)
{
    return QTest::qWaitFor([&] {
        QQuickItem *found = item(objectName);
        return found && found->isVisible() && found->opacity() > 0.99;
    }, timeoutMs);
}

void ShellTest::click(QQuickItem *target)
{
    // Once it can take the click: "New goal" stays greyed until the savings summary has loaded,
    // and moves while the page above it lays out.
    QVERIFY(target);
    QVERIFY2(clickWhenStill(m_window, target), qPrintable(target->objectName() + QStringLiteral(" never got the click")));
}

void ShellTest::expectNoQmlWarnings()
{
    const QStringList warnings = m_qmlWarnings->take();
    QVERIFY2(warnings.isEmpty(), qPrintable(u"QML warnings:\n" + warnings.join(u'\n')));
}

void ShellTest::initTestCase()
{
    m_qmlWarnings = std::make_unique<QmlWarningRecorder>();
    QLocale::setDefault(QLocale(QStringLiteral("en_US")));
    QQuickStyle::setStyle(QStringLiteral("Basic"));
    QCOMPARE(QGuiApplication::screens().size(), 2); // offscreen-two-screens.json
    // Closing the window is part of a restart here, not the end of the test.
    QGuiApplication::setQuitOnLastWindowClosed(false);
    m_server = std::make_unique<TestServer>(QStringList{QStringLiteral("--demo")});
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
}

void ShellTest::start(bool fresh)
{
    launch(m_server->url(), m_data.path(), m_config.path());
    if (QTest::currentTestFailed())
        return;
    if (fresh)
        return signIn(QStringLiteral("amelie"));
    Session *session = m_app->session.get();
    session->restore();
    QTRY_COMPARE_WITH_TIMEOUT(session->state(), Session::State::NeedsPassphrase, 10000);
    session->submitPassphrase(QString::fromLatin1(kPassphrase));
    QTRY_COMPARE_WITH_TIMEOUT(session->state(), Session::State::Ready, 20000);
    QVERIFY(waitVisible(QStringLiteral("shell")));
}

void ShellTest::launch(const QUrl &server, const QString &dataDir, const QString &configDir)
{
    stop(); // one app at a time, as a restart is (after a failed test, the last one is still up)
    m_app = std::make_unique<InProcessApp>(server, kKeychain, dataDir, configDir);
    QString why;
    QVERIFY2(m_app->load(&why), qPrintable(why));
    m_window = m_app->window;
    // Main.qml shows itself (visible: true), as in the app: no show() here, which would
    // decide the window's state instead of the app.
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    m_window->requestActivate();
}

void ShellTest::signIn(const QString &handle)
{
    QString why;
    QVERIFY2(m_app->signIn(handle, QString::fromLatin1(kDemoPassword), QString::fromLatin1(kPassphrase), &why),
             qPrintable(why));
    QVERIFY(waitVisible(QStringLiteral("shell")));
}

void ShellTest::stop()
{
    if (m_window)
        m_window->close();
    m_window = nullptr;
    m_app.reset();
}

void ShellTest::cleanup()
{
    expectNoQmlWarnings();
}

void ShellTest::clampKeepsTheWindowOnAScreen()
{
    const QList<QRect> screens{QRect(0, 0, 1920, 1050), QRect(1920, 0, 1280, 1024)};
    const QSize minimum(780, 560);
    // Where it was, on either screen.
    QCOMPARE(WindowGeometry::clamp(QRect(100, 80, 1200, 800), screens, minimum), QRect(100, 80, 1200, 800));
    QCOMPARE(WindowGeometry::clamp(QRect(2000, 50, 1000, 700), screens, minimum), QRect(2000, 50, 1000, 700));
    // Hanging off the right edge of the primary: moved back in, size kept.
    QCOMPARE(WindowGeometry::clamp(QRect(1700, 500, 1000, 700), screens.mid(0, 1), minimum), QRect(920, 350, 1000, 700));
    // Larger than the screen it is on: shrunk to it.
    QCOMPARE(WindowGeometry::clamp(QRect(1950, 10, 2000, 1400), screens, minimum), QRect(1920, 0, 1280, 1024));
    // On a screen that is gone: centred on the primary.
    QCOMPARE(WindowGeometry::clamp(QRect(5000, 3000, 1000, 700), screens, minimum), QRect(460, 175, 1000, 700));
    // Only a sliver (less than a title bar) on a screen: centred on the primary too.
    QCOMPARE(WindowGeometry::clamp(QRect(-990, 100, 1000, 700), screens, minimum), QRect(460, 175, 1000, 700));
    // Smaller than the window allows (an edited file): the minimum.
    QCOMPARE(WindowGeometry::clamp(QRect(10, 10, 200, 100), screens, minimum).size(), minimum);
    // A screen smaller than the minimum: the screen wins.
    QCOMPARE(WindowGeometry::clamp(QRect(0, 0, 1000, 700), {QRect(0, 0, 640, 480)}, minimum), QRect(0, 0, 640, 480));
}

void ShellTest::restartKeepsWhereTheUserWas()
{
    start(true);
    if (QTest::currentTestFailed())
        return;
    // On the second screen, not the default size.
    const QRect placed(2000, 60, 1000, 720);
    m_window->setGeometry(placed);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->geometry(), placed, 5000);

    // A draft in the feed's composer.
    QVERIFY(waitVisible(QStringLiteral("feedPage")));
    QQuickItem *editor = item(QStringLiteral("feedComposer"))->findChild<QQuickItem *>(QStringLiteral("composerEditor"));
    QVERIFY(editor);
    click(editor);
    QTRY_VERIFY_WITH_TIMEOUT(editor->hasActiveFocus(), 5000);
    const QString draft = QStringLiteral("Half a thought, kept");
    typeText(m_window, draft);
    QCOMPARE(editor->property("text").toString(), draft);

    // A conversation open on the Chat tab (the second in the list, not what would open anyway).
    QTest::keyClick(m_window, Qt::Key_2, Qt::ControlModifier);
    QVERIFY(waitVisible(QStringLiteral("chatPage")));
    QQuickItem *list = item(QStringLiteral("conversationList"));
    QTRY_VERIFY_WITH_TIMEOUT(list->property("count").toInt() > 1, 10000);
    // The view makes the row's delegate at its next polish, after the count grew.
    QQuickItem *row = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(QMetaObject::invokeMethod(list, "itemAtIndex", Q_RETURN_ARG(QQuickItem *, row), Q_ARG(int, 1))
                                 && row && row->isVisible(),
                             5000);
    click(row);
    QQuickItem *chatPage = item(QStringLiteral("chatPage"));
    QTRY_VERIFY_WITH_TIMEOUT(!chatPage->property("currentId").toString().isEmpty(), 5000);
    const QString conversation = chatPage->property("currentId").toString();

    // Quit at once: nothing waits for a timer to have saved it.
    stop();
    expectNoQmlWarnings();
    start(false);
    if (QTest::currentTestFailed())
        return;

    QCOMPARE(m_window->geometry(), placed);
    QVERIFY(!m_window->windowStates().testFlag(Qt::WindowMaximized));
    QVERIFY(waitVisible(QStringLiteral("chatPage")));
    QCOMPARE(m_app->chat->lastOpened(), conversation);
    chatPage = item(QStringLiteral("chatPage"));
    QTRY_COMPARE_WITH_TIMEOUT(chatPage->property("currentId").toString(), conversation, 10000);
    QTest::keyClick(m_window, Qt::Key_1, Qt::ControlModifier);
    QVERIFY(waitVisible(QStringLiteral("feedPage")));
    editor = item(QStringLiteral("feedComposer"))->findChild<QQuickItem *>(QStringLiteral("composerEditor"));
    QVERIFY(editor);
    QCOMPARE(editor->property("text").toString(), draft);
    // The draft is in the encrypted cache, not in settings.ini.
    QCOMPARE(m_app->feed->draft(), draft);
    QFile ini(QDir(m_config.path()).filePath(QStringLiteral("settings.ini")));
    QVERIFY(ini.open(QIODevice::ReadOnly));
    const QByteArray settings = ini.readAll();
    QVERIFY2(!settings.contains("Half a thought") && !settings.contains(conversation.toUtf8()), settings.constData());
    stop();
}

void ShellTest::restartKeepsMaximisedAndForgetsALostScreen()
{
    start(false);
    if (QTest::currentTestFailed())
        return;
    m_window->showMaximized();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->windowStates().testFlag(Qt::WindowMaximized), 5000);
    stop();
    start(false);
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY_WITH_TIMEOUT(m_window->windowStates().testFlag(Qt::WindowMaximized), 5000);
    m_window->showNormal();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->windowStates().testFlag(Qt::WindowMaximized), 5000);
    stop();

    // The window was last on a screen that is no longer there: it opens whole on the primary.
    {
        QSettings settings(QDir(m_config.path()).filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        settings.setValue(QStringLiteral("window/geometry"), QRect(4000, 2000, 1000, 720));
        settings.setValue(QStringLiteral("window/maximized"), false);
    }
    start(false);
    if (QTest::currentTestFailed())
        return;
    const QRect primary = QGuiApplication::primaryScreen()->availableGeometry();
    QVERIFY2(primary.contains(m_window->geometry()), qPrintable(QStringLiteral("%1,%2 %3x%4").arg(m_window->x()).arg(m_window->y()).arg(m_window->width()).arg(m_window->height())));
    QCOMPARE(m_window->size(), QSize(1000, 720));
    stop();
}

void ShellTest::shortcutsOpenWhatTheySay()
{
    start(false);
    if (QTest::currentTestFailed())
        return;
    // Start from the Wallet tab, focus in no text field.
    QTest::keyClick(m_window, Qt::Key_3, Qt::ControlModifier);
    QVERIFY(waitVisible(QStringLiteral("walletPage")));

    // The conversation to jump to: the last of Amélie's list, by part of its title.
    QTest::keyClick(m_window, Qt::Key_2, Qt::ControlModifier);
    QVERIFY(waitVisible(QStringLiteral("chatPage")));
    QQuickItem *list = item(QStringLiteral("conversationList"));
    QTRY_VERIFY_WITH_TIMEOUT(list->property("count").toInt() > 1, 10000);
    const int last = list->property("count").toInt() - 1;
    QQuickItem *row = nullptr;
    QVERIFY(QMetaObject::invokeMethod(list, "itemAtIndex", Q_RETURN_ARG(QQuickItem *, row), Q_ARG(int, last)));
    if (!row) {
        QMetaObject::invokeMethod(list, "positionViewAtEnd");
        QTRY_VERIFY_WITH_TIMEOUT(QMetaObject::invokeMethod(list, "itemAtIndex", Q_RETURN_ARG(QQuickItem *, row), Q_ARG(int, last)) && row, 5000);
    }
    auto *rowModel = row->property("model").value<QObject *>();
    QVERIFY(rowModel);
    const QString wantedId = rowModel->property("id").toString();
    const QString wantedTitle = rowModel->property("title").toString();
    QVERIFY(!wantedId.isEmpty() && wantedTitle.size() >= 3);
    QTest::keyClick(m_window, Qt::Key_3, Qt::ControlModifier);
    QVERIFY(waitVisible(QStringLiteral("walletPage")));

    // Ctrl+K, a few letters of the title, Enter: that conversation, on the Chat tab.
    QTest::keyClick(m_window, Qt::Key_K, Qt::ControlModifier);
    QObject *switcher = m_app->popup(QStringLiteral("quickSwitcher"));
    QVERIFY(switcher);
    QTRY_VERIFY_WITH_TIMEOUT(switcher->property("opened").toBool(), 5000);
    QQuickItem *field = item(QStringLiteral("quickSwitcherField"));
    QTRY_VERIFY_WITH_TIMEOUT(field->hasActiveFocus(), 5000);
    typeText(m_window, wantedTitle.left(4));
    QQuickItem *results = item(QStringLiteral("quickSwitcherResults"));
    // Conversations at once, then the people the server found: wait for both.
    QTRY_VERIFY_WITH_TIMEOUT(!switcher->property("searching").toBool() && results->property("count").toInt() > 0, 10000);
    // Arrow down to the row of that title and take it.
    QTest::keyClick(m_window, Qt::Key_Down);
    QTRY_VERIFY_WITH_TIMEOUT(results->hasActiveFocus(), 5000);
    int target = -1;
    for (int i = 0; i < results->property("count").toInt(); ++i) {
        QQuickItem *candidate = nullptr;
        QMetaObject::invokeMethod(results, "itemAtIndex", Q_RETURN_ARG(QQuickItem *, candidate), Q_ARG(int, i));
        if (candidate && candidate->property("modelData").toMap().value(QStringLiteral("title")).toString() == wantedTitle) {
            target = i;
            break;
        }
    }
    QVERIFY2(target >= 0, qPrintable(wantedTitle));
    for (int i = 0; i < target; ++i)
        QTest::keyClick(m_window, Qt::Key_Down);
    QCOMPARE(results->property("currentIndex").toInt(), target);
    QTest::keyClick(m_window, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(!switcher->property("visible").toBool(), 5000);
    QVERIFY(waitVisible(QStringLiteral("chatPage")));
    QTRY_COMPARE_WITH_TIMEOUT(item(QStringLiteral("chatPage"))->property("currentId").toString(), wantedId, 5000);

    // Ctrl+K from inside a text field (the composer) works too; Escape closes it.
    QTRY_VERIFY_WITH_TIMEOUT(m_window->activeFocusItem() && m_window->activeFocusItem()->inherits("QQuickTextEdit"), 5000);
    QTest::keyClick(m_window, Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(switcher->property("opened").toBool(), 5000);
    QTest::keyClick(m_window, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(!switcher->property("visible").toBool(), 5000);

    // Ctrl+N from the Feed: a new conversation, on the Chat tab.
    QTest::keyClick(m_window, Qt::Key_1, Qt::ControlModifier);
    QVERIFY(waitVisible(QStringLiteral("feedPage")));
    QTest::keyClick(m_window, Qt::Key_N, Qt::ControlModifier);
    QObject *newConversation = m_app->popup(QStringLiteral("newConversationSheet"));
    QVERIFY(newConversation);
    QTRY_VERIFY_WITH_TIMEOUT(newConversation->property("opened").toBool(), 5000);
    QVERIFY(item(QStringLiteral("chatPage"))->isVisible());
    QTest::keyClick(m_window, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(!newConversation->property("visible").toBool(), 5000);

    // Ctrl+F from the Savings tab: the chats' search, focused.
    QTest::keyClick(m_window, Qt::Key_4, Qt::ControlModifier);
    QVERIFY(waitVisible(QStringLiteral("savingsPage")));
    QTest::keyClick(m_window, Qt::Key_F, Qt::ControlModifier);
    QVERIFY(waitVisible(QStringLiteral("chatPage")));
    QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("chatSearchField"))->hasActiveFocus(), 5000);
    stop();
}

void ShellTest::goalDeadlineFromTheCalendar()
{
    start(false);
    if (QTest::currentTestFailed())
        return;
    QTest::keyClick(m_window, Qt::Key_4, Qt::ControlModifier);
    QVERIFY(waitVisible(QStringLiteral("newGoalButton")));
    click(QStringLiteral("newGoalButton"));
    QObject *sheet = m_app->popup(QStringLiteral("goalSheet"));
    QVERIFY(sheet);
    QTRY_VERIFY_WITH_TIMEOUT(sheet->property("opened").toBool(), 5000);

    // The calendar opens on today (no deadline yet); Page Down, Right, Enter: a month and a
    // day from today, in the field as the locale writes it, and as that ISO day to C++.
    QVERIFY(waitVisible(QStringLiteral("goalDeadlinePickerButton")));
    click(QStringLiteral("goalDeadlinePickerButton"));
    QObject *picker = m_app->popup(QStringLiteral("datePicker"));
    QVERIFY(picker);
    QTRY_VERIFY_WITH_TIMEOUT(picker->property("opened").toBool(), 5000);
    const QDate today = Clock::instance()->today();
    QCOMPARE(picker->property("cursor").toString(), today.toString(Qt::ISODate));
    QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("datePickerGrid"))->hasActiveFocus(), 5000);
    QTest::keyClick(m_window, Qt::Key_PageDown);
    QTest::keyClick(m_window, Qt::Key_Right);
    const QDate wanted = today.addMonths(1).addDays(1);
    QCOMPARE(picker->property("cursor").toString(), wanted.toString(Qt::ISODate));
    QTest::keyClick(m_window, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(!picker->property("visible").toBool(), 5000);
    QQuickItem *field = item(QStringLiteral("goalDeadlineField"));
    QCOMPARE(field->property("text").toString(), QLocale().toString(wanted, QLocale::ShortFormat));
    QCOMPARE(sheet->property("parsedDeadline").toString(), wanted.toString(Qt::ISODate));

    // Reopened, it shows the chosen day; the days before today cannot be picked.
    click(QStringLiteral("goalDeadlinePickerButton"));
    QTRY_VERIFY_WITH_TIMEOUT(picker->property("opened").toBool(), 5000);
    QCOMPARE(picker->property("cursor").toString(), wanted.toString(Qt::ISODate));
    const QString yesterday = today.addDays(-1).toString(Qt::ISODate);
    picker->setProperty("cursor", yesterday); // its month's grid holds it and today
    // The grid's days were made anew: let the old ones go before looking one up.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QQuickItem *past = item(u"day-" + yesterday);
    QVERIFY2(past, qPrintable(yesterday));
    QVERIFY(!past->property("allowed").toBool());
    QVERIFY(item(u"day-" + today.toString(Qt::ISODate))->property("allowed").toBool());
    // Today, Left: yesterday; Enter picks nothing there.
    picker->setProperty("cursor", today.toString(Qt::ISODate));
    QTest::keyClick(m_window, Qt::Key_Left);
    QCOMPARE(picker->property("cursor").toString(), yesterday);
    QTest::keyClick(m_window, Qt::Key_Return);
    QVERIFY(picker->property("opened").toBool());
    QTest::keyClick(m_window, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(!picker->property("visible").toBool(), 5000);
    QCOMPARE(sheet->property("parsedDeadline").toString(), wanted.toString(Qt::ISODate));
    QTest::keyClick(m_window, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(!sheet->property("visible").toBool(), 5000);
    stop();
}

namespace {
//! The wallet's balance as the server says it, in minor units.
qint64 serverBalance(wallet::WalletService *wallet)
{
    auto answer = plaza::test::waitTask(wallet->fetchWallet());
    if (!answer)
        return -1;
    return answer->value(QStringLiteral("balance")).toObject().value(QStringLiteral("amount")).toInteger(-1);
}
} // namespace

void ShellTest::topUpMovesTheMoneyOnce()
{
    start(false);
    if (QTest::currentTestFailed())
        return;
    AppLock *lock = m_app->lock.get();
    if (!lock->configured()) {
        lock->setSecret(QStringLiteral("pin"), QStringLiteral("2468"));
        QTRY_VERIFY_WITH_TIMEOUT(lock->configured(), 10000);
    }
    wallet::WalletService *wallet = m_app->wallet.get();
    const qint64 before = serverBalance(wallet);
    QVERIFY(before >= 0);
    QSignalSpy completed(wallet, &wallet::WalletService::paymentCompleted);
    QSignalSpy failed(wallet, &wallet::WalletService::paymentFailed);

    const auto topUp = [&](const QString &amount, int card) {
        QTest::keyClick(m_window, Qt::Key_3, Qt::ControlModifier);
        QVERIFY(waitVisible(QStringLiteral("topUpButton")));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("topUpButton"))->isEnabled(), 10000);
        click(QStringLiteral("topUpButton"));
        QObject *sheet = m_app->popup(QStringLiteral("topUpSheet"));
        QVERIFY(sheet);
        QTRY_VERIFY_WITH_TIMEOUT(sheet->property("opened").toBool(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("topUpAmountField"))->property("input").value<QQuickItem *>()->hasActiveFocus(), 5000);
        item(QStringLiteral("topUpCardChoice"))->setProperty("currentIndex", card);
        typeText(m_window, amount);
        QTest::keyClick(m_window, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(sheet->property("step").toString(), QStringLiteral("review"), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("lockSecretField"))->property("input").value<QQuickItem *>()->hasActiveFocus(), 5000);
        typeText(m_window, QStringLiteral("2468"));
        QTest::keyClick(m_window, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(sheet->property("step").toString(), QStringLiteral("result"), 15000);
    };

    // The good test card: exactly the amount, once, on the server.
    topUp(QStringLiteral("12.34"), 0);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(completed.size(), 1);
    QCOMPARE(m_app->popup(QStringLiteral("topUpSheet"))->property("outcome").toString(), QStringLiteral("completed"));
    QVERIFY2(item(QStringLiteral("topUpResult"))->property("text").toString().contains(u"12.34"),
             qPrintable(item(QStringLiteral("topUpResult"))->property("text").toString()));
    QCOMPARE(serverBalance(wallet), before + 1234);
    QCOMPARE(wallet->pendingCount(), 0);
    // Done, and Enter pressed again on the way out, pays nothing more.
    click(QStringLiteral("topUpDoneButton"));
    QTRY_VERIFY_WITH_TIMEOUT(!m_app->popup(QStringLiteral("topUpSheet"))->property("visible").toBool(), 5000);
    QTest::keyClick(m_window, Qt::Key_Return);
    QCOMPARE(serverBalance(wallet), before + 1234);
    QCOMPARE(completed.size(), 1);
    // Return presses the focused button: the focus went back to Add money, so its form opens
    // again, empty, at its first step (nothing is paid); Escape closes it.
    if (m_app->popup(QStringLiteral("topUpSheet"))->property("visible").toBool()) {
        QCOMPARE(m_app->popup(QStringLiteral("topUpSheet"))->property("step").toString(), QStringLiteral("form"));
        QTRY_VERIFY_WITH_TIMEOUT(m_app->popup(QStringLiteral("topUpSheet"))->property("opened").toBool(), 5000);
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!m_app->popup(QStringLiteral("topUpSheet"))->property("visible").toBool(), 5000);
        QCOMPARE(completed.size(), 1);
    }

    // The declined card: the server refuses it, nothing moves, the sheet says why.
    topUp(QStringLiteral("5"), 1);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("card_declined"));
    QVERIFY(!item(QStringLiteral("topUpResult"))->property("text").toString().isEmpty());
    QCOMPARE(serverBalance(wallet), before + 1234);
    click(QStringLiteral("topUpDoneButton"));
    QTRY_VERIFY_WITH_TIMEOUT(!m_app->popup(QStringLiteral("topUpSheet"))->property("visible").toBool(), 5000);
    stop();
}

void ShellTest::sendOffersRecentPeople()
{
    start(false);
    if (QTest::currentTestFailed())
        return;
    QTest::keyClick(m_window, Qt::Key_3, Qt::ControlModifier);
    QVERIFY(waitVisible(QStringLiteral("sendButton")));
    QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("sendButton"))->isEnabled(), 10000);
    click(QStringLiteral("sendButton"));
    QObject *sheet = m_app->popup(QStringLiteral("sendSheet"));
    QVERIFY(sheet);
    QTRY_VERIFY_WITH_TIMEOUT(sheet->property("opened").toBool(), 5000);

    // Nothing typed: Amélie's recent people (the demo has her paying and writing to several).
    QQuickItem *results = item(QStringLiteral("recipientResults"));
    QTRY_VERIFY_WITH_TIMEOUT(results->property("count").toInt() > 0, 5000);
    QVERIFY(waitVisible(QStringLiteral("recentPeopleLabel")));
    const int recent = results->property("count").toInt();
    QVERIFY(recent <= 6);
    QQuickItem *first = nullptr;
    QVERIFY(QMetaObject::invokeMethod(results, "itemAtIndex", Q_RETURN_ARG(QQuickItem *, first), Q_ARG(int, 0)));
    QVERIFY(first);
    const QString handle = first->property("handle").toString();
    QVERIFY(!handle.isEmpty() && handle != u"amelie");
    // Enter in the empty field picks no one; Down then Enter picks the first recent person.
    QTest::keyClick(m_window, Qt::Key_Return);
    QCOMPARE(sheet->property("step").toString(), QStringLiteral("who"));
    QTest::keyClick(m_window, Qt::Key_Down);
    QTRY_VERIFY_WITH_TIMEOUT(results->hasActiveFocus(), 5000);
    QTest::keyClick(m_window, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(sheet->property("step").toString(), QStringLiteral("amount"), 5000);
    QCOMPARE(sheet->property("recipient").toMap().value(QStringLiteral("handle")).toString(), handle);
    QTest::keyClick(m_window, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(!sheet->property("visible").toBool(), 5000);
    stop();
}

void ShellTest::languageSwitchesWithoutRestart()
{
    start(false);
    if (QTest::currentTestFailed())
        return;
    QTest::keyClick(m_window, Qt::Key_3, Qt::ControlModifier);
    QVERIFY(waitVisible(QStringLiteral("walletPage")));
    // The sidebar's buttons are made anew when their titles translate: look them up each time.
    const auto navText = [this] {
        QQuickItem *nav = item(QStringLiteral("nav-wallet"));
        return nav ? nav->property("text").toString() : QString();
    };
    QCOMPARE(navText(), QStringLiteral("Wallet"));
    // A time worded in C++ (Time.synced): "Synced just now", "Synced 2 min ago", …
    QQuickItem *sync = item(QStringLiteral("syncStatus"));
    QVERIFY(sync);
    QTRY_VERIFY_WITH_TIMEOUT(sync->property("syncText").toString().startsWith(u"Synced"), 10000);

    // Through Settings, as a user does it: the window speaks French at once.
    QSignalSpy switched(m_app->preferences.get(), &Preferences::languageSwitched);
    QTest::keyClick(m_window, Qt::Key_Comma, Qt::ControlModifier);
    QObject *settings = m_app->popup(QStringLiteral("settingsSheet"));
    QVERIFY(settings);
    QTRY_VERIFY_WITH_TIMEOUT(settings->property("opened").toBool(), 5000);
    QQuickItem *choice = item(QStringLiteral("languageChoice"));
    QVERIFY(choice);
    QMetaObject::invokeMethod(choice, "chosen", Q_ARG(QVariant, QStringLiteral("fr")));
    QVERIFY(switched.wait(5000));
    QCOMPARE(m_app->preferences->languageInUse(), QStringLiteral("fr"));
    QTRY_COMPARE_WITH_TIMEOUT(navText(), QStringLiteral("Portefeuille"), 5000);
    QTRY_VERIFY2_WITH_TIMEOUT(sync->property("syncText").toString().startsWith(u"Synchronisé"),
                              qPrintable(sync->property("syncText").toString()), 5000);
    // And it is saved for the next start.
    QCOMPARE(Preferences::savedLanguage(m_config.path()), QStringLiteral("fr"));

    m_app->preferences->setLanguage(QStringLiteral("en"));
    QVERIFY(switched.wait(5000));
    QTRY_COMPARE_WITH_TIMEOUT(navText(), QStringLiteral("Wallet"), 5000);
    QTest::keyClick(m_window, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(!settings->property("visible").toBool(), 5000);
    stop();
}

void ShellTest::sessionsListEndsOtherDevices()
{
    start(false);
    if (QTest::currentTestFailed())
        return;
    // Amélie also signs in elsewhere (two other devices); the app, online, says so.
    QTRY_VERIFY_WITH_TIMEOUT(m_app->session->online(), 15000);
    net::ApiClient phone;
    phone.setBaseUrl(m_server->url());
    QVERIFY(test::waitTask(phone.login(QStringLiteral("amelie"), QString::fromLatin1(kDemoPassword))).ok());
    QVERIFY(waitVisible(QStringLiteral("signInToast")));
    QVERIFY2(item(QStringLiteral("signInToast"))->property("message").toString().startsWith(QStringLiteral("New sign-in on ")),
             qPrintable(item(QStringLiteral("signInToast"))->property("message").toString()));
    net::ApiClient tablet;
    tablet.setBaseUrl(m_server->url());
    QVERIFY(test::waitTask(tablet.login(QStringLiteral("amelie"), QString::fromLatin1(kDemoPassword))).ok());
    auto listed = test::waitTask(phone.get(protocol::endpoints::sessions()));
    QVERIFY(listed.ok());
    QString phoneId;
    for (const QJsonValue &row : listed->body.value(QStringLiteral("items")).toArray()) {
        if (row.toObject().value(QStringLiteral("current")).toBool())
            phoneId = row.toObject().value(QStringLiteral("id")).toString();
    }
    QVERIFY(!phoneId.isEmpty());

    // Settings lists them, this device marked, each other one with "End".
    QTest::keyClick(m_window, Qt::Key_Comma, Qt::ControlModifier);
    QObject *settings = m_app->popup(QStringLiteral("settingsSheet"));
    QVERIFY(settings);
    QTRY_VERIFY_WITH_TIMEOUT(settings->property("opened").toBool(), 5000);
    QQuickItem *section = item(QStringLiteral("sessionsSection"));
    QVERIFY(section);
    QTRY_COMPARE_WITH_TIMEOUT(section->property("status").toString(), QStringLiteral("ready"), 10000);
    QVERIFY(section->property("othersLive").toInt() >= 2);
    QVERIFY(item(QStringLiteral("sessionRow_") + phoneId));
    QQuickItem *endPhone = item(QStringLiteral("endSession_") + phoneId);
    QVERIFY(endPhone);
    QMetaObject::invokeMethod(endPhone, "clicked");
    // The phone is signed out at once; the list no longer has it.
    QTRY_VERIFY_WITH_TIMEOUT(!item(QStringLiteral("sessionRow_") + phoneId), 10000);
    QCOMPARE(section->property("status").toString(), QStringLiteral("ready"));
    auto refused = test::waitTask(phone.get(QStringLiteral("/v1/me")));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::Unauthorized);
    QVERIFY(test::waitTask(tablet.get(QStringLiteral("/v1/me"))).ok());

    // "End all other sessions": only this device is left, and the app stays signed in.
    QQuickItem *endOthers = item(QStringLiteral("endOtherSessions"));
    QVERIFY(endOthers && endOthers->isVisible());
    QMetaObject::invokeMethod(endOthers, "clicked");
    QTRY_COMPARE_WITH_TIMEOUT(section->property("othersLive").toInt(), 0, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!endOthers->isVisible(), 5000);
    auto tabletRefused = test::waitTask(tablet.get(QStringLiteral("/v1/me")));
    QVERIFY(!tabletRefused.ok());
    QCOMPARE(tabletRefused.error().code, ErrorCode::Unauthorized);
    QCOMPARE(m_app->context->session()->state(), Session::State::Ready);
    expectNoQmlWarnings();
    QTest::keyClick(m_window, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(!settings->property("visible").toBool(), 5000);
    stop();
}

void ShellTest::aNewAccountHasAWalletAndFindsPosts()
{
    // A new account: nothing in its event log yet. Its Wallet showed a placeholder for ever
    // with every button off; its empty feed pointed nowhere.
    const QString handle = QStringLiteral("newcomer%1").arg(QDateTime::currentMSecsSinceEpoch() % 1000000);
    {
        net::ApiClient api;
        api.setBaseUrl(m_server->url());
        auto made = plaza::test::waitTask(api.registerAccount(handle, QStringLiteral("Newcomer"), QString::fromLatin1(kDemoPassword)));
        QVERIFY2(made, made ? "" : qPrintable(made.error().message));
    }
    QTemporaryDir data;
    QTemporaryDir config;
    launch(m_server->url(), data.path(), config.path());
    if (QTest::currentTestFailed())
        return;
    signIn(handle);
    if (QTest::currentTestFailed())
        return;

    // The feed follows nobody: its empty state offers Discover, which has the demo's posts.
    QVERIFY(waitVisible(QStringLiteral("feedPage")));
    QVERIFY(waitVisible(QStringLiteral("emptyFeedDiscover"), 15000));
    click(QStringLiteral("emptyFeedDiscover"));
    QQuickItem *posts = item(QStringLiteral("feedList"));
    QVERIFY(posts);
    QTRY_VERIFY_WITH_TIMEOUT(posts->property("count").toInt() > 0, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(!item(QStringLiteral("emptyFeedDiscover"))->isVisible(), 5000);

    // The Wallet: a balance of zero and the ways to put money in, not a placeholder.
    QTest::keyClick(m_window, Qt::Key_3, Qt::ControlModifier);
    QVERIFY(waitVisible(QStringLiteral("walletPage")));
    QVERIFY(waitVisible(QStringLiteral("walletBalance"), 15000));
    QCOMPARE(item(QStringLiteral("walletBalance"))->property("text").toString(), QStringLiteral("€0.00"));
    QVERIFY(!item(QStringLiteral("balanceWaits"))->isVisible());
    stop();
}

void ShellTest::offlineWalletKeepsItsButtonsNarrow()
{
    // Offline, a line under the Wallet's buttons said why they were off, as the banner over
    // the card already does: it widened the buttons to the whole sentence and squeezed the
    // balance. Before that, the balance's column must be laid out in full once the balance
    // has loaded (a wrapping line in it once left it stale, the limits drawn over the
    // balance). A server of its own: this one stops.
    TestServer server(QStringList{QStringLiteral("--demo")});
    QVERIFY2(server.start(), qPrintable(server.lastError()));
    QTemporaryDir data;
    QTemporaryDir config;
    launch(server.url(), data.path(), config.path());
    if (QTest::currentTestFailed())
        return;
    signIn(QStringLiteral("amelie"));
    if (QTest::currentTestFailed())
        return;
    QTest::keyClick(m_window, Qt::Key_3, Qt::ControlModifier);
    QVERIFY(waitVisible(QStringLiteral("walletBalance"), 15000));
    QQuickItem *send = item(QStringLiteral("sendButton"));
    QVERIFY(send);
    QTRY_VERIFY_WITH_TIMEOUT(send->isEnabled(), 10000);
    QQuickItem *balance = item(QStringLiteral("walletBalance"));
    QQuickItem *limits = item(QStringLiteral("walletLimits"));
    QVERIFY(limits);
    const auto bottomOf = [](QQuickItem *i) { return i->mapToScene(QPointF(0, i->height())).y(); };
    const auto topOf = [](QQuickItem *i) { return i->mapToScene(QPointF(0, 0)).y(); };
    QTRY_VERIFY2_WITH_TIMEOUT(topOf(limits) >= bottomOf(balance),
                              qPrintable(QStringLiteral("limits at %1, balance ends at %2").arg(topOf(limits)).arg(bottomOf(balance))),
                              2000);
    const qreal onlineWidth = send->width();

    server.kill();
    // The banner over the card says it once, with the time the figures are from.
    QVERIFY(waitVisible(QStringLiteral("walletStaleBanner"), 15000));
    QTRY_VERIFY_WITH_TIMEOUT(!send->isEnabled(), 5000);
    QTest::qWait(200); // a layout that would widen the buttons has had its frames
    QCOMPARE(send->width(), onlineWidth);
    stop();
}

void ShellTest::narrowWindowKeepsTitleAndSearch()
{
    // At the window's narrowest (780 px) the header's sync time and the account's name left
    // the page's title no room (French: nothing of "Portefeuille" showed), and the Wallet's
    // search was a sliver beside the kind filter.
    start(false);
    if (QTest::currentTestFailed())
        return;
    QTest::keyClick(m_window, Qt::Key_3, Qt::ControlModifier);
    QVERIFY(waitVisible(QStringLiteral("walletPage")));
    m_window->resize(m_window->minimumWidth(), 700);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->width(), m_window->minimumWidth(), 5000);
    QQuickItem *title = item(QStringLiteral("pageTitle"));
    QVERIFY(title);
    QCOMPARE(title->property("text").toString(), QStringLiteral("Wallet"));
    QTRY_VERIFY2_WITH_TIMEOUT(title->width() >= title->implicitWidth(),
                              qPrintable(QStringLiteral("%1 of %2").arg(title->width()).arg(title->implicitWidth())), 2000);
    QQuickItem *syncTime = item(QStringLiteral("syncTimeLabel"));
    QVERIFY(syncTime);
    QTRY_VERIFY_WITH_TIMEOUT(!syncTime->isVisible(), 2000); // the time is in the tooltip and the accessible name
    QQuickItem *search = item(QStringLiteral("historySearch"));
    QVERIFY(search);
    QTRY_VERIFY2_WITH_TIMEOUT(search->width() >= 300, qPrintable(QString::number(search->width())), 2000);
    // The buttons under the balance, the limits line as wide as the card.
    QQuickItem *balanceCard = item(QStringLiteral("walletBalanceCard"));
    QVERIFY(balanceCard);
    QTRY_COMPARE_WITH_TIMEOUT(balanceCard->property("columns").toInt(), 1, 2000);
    QTRY_VERIFY2_WITH_TIMEOUT(item(QStringLiteral("walletLimits"))->width() >= 200,
                              qPrintable(QString::number(item(QStringLiteral("walletLimits"))->width())), 2000);
    // 700 px tall: the requests show one row at a time, and a bar says there are more.
    QQuickItem *requests = item(QStringLiteral("requestsList"));
    QVERIFY(requests);
    QTRY_VERIFY_WITH_TIMEOUT(requests->property("count").toInt() >= 2, 10000);
    QQuickItem *requestsBar = item(QStringLiteral("requestsScrollBar"));
    QVERIFY(requestsBar);
    QTRY_VERIFY2_WITH_TIMEOUT(requestsBar->isVisible() && requestsBar->property("policy").toInt() == 2, // AlwaysOn
                              qPrintable(QStringLiteral("visible %1, policy %2").arg(requestsBar->isVisible())
                                             .arg(requestsBar->property("policy").toInt())),
                              2000);
    QCOMPARE(requests->height(), 44.0);

    // Savings: its buttons stay whole and inside the card (under the figures), and its two
    // charts stack.
    QTest::keyClick(m_window, Qt::Key_4, Qt::ControlModifier);
    QVERIFY(waitVisible(QStringLiteral("depositButton")));
    QQuickItem *deposit = item(QStringLiteral("depositButton"));
    QQuickItem *charts = item(QStringLiteral("savingsCharts"));
    QVERIFY(charts);
    const auto rightOf = [](QQuickItem *i) { return i->mapToScene(QPointF(i->width(), 0)).x(); };
    QTRY_VERIFY2_WITH_TIMEOUT(deposit->width() >= deposit->implicitWidth() && rightOf(deposit) <= rightOf(charts),
                              qPrintable(QStringLiteral("button %1 of %2, ends at %3; charts end at %4")
                                             .arg(deposit->width()).arg(deposit->implicitWidth())
                                             .arg(rightOf(deposit)).arg(rightOf(charts))),
                              2000);
    QCOMPARE(charts->property("columns").toInt(), 1);

    // Wide again: the time is back, the charts side by side, and the search sits beside the filters.
    m_window->resize(1280, 800);
    QTRY_VERIFY_WITH_TIMEOUT(syncTime->isVisible(), 2000);
    QTRY_COMPARE_WITH_TIMEOUT(charts->property("columns").toInt(), 2, 2000);
    QTest::keyClick(m_window, Qt::Key_3, Qt::ControlModifier);
    QVERIFY(waitVisible(QStringLiteral("walletPage")));
    QQuickItem *kind = item(QStringLiteral("kindFilter"));
    QTRY_COMPARE_WITH_TIMEOUT(search->mapToScene(QPointF(0, 0)).y(), kind->mapToScene(QPointF(0, 0)).y(), 2000);
    stop();
}

void ShellTest::cleanupTestCase()
{
    stop();
    const QStringList warnings = m_qmlWarnings ? m_qmlWarnings->take() : QStringList();
    m_qmlWarnings.reset();
    QVERIFY2(warnings.isEmpty(), qPrintable(u"QML warnings:\n" + warnings.join(u'\n')));
}

QTEST_MAIN(ShellTest)

#include "tst_shell.moc"
