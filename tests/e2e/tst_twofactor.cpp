// SPDX-License-Identifier: MIT
// Two-factor sign-in and step-up in the real window, in-process (offscreen), against the
// real plaza-server with its test clock frozen (each code is computed for a known step):
// Settings enrols with a QR code and the key, then the first code, then shows the ten
// recovery codes once; the Send sheet asks for the password when the server wants a second
// check and then sends the same payment; a new sign-in asks for the code (or a recovery
// code) after the password. Any QML warning fails the test.
#include "apiprobe.h"
#include "inprocessapp.h"
#include "qmlwarnings.h"
#include "common/testserver.h"
#include "common/totpcode.h"

#include "session/applock.h"
#include "session/session.h"

#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTest>
#include <QUuid>

Q_IMPORT_QML_PLUGIN(PlazaPlugin)
Q_IMPORT_QML_PLUGIN(Plaza_DesktopPlugin)

using namespace plaza;
using plaza::test::ApiProbe;
using plaza::test::QmlWarningRecorder;
using plaza::test::TestAccount;
using plaza::test::TestServer;

namespace {
const QString kPassword = QStringLiteral("two factor password");
const QString kPassphrase = QStringLiteral("a passphrase for the two-factor test");
constexpr auto kPin = "1357";

} // namespace

using plaza::test::totpCode;

class TwoFactorTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void enrolmentShowsTheQrCodeAndTheRecoveryCodes();
    void sendAsksForTheStepUp();
    void signInAsksForTheCode();
    void cleanupTestCase();

private:
    //! The server's time, moved one step on (no code of an earlier step can be reused).
    qint64 nextStepSeconds();
    QQuickItem *item(const QString &objectName) const { return m_app->item(objectName); }
    bool waitVisible(const QString &objectName, int timeoutMs = 10000);
    void click(const QString &objectName);
    //! A picture of the window in <build>/screenshots/twofactor/, to look at.
    void save(const QString &name);
    void startApp();

    QDir m_shots;
    std::unique_ptr<QmlWarningRecorder> m_qmlWarnings;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiProbe> m_api;
    TestAccount m_account;
    TestAccount m_payee;
    QString m_secret;
    std::unique_ptr<InProcessApp> m_app;
    QQuickWindow *m_window = nullptr;
};

qint64 TwoFactorTest::nextStepSeconds()
{
    const auto r = m_api->post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("advance_s"), 60}});
    return QDateTime::fromString(r.json.value(QStringLiteral("now")).toString(), Qt::ISODateWithMs).toSecsSinceEpoch();
}

bool TwoFactorTest::waitVisible(const QString &objectName, int timeoutMs)
{
    return QTest::qWaitFor([&] {
        QQuickItem *found = item(objectName);
        return found && found->isVisible() && found->opacity() > 0.99;
    }, timeoutMs);
}

void TwoFactorTest::save(const QString &name)
{
    const QImage shot = m_window->grabWindow();
    QVERIFY(!shot.isNull());
    QVERIFY(shot.save(m_shots.filePath(name + u".png")));
}

void TwoFactorTest::click(const QString &objectName)
{
    QQuickItem *target = item(objectName);
    QVERIFY2(target && target->isVisible(), qPrintable(objectName));
    const QPointF centre = target->mapToScene(QPointF(target->width() / 2, target->height() / 2));
    QTest::mouseClick(m_window, Qt::LeftButton, {}, centre.toPoint());
}

void TwoFactorTest::startApp()
{
    m_app = std::make_unique<InProcessApp>(m_server->url(), QStringLiteral("PlazaTwoFactorTest"));
    QString why;
    QVERIFY2(m_app->load(&why), qPrintable(why));
    m_window = m_app->window;
    m_window->resize(1280, 800);
    m_window->show();
    m_window->requestActivate();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
}

void TwoFactorTest::initTestCase()
{
    m_qmlWarnings = std::make_unique<QmlWarningRecorder>();
    m_shots = QDir(QStringLiteral(PLAZA_SCREENSHOT_DIR "/twofactor"));
    QVERIFY(m_shots.mkpath(QStringLiteral(".")));
    QLocale::setDefault(QLocale(QStringLiteral("en_US")));
    QQuickStyle::setStyle(QStringLiteral("Basic"));
    m_server = std::make_unique<TestServer>(QStringList{QStringLiteral("--test-clock")});
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    m_api = std::make_unique<ApiProbe>(m_server->url());
    QCOMPARE(m_api->post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("freeze"), true}}).status, 200);
    m_account = m_api->registerAccount(QStringLiteral("twofa_ui"), QStringLiteral("Tess Factor"), kPassword);
    m_payee = m_api->registerAccount(QStringLiteral("twofa_payee"), QStringLiteral("Paula Payee"), kPassword);
    QVERIFY(!m_account.id.isEmpty() && !m_payee.id.isEmpty());
    const QJsonObject topUp{{QStringLiteral("amount"), QJsonObject{{QStringLiteral("amount"), 5000}, {QStringLiteral("currency"), QStringLiteral("EUR")}}},
                            {QStringLiteral("card_token"), QStringLiteral("tok_visa")}};
    QCOMPARE(m_api->send(QByteArrayLiteral("POST"), QStringLiteral("/v1/wallet/top-ups"), QJsonDocument(topUp).toJson(),
                         m_account.accessToken,
                         {{QByteArrayLiteral("Idempotency-Key"), QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1()}})
                 .status,
             201);

    startApp();
    QString why;
    QVERIFY2(m_app->signIn(m_account.handle, kPassword, kPassphrase, &why), qPrintable(why));
    QVERIFY(waitVisible(QStringLiteral("shell")));
    const QStringList warnings = m_qmlWarnings->take();
    QVERIFY2(warnings.isEmpty(), qPrintable(u"QML warnings:\n" + warnings.join(u'\n')));
}

void TwoFactorTest::cleanup()
{
    const QStringList warnings = m_qmlWarnings->take();
    QVERIFY2(warnings.isEmpty(), qPrintable(u"QML warnings:\n" + warnings.join(u'\n')));
}

void TwoFactorTest::enrolmentShowsTheQrCodeAndTheRecoveryCodes()
{
    QTest::keyClick(m_window, Qt::Key_Comma, Qt::ControlModifier);
    QObject *settings = m_app->popup(QStringLiteral("settingsSheet"));
    QVERIFY(settings);
    QTRY_VERIFY_WITH_TIMEOUT(settings->property("opened").toBool(), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(m_app->session->securityStatus(), QStringLiteral("ready"), 10000);
    QVERIFY(!m_app->session->totpEnabled());

    QQuickItem *enable = item(QStringLiteral("totpEnableButton"));
    QVERIFY(enable && enable->isVisible());
    QMetaObject::invokeMethod(enable, "clicked");
    QVERIFY(waitVisible(QStringLiteral("totpPasswordField")));
    QTRY_VERIFY(m_window->activeFocusItem()
                && item(QStringLiteral("totpPasswordField"))->isAncestorOf(m_window->activeFocusItem()));
    typeText(m_window, kPassword);
    QMetaObject::invokeMethod(item(QStringLiteral("totpPasswordContinue")), "clicked");

    // The QR code (rendered by the app's image provider) and the key as text.
    QVERIFY(waitVisible(QStringLiteral("totpQrCode")));
    QTRY_COMPARE_WITH_TIMEOUT(item(QStringLiteral("totpQrCode"))->property("status").toInt(), 1 /* Image.Ready */, 10000);
    m_secret = m_app->session->totpSecret();
    QCOMPARE(m_secret.size(), 32);
    QCOMPARE(item(QStringLiteral("totpSecretText"))->property("text").toString().remove(u' '), m_secret);
    QVERIFY(m_app->session->totpUri().startsWith(QStringLiteral("otpauth://totp/Plaza:twofa_ui?secret=") + m_secret));

    QQuickItem *codeField = item(QStringLiteral("totpConfirmField"));
    QVERIFY(codeField);
    QTRY_VERIFY(m_window->activeFocusItem() && codeField->isAncestorOf(m_window->activeFocusItem()));
    typeText(m_window, totpCode(m_secret, nextStepSeconds()));
    QTRY_VERIFY(item(QStringLiteral("totpConfirmButton"))->isEnabled());
    QMetaObject::invokeMethod(item(QStringLiteral("totpConfirmButton")), "clicked");

    // The ten recovery codes, shown once.
    QVERIFY(waitVisible(QStringLiteral("recoveryCodesBox")));
    save(QStringLiteral("recovery-codes"));
    QCOMPARE(m_app->session->recoveryCodes().size(), 10);
    QCOMPARE(item(QStringLiteral("recoveryCodesList"))->property("count").toInt(), 10);
    QVERIFY(m_app->session->totpEnabled());
    QVERIFY(m_app->session->totpSecret().isEmpty());
    QMetaObject::invokeMethod(item(QStringLiteral("recoveryCodesDone")), "clicked");
    QVERIFY(waitVisible(QStringLiteral("totpDisableButton")));
    QVERIFY(m_app->session->recoveryCodes().isEmpty());
    QVERIFY(QMetaObject::invokeMethod(settings, "close"));
    QTRY_VERIFY_WITH_TIMEOUT(!settings->property("visible").toBool(), 5000);
}

void TwoFactorTest::sendAsksForTheStepUp()
{
    // Two-factor is on and this session signed in minutes ago: any payment asks.
    m_app->lock->setSecret(QStringLiteral("pin"), QString::fromLatin1(kPin));
    QTRY_VERIFY_WITH_TIMEOUT(m_app->lock->configured(), 10000);
    click(QStringLiteral("nav-wallet"));
    QVERIFY(waitVisible(QStringLiteral("walletPage")));
    click(QStringLiteral("sendButton"));
    QObject *sheet = m_app->popup(QStringLiteral("sendSheet"));
    QVERIFY(sheet);
    QTRY_VERIFY_WITH_TIMEOUT(sheet->property("opened").toBool(), 5000);
    typeText(m_window, QStringLiteral("twofa_pay"));
    QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("recipientResults"))->property("count").toInt() >= 1, 10000);
    QTest::keyClick(m_window, Qt::Key_Return);
    QVERIFY(waitVisible(QStringLiteral("amountField")));
    typeText(m_window, QStringLiteral("7.25"));
    QTRY_VERIFY(item(QStringLiteral("reviewButton"))->isEnabled());
    QTest::keyClick(m_window, Qt::Key_Return); // to the note
    QTest::keyClick(m_window, Qt::Key_Return); // Review
    QVERIFY(waitVisible(QStringLiteral("lockSecretField")));
    typeText(m_window, QString::fromLatin1(kPin));
    QTest::keyClick(m_window, Qt::Key_Return);

    // The server asked: the sheet asks for the password or a code, nothing moved yet.
    QVERIFY(waitVisible(QStringLiteral("stepUpStep"), 20000));
    QVERIFY(item(QStringLiteral("stepUpReason"))->property("text").toString().contains(u"signed in"));
    auto balance = m_api->get(QStringLiteral("/v1/wallet"), m_account.accessToken);
    QCOMPARE(balance.json.value(QStringLiteral("balance")).toObject().value(QStringLiteral("amount")).toInteger(), 5000);
    // A wrong password: asked again.
    QTRY_VERIFY(m_window->activeFocusItem() && item(QStringLiteral("stepUpField"))->isAncestorOf(m_window->activeFocusItem()));
    typeText(m_window, QStringLiteral("not the password"));
    QTest::keyClick(m_window, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(!item(QStringLiteral("stepUpField"))->property("error").toString().isEmpty(), 10000);
    save(QStringLiteral("send-step-up"));
    typeText(m_window, kPassword);
    QTest::keyClick(m_window, Qt::Key_Return);
    QVERIFY(waitVisible(QStringLiteral("sendResultText"), 20000));
    QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("sendResultText"))->property("text").toString().contains(u"sent to"), 10000);

    // Exactly one payment reached the payee.
    const auto history = m_api->get(QStringLiteral("/v1/wallet/transactions"), m_payee.accessToken);
    const QJsonArray items = history.json.value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.at(0).toObject().value(QStringLiteral("amount")).toObject().value(QStringLiteral("amount")).toInteger(), 725);
    click(QStringLiteral("sendDoneButton"));
    QTRY_VERIFY_WITH_TIMEOUT(!sheet->property("visible").toBool(), 5000);
}

void TwoFactorTest::signInAsksForTheCode()
{
    // Another device: a fresh app signs in; after the password it asks for the code.
    m_app.reset();
    m_window = nullptr;
    startApp();
    Session *session = m_app->session.get();
    session->restore();
    QTRY_COMPARE_WITH_TIMEOUT(session->state(), Session::State::SignedOut, 10000);
    session->signIn(m_server->url().toString(), m_account.handle, kPassword);
    QVERIFY(waitVisible(QStringLiteral("codeField")));
    QVERIFY(session->signInCodeRequired());
    save(QStringLiteral("sign-in-code"));
    QVERIFY(!item(QStringLiteral("passwordField"))->isVisible());

    // "Use a recovery code" switches the field; back to the authenticator's code.
    QMetaObject::invokeMethod(item(QStringLiteral("recoveryToggle")), "clicked");
    QTRY_VERIFY(item(QStringLiteral("codeField"))->property("label").toString().contains(u"Recovery"));
    QMetaObject::invokeMethod(item(QStringLiteral("recoveryToggle")), "clicked");
    QTRY_VERIFY(!item(QStringLiteral("codeField"))->property("label").toString().contains(u"Recovery"));

    QTRY_VERIFY(m_window->activeFocusItem() && item(QStringLiteral("codeField"))->isAncestorOf(m_window->activeFocusItem()));
    typeText(m_window, totpCode(m_secret, nextStepSeconds()));
    QTest::keyClick(m_window, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(session->state(), Session::State::NeedsPassphrase, 15000);
    session->submitPassphrase(kPassphrase);
    QTRY_COMPARE_WITH_TIMEOUT(session->state(), Session::State::Ready, 20000);
    QVERIFY(waitVisible(QStringLiteral("shell")));
}

void TwoFactorTest::cleanupTestCase()
{
    m_app.reset();
    m_server.reset();
}

QTEST_MAIN(TwoFactorTest)
#include "tst_twofactor.moc"
