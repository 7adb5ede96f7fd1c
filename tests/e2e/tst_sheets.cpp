// SPDX-License-Identifier: MIT
// The real window in-process (offscreen) against the real plaza-server --demo, for what a tester
// touches beyond the happy path: the three file dialogs really open (Export CSV, Save QR code,
// Send feedback), a dropdown shows its chosen value readably in light and after a switch to
// dark, the app lock starts every lock empty and hides the account from the keyboard and the
// accessibility tree, and every secret field has a name. Any QML warning fails the test.
#include "preferences.h"
#include "demowindow.h"
#include "inprocessapp.h"
#include "qmlwarnings.h"
#include "common/testserver.h"

#include "session/applock.h"
#include "session/session.h"

#include <QAccessible>
#include <QColor>
#include <QGuiApplication>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTest>

Q_IMPORT_QML_PLUGIN(PlazaPlugin)
Q_IMPORT_QML_PLUGIN(Plaza_DesktopPlugin)

using namespace plaza;
using plaza::test::kDemoPassword;

namespace {
constexpr auto kPin = "2468";

//! WCAG contrast ratio of two opaque colours.
double contrast(const QColor &a, const QColor &b)
{
    const auto luminance = [](const QColor &c) {
        const auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const double la = luminance(a) + 0.05;
    const double lb = luminance(b) + 0.05;
    return la > lb ? la / lb : lb / la;
}

//! Every text of the accessibility tree under \a iface (names, descriptions and values).
void collectAccessibleText(QAccessibleInterface *iface, QStringList *texts, int depth = 0)
{
    if (!iface || depth > 60)
        return;
    if (!iface->state().invisible) {
        for (const auto kind : {QAccessible::Name, QAccessible::Description, QAccessible::Value})
            if (const QString text = iface->text(kind); !text.isEmpty())
                texts->append(text);
    }
    for (int i = 0; i < iface->childCount(); ++i)
        collectAccessibleText(iface->child(i), texts, depth + 1);
}
} // namespace

class SheetsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void exportDialogOpens();
    void saveQrDialogOpens();
    void feedbackDialogOpens();
    void dropdownShowsTheChosenValueInBothThemes();
    void lockStartsEmptyAndHidesTheAccount();
    void changePasswordSheetShowsErrorsThenChangesIt();
    void cleanupTestCase();

private:
    QQuickItem *item(const QString &objectName) const { return m_demo.app->item(objectName); }
    bool waitVisible(const QString &objectName, int timeoutMs = 10000);
    bool waitOpened(const QString &objectName, int timeoutMs = 10000);
    void click(const QString &objectName);
    //! The FileDialog \a objectName becomes visible (its non-native QML implementation
    //! loaded); then it is cancelled.
    void expectFileDialog(const QString &objectName);

    plaza::test::DemoWindow m_demo;
};

bool SheetsTest::waitVisible(const QString &objectName, int timeoutMs)
{
    return QTest::qWaitFor([&] {
        QQuickItem *found = item(objectName);
        return found && found->isVisible() && found->opacity() > 0.99;
    }, timeoutMs);
}

bool SheetsTest::waitOpened(const QString &objectName, int timeoutMs)
{
    return QTest::qWaitFor([&] {
        QObject *found = m_demo.app->popup(objectName);
        return found && found->property("opened").toBool();
    }, timeoutMs);
}

void SheetsTest::click(const QString &objectName)
{
    QQuickItem *target = item(objectName);
    QVERIFY2(target && target->isVisible(), qPrintable(objectName));
    const QPointF centre = target->mapToScene(QPointF(target->width() / 2, target->height() / 2));
    QTest::mouseClick(m_demo.window, Qt::LeftButton, {}, centre.toPoint());
}

void SheetsTest::initTestCase()
{
    QString why;
    QVERIFY2(m_demo.open(QStringLiteral("PlazaSheetsTest"), QSize(1280, 800), &why), qPrintable(why));
    QVERIFY2(m_demo.signIn(QStringLiteral("amelie"), QStringLiteral("a passphrase for the sheets test"), &why), qPrintable(why));
    QTest::keyClick(m_demo.window, Qt::Key_3, Qt::ControlModifier);
    QVERIFY(waitVisible(QStringLiteral("walletPage")));
    QVERIFY(waitVisible(QStringLiteral("walletBalance")));
    QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("historyList"))->property("count").toInt() > 0, 10000);
    const QString warnings = m_demo.takeWarnings();
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings));
}

void SheetsTest::cleanup()
{
    const QString warnings = m_demo.takeWarnings();
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings));
}

void SheetsTest::expectFileDialog(const QString &objectName)
{
    QObject *dialog = m_demo.app->popup(objectName);
    QVERIFY2(dialog, qPrintable(objectName));
    QTRY_VERIFY2_WITH_TIMEOUT(dialog->property("visible").toBool(),
                              qPrintable(objectName + u" did not open: " + m_demo.warnings->take().join(u'\n')), 10000);
    QVERIFY(QMetaObject::invokeMethod(dialog, "reject"));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool(), 5000);
}

void SheetsTest::exportDialogOpens()
{
    // The button enables with the history's count, which the ListView publishes at its next
    // polish: a frame after the model has rows.
    QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("exportButton"))->isEnabled(), 5000);
    click(QStringLiteral("exportButton"));
    expectFileDialog(QStringLiteral("exportDialog"));
}

void SheetsTest::saveQrDialogOpens()
{
    click(QStringLiteral("requestButton"));
    QVERIFY(waitOpened(QStringLiteral("requestSheet")));
    QVERIFY(waitVisible(QStringLiteral("requestAmountField")));
    typeText(m_demo.window, QStringLiteral("5"));
    QTest::keyClick(m_demo.window, Qt::Key_Return);
    typeText(m_demo.window, QStringLiteral("QR"));
    QTest::keyClick(m_demo.window, Qt::Key_Return);
    QVERIFY(waitVisible(QStringLiteral("saveQrButton"), 15000));
    click(QStringLiteral("saveQrButton"));
    expectFileDialog(QStringLiteral("qrSaveDialog"));
    QObject *sheet = m_demo.app->popup(QStringLiteral("requestSheet"));
    QVERIFY(QMetaObject::invokeMethod(sheet, "close"));
    QTRY_VERIFY_WITH_TIMEOUT(!sheet->property("visible").toBool(), 5000);
}

void SheetsTest::feedbackDialogOpens()
{
    click(QStringLiteral("accountButton"));
    QVERIFY(waitVisible(QStringLiteral("feedbackItem")));
    click(QStringLiteral("feedbackItem"));
    expectFileDialog(QStringLiteral("feedbackDialog"));
}

void SheetsTest::dropdownShowsTheChosenValueInBothThemes()
{
    QQuickItem *box = item(QStringLiteral("kindFilter"));
    QVERIFY(box);
    click(QStringLiteral("kindFilter"));
    auto *popup = box->property("popup").value<QObject *>();
    QVERIFY(popup);
    QTRY_VERIFY_WITH_TIMEOUT(popup->property("opened").toBool(), 5000);
    auto *list = popup->property("contentItem").value<QQuickItem *>();
    QVERIFY(list);
    auto *popupBackground = popup->property("background").value<QQuickItem *>();
    QVERIFY(popupBackground);

    // The chosen row ("Every kind", at the top) is readable on what is behind it.
    const auto checkChosenRow = [&](const char *theme) {
        QQuickItem *row = nullptr;
        QVERIFY(QMetaObject::invokeMethod(list, "itemAtIndex", Q_RETURN_ARG(QQuickItem *, row), Q_ARG(int, box->property("currentIndex").toInt())));
        QVERIFY2(row, theme);
        auto *label = row->property("contentItem").value<QQuickItem *>();
        auto *fill = row->property("background").value<QQuickItem *>();
        QVERIFY(label && fill);
        QCOMPARE(label->property("text").toString(), box->property("displayText").toString());
        QVERIFY(label->isVisible() && label->opacity() > 0.99);
        QColor behind = fill->property("color").value<QColor>();
        if (!fill->isVisible() || behind.alpha() == 0)
            behind = popupBackground->property("color").value<QColor>();
        const QColor ink = label->property("color").value<QColor>();
        QVERIFY2(contrast(ink, behind) >= 4.5, qPrintable(QStringLiteral("%1: %2 on %3").arg(QLatin1StringView(theme), ink.name(), behind.name())));
        // And the list itself is in the theme: dark text on a dark list is no better.
        QVERIFY2(contrast(ink, popupBackground->property("color").value<QColor>()) >= 4.5, theme);
    };
    checkChosenRow("light");
    if (QTest::currentTestFailed())
        return;
    // Switch to dark with the list open, as Settings does: it repaints at once.
    m_demo.app->preferences->setThemeMode(QStringLiteral("dark"));
    QTest::qWait(50);
    checkChosenRow("dark");
    const QColor darkList = popupBackground->property("color").value<QColor>();
    QVERIFY2(darkList.lightnessF() < 0.3, qPrintable(darkList.name()));
    QTest::keyClick(m_demo.window, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(!popup->property("visible").toBool(), 5000);
    m_demo.app->preferences->setThemeMode(QStringLiteral("light"));
}

void SheetsTest::lockStartsEmptyAndHidesTheAccount()
{
    AppLock *lock = m_demo.app->lock.get();
    QSignalSpy configured(lock, &AppLock::configuredChanged);
    lock->setSecret(QStringLiteral("pin"), QString::fromLatin1(kPin));
    QTRY_VERIFY_WITH_TIMEOUT(lock->configured(), 10000);
    const QString balance = item(QStringLiteral("walletBalance"))->property("text").toString();
    QVERIFY(!balance.isEmpty());

    for (int round = 0; round < 2; ++round) {
        QTest::keyClick(m_demo.window, Qt::Key_L, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(lock->locked(), 5000);
        QVERIFY(waitVisible(QStringLiteral("lockScreen")));
        QQuickItem *field = item(QStringLiteral("unlockField"));
        QVERIFY(field);
        auto *input = field->property("input").value<QQuickItem *>();
        QVERIFY(input);
        // Empty every time (the PIN of the last unlock must not be there to reuse), with the
        // keyboard focus, a name for screen readers, and Unlock disabled until typed.
        QCOMPARE(input->property("text").toString(), QString());
        QTRY_VERIFY2_WITH_TIMEOUT(input->hasActiveFocus(),
                                  qPrintable(m_demo.window->activeFocusItem() ? QString::fromLatin1(m_demo.window->activeFocusItem()->metaObject()->className()) + u' ' + m_demo.window->activeFocusItem()->objectName() : QStringLiteral("nothing")), 5000);
        QAccessibleInterface *named = QAccessible::queryAccessibleInterface(input);
        QVERIFY(named && !named->text(QAccessible::Name).isEmpty());
        QVERIFY(!item(QStringLiteral("unlockButton"))->isEnabled());
        // Nothing of the account under the cover: not visible, not reachable, not read out.
        QVERIFY(!item(QStringLiteral("walletBalance"))->isVisible());
        QStringList texts;
        collectAccessibleText(QAccessible::queryAccessibleInterface(m_demo.window), &texts);
        QVERIFY2(!texts.join(u'\n').contains(balance), qPrintable(texts.join(u'\n')));
        for (int i = 0; i < 6; ++i) {
            QTest::keyClick(m_demo.window, Qt::Key_Tab);
            QQuickItem *focused = m_demo.window->activeFocusItem();
            QVERIFY(focused);
            QVERIFY2(item(QStringLiteral("lockScreen"))->isAncestorOf(focused), qPrintable(focused->objectName()));
        }
        input->forceActiveFocus();
        typeText(m_demo.window, QString::fromLatin1(kPin));
        QTest::keyClick(m_demo.window, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!lock->locked(), 10000);
        QVERIFY(waitVisible(QStringLiteral("walletBalance")));
    }
}

void SheetsTest::changePasswordSheetShowsErrorsThenChangesIt()
{
    QTest::keyClick(m_demo.window, Qt::Key_Comma, Qt::ControlModifier);
    QVERIFY(waitOpened(QStringLiteral("settingsSheet")));
    QObject *settings = m_demo.app->popup(QStringLiteral("settingsSheet"));
    QObject *sheet = m_demo.app->popup(QStringLiteral("changePasswordSheet"));
    QVERIFY(sheet);
    // On top of Settings, as its "Change password…" button opens it.
    QVERIFY(QMetaObject::invokeMethod(sheet, "open"));
    QVERIFY(waitOpened(QStringLiteral("changePasswordSheet")));
    auto fill = [&](const QString &field, const QString &text) {
        auto *input = item(field)->property("input").value<QQuickItem *>();
        QVERIFY(input);
        input->setProperty("text", QString());
        input->forceActiveFocus();
        typeText(m_demo.window, text);
    };
    const QString password = QString::fromLatin1(kDemoPassword);
    const QString next = QStringLiteral("a new password for amelie");

    // The two new ones differ: said before anything is sent.
    fill(QStringLiteral("currentPasswordField"), password);
    fill(QStringLiteral("newPasswordField"), next);
    fill(QStringLiteral("repeatPasswordField"), next + u'x');
    click(QStringLiteral("changePasswordButton"));
    QTRY_COMPARE_WITH_TIMEOUT(item(QStringLiteral("changePasswordError"))->property("text").toString(),
                              QStringLiteral("The two new passwords are different."), 5000);
    // A wrong current password: the server's refusal, in words.
    fill(QStringLiteral("currentPasswordField"), QStringLiteral("not the password"));
    fill(QStringLiteral("repeatPasswordField"), next);
    click(QStringLiteral("changePasswordButton"));
    QTRY_COMPARE_WITH_TIMEOUT(item(QStringLiteral("changePasswordError"))->property("text").toString(),
                              QStringLiteral("The current password is wrong."), 15000);
    // Right: done, and the app stays signed in.
    fill(QStringLiteral("currentPasswordField"), password);
    click(QStringLiteral("changePasswordButton"));
    QVERIFY(waitVisible(QStringLiteral("changePasswordDone"), 15000));
    QCOMPARE(item(QStringLiteral("changePasswordError"))->property("text").toString(), QString());
    click(QStringLiteral("changePasswordButton")); // "Done"
    QTRY_VERIFY_WITH_TIMEOUT(!sheet->property("visible").toBool(), 5000);
    QVERIFY(QMetaObject::invokeMethod(settings, "close"));
    QTRY_VERIFY_WITH_TIMEOUT(!settings->property("visible").toBool(), 5000);
    QVERIFY(waitVisible(QStringLiteral("walletBalance")));
}

void SheetsTest::cleanupTestCase()
{
    m_demo.close();
    const QStringList warnings = m_demo.warnings ? m_demo.warnings->take() : QStringList();
    m_demo.warnings.reset();
    QVERIFY2(warnings.isEmpty(), qPrintable(u"QML warnings:\n" + warnings.join(u'\n')));
}

QTEST_MAIN(SheetsTest)

#include "tst_sheets.moc"
