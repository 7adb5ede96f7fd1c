// SPDX-License-Identifier: MIT
// The one table where error codes become sentences (common/errortext.h, which qml/Errors.qml
// and plaza-cli both use): every code the core (plaza::errorCodeNames(): a model's `error`, a
// service's failure signal) or the app (Desktop::errorCodes()) can hand to QML has a sentence
// of its own, and under the French translation that sentence is French — never the default
// "Something went wrong (code)", never the English text; so has every reason and field the
// table knows. QML's Errors says what the C++ table says. The app's real translations (:/i18n,
// built for bin/plaza).
#include "desktop.h"
#include "common/languageloader.h"
#include "qmlwarnings.h"

#include "common/errorcodes.h"
#include "common/errortext.h"
#include "common/result.h"

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

#include <memory>

Q_IMPORT_QML_PLUGIN(PlazaPlugin)
Q_IMPORT_QML_PLUGIN(Plaza_DesktopPlugin)

namespace {
const QString kServer = QStringLiteral("https://plaza.example");
// Not a code of anybody's: what Errors.describe says for a code it does not know.
const QString kNoSuchCode = QStringLiteral("no_such_code_at_all");
} // namespace

class ErrorsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();
    void everyCodeHasItsOwnFrenchSentence_data();
    void everyCodeHasItsOwnFrenchSentence();
    void theListsAreWhole();
    void everyReasonHasItsOwnFrenchSentence_data();
    void everyReasonHasItsOwnFrenchSentence();
    void desktopFailuresAreCodes();
    void aSentenceOnScreenFollowsTheLanguage();

private:
    //! Errors.describe(code, "", kServer) in the language installed now.
    QString describe(const QString &code);
    //! The default sentence for \a code in the language installed now.
    QString fallbackFor(const QString &code) { return describe(kNoSuchCode).replace(kNoSuchCode, code); }

    std::unique_ptr<plaza::test::QmlWarningRecorder> m_warnings;
    std::unique_ptr<QQmlEngine> m_engine;
    std::unique_ptr<QObject> m_probe;
};

void ErrorsTest::initTestCase()
{
    m_warnings = std::make_unique<plaza::test::QmlWarningRecorder>();
    m_engine = std::make_unique<QQmlEngine>();
    m_engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
    QQmlComponent component(m_engine.get());
    component.setData(QByteArrayLiteral("import QtQml\n"
                                        "import Plaza\n"
                                        "QtObject {\n"
                                        "    function describe(code, server) { return Errors.describe(code, \"\", server) }\n"
                                        "}\n"),
                      QUrl(QStringLiteral("qrc:/tst_errors/Probe.qml")));
    m_probe.reset(component.create());
    QVERIFY2(m_probe, qPrintable(component.errorString()));
}

void ErrorsTest::cleanup()
{
    const QStringList warnings = m_warnings->take();
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(u'\n')));
}

void ErrorsTest::cleanupTestCase()
{
    m_probe.reset();
    m_engine.reset();
    LanguageLoader::install(*QCoreApplication::instance(), QStringLiteral("en"));
}

QString ErrorsTest::describe(const QString &code)
{
    QVariant sentence;
    const bool called = QMetaObject::invokeMethod(m_probe.get(), "describe", Q_RETURN_ARG(QVariant, sentence),
                                                  Q_ARG(QVariant, code), Q_ARG(QVariant, kServer));
    return called ? sentence.toString() : QStringLiteral("(describe could not be called)");
}

void ErrorsTest::everyCodeHasItsOwnFrenchSentence_data()
{
    QTest::addColumn<QString>("code");
    const QStringList codes = plaza::errorCodeNames() + Desktop::errorCodes();
    for (const QString &code : codes)
        QTest::newRow(qPrintable(code)) << code;
}

void ErrorsTest::everyCodeHasItsOwnFrenchSentence()
{
    QFETCH(QString, code);
    auto &app = *QCoreApplication::instance();

    QCOMPARE(LanguageLoader::install(app, QStringLiteral("en")), QStringLiteral("en"));
    const QString english = describe(code);
    QVERIFY2(!english.isEmpty(), "no English sentence");
    QVERIFY2(english != fallbackFor(code), qPrintable(u"only the default sentence: " + english));

    QCOMPARE(LanguageLoader::install(app, QStringLiteral("fr")), QStringLiteral("fr"));
    const QString french = describe(code);
    QVERIFY2(!french.isEmpty(), "no French sentence");
    QVERIFY2(french != fallbackFor(code), qPrintable(u"only the default sentence: " + french));
    QVERIFY2(french != english, qPrintable(u"not translated: " + french));
    // QML's Errors is the C++ table (plaza-cli's) for the core's codes.
    if (plaza::errorCodeNames().contains(code))
        QCOMPARE(french, plaza::errortext::describe(code, QString(), kServer));
}

void ErrorsTest::everyReasonHasItsOwnFrenchSentence_data()
{
    using namespace plaza::errortext;
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("key");
    const auto add = [](const char *kind, std::initializer_list<const char *> keys) {
        for (const char *key : keys)
            QTest::addRow("%s %s", kind, key) << QString::fromLatin1(kind) << QString::fromLatin1(key);
    };
    add("security", {"totp_invalid", "challenge_invalid", "totp_attempts", "wrong_password", "password_missing", "totp_enabled",
                     "totp_not_enabled", "totp_not_pending", "step_up_required", "invalid_amount"});
    add("link", {"malformed", "unsupported", "unknown", "paid", "cancelled", "declined", "expired", "offline"});
    add("field", {"handle", "display_name", "password", "note", "to", "payer", "amount", "title", "member_ids"});
    add("amount", {"empty", "negative", "decimals", "too_large", "zero", "over_available", "over_limit", "not_a_number"});
}

void ErrorsTest::everyReasonHasItsOwnFrenchSentence()
{
    QFETCH(QString, kind);
    QFETCH(QString, key);
    // The sentence of \a key, and what a key the table does not know gets.
    const auto sentences = [&kind, &key]() -> std::pair<QString, QString> {
        using namespace plaza::errortext;
        const QString none = QStringLiteral("no_such_reason");
        if (kind == u"security")
            return {describeSecurity(key, QStringLiteral("forbidden")), describeSecurity(none, QStringLiteral("forbidden"))};
        if (kind == u"link")
            return {describeLink(key, QStringLiteral("conflict"), kServer), describeLink(none, QStringLiteral("conflict"), kServer)};
        if (kind == u"field")
            return {describeField(key), describeField(none)};
        return {describeAmount(key, 2), key == u"not_a_number" ? QString() : describeAmount(none, 2)};
    };
    auto &app = *QCoreApplication::instance();
    QCOMPARE(LanguageLoader::install(app, QStringLiteral("en")), QStringLiteral("en"));
    const auto [english, englishDefault] = sentences();
    QVERIFY(!english.isEmpty());
    QVERIFY2(english != englishDefault, qPrintable(u"only the default sentence: " + english));

    QCOMPARE(LanguageLoader::install(app, QStringLiteral("fr")), QStringLiteral("fr"));
    const auto [french, frenchDefault] = sentences();
    QVERIFY(!french.isEmpty());
    QVERIFY2(french != frenchDefault, qPrintable(u"only the default sentence: " + french));
    QVERIFY2(french != english, qPrintable(u"not translated: " + french));
}

void ErrorsTest::theListsAreWhole()
{
    // Every ErrorCode has a name of its own (a code added to the enum without one would read
    // "unknown", and the test above would not see it).
    const QStringList names = plaza::errorCodeNames();
    QCOMPARE(names.size(), int(plaza::ErrorCode::Unknown) + 1);
    for (int i = 0; i <= int(plaza::ErrorCode::Unknown); ++i) {
        const auto code = plaza::ErrorCode(i);
        QCOMPARE(plaza::errorCodeName(code), names.at(i));
        QCOMPARE(plaza::errorCodeFromName(names.at(i)), code);
    }
    // The default sentence really is what an unknown code gets, in both languages.
    auto &app = *QCoreApplication::instance();
    LanguageLoader::install(app, QStringLiteral("fr"));
    QVERIFY(describe(kNoSuchCode).contains(kNoSuchCode));
    QVERIFY(describe(kNoSuchCode) != describe(QStringLiteral("storage")));
}

void ErrorsTest::desktopFailuresAreCodes()
{
    // What Save QR code and Send feedback hand to QML: "" or one of Desktop::errorCodes(),
    // never the system's English (QSaveFile's errorString, the report's message).
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Desktop desktop;
    const QUrl missingFolder = QUrl::fromLocalFile(dir.filePath(QStringLiteral("no/such/folder/file")));
    const QString link = QStringLiteral("plaza://pay/0f6c1e1a-8d1b-4c47-9c55-3a4a2b1b9d10");

    const QUrl png = QUrl::fromLocalFile(dir.filePath(QStringLiteral("qr.png")));
    QCOMPARE(desktop.saveQrCode(link, png), QString());
    QVERIFY(QFile::exists(png.toLocalFile()));
    QCOMPARE(desktop.saveQrCode(link, missingFolder), QStringLiteral("file_write"));
    QCOMPARE(desktop.saveQrCode(QString(8000, u'x'), png), QStringLiteral("qr_too_long"));

    const QUrl report = QUrl::fromLocalFile(dir.filePath(QStringLiteral("feedback.txt")));
    QCOMPARE(desktop.writeFeedback(report), QString());
    QVERIFY(QFile::exists(report.toLocalFile()));
    QCOMPARE(desktop.writeFeedback(missingFolder), QStringLiteral("file_write"));
    for (const QString &code : Desktop::errorCodes())
        QVERIFY2(!plaza::errorCodeNames().contains(code), qPrintable(code + u" is already a core code"));
}

void ErrorsTest::aSentenceOnScreenFollowsTheLanguage()
{
    // A binding that shows an error, as a screen has it: the sentence comes from C++, which
    // QQmlEngine::retranslate() does not reach; the switch itself must make it again.
    auto &app = *QCoreApplication::instance();
    LanguageLoader::install(app, QStringLiteral("en"));
    QQmlComponent component(m_engine.get());
    component.setData(QByteArrayLiteral("import QtQml\n"
                                        "import Plaza\n"
                                        "QtObject {\n"
                                        "    property string sentence: Errors.describe(\"unauthorized\", \"\", \"\")\n"
                                        "    property string field: Errors.describeField(\"handle\")\n"
                                        "}\n"),
                      QUrl(QStringLiteral("qrc:/tst_errors/Shown.qml")));
    std::unique_ptr<QObject> shown(component.create());
    QVERIFY2(shown, qPrintable(component.errorString()));
    const QString englishField = shown->property("field").toString();
    QCOMPARE(shown->property("sentence").toString(), QStringLiteral("Wrong handle or password."));

    LanguageLoader::install(app, QStringLiteral("fr"));
    QCOMPARE(shown->property("sentence").toString(), QStringLiteral("Identifiant ou mot de passe incorrect."));
    QVERIFY2(shown->property("field").toString() != englishField, qPrintable(shown->property("field").toString()));

    LanguageLoader::install(app, QStringLiteral("en"));
    QCOMPARE(shown->property("sentence").toString(), QStringLiteral("Wrong handle or password."));
    QCOMPARE(shown->property("field").toString(), englishField);
}

QTEST_MAIN(ErrorsTest)
#include "tst_errors.moc"
