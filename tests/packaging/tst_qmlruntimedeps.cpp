// SPDX-License-Identifier: MIT
// The QML modules Plaza loads at run time are derived, not remembered. qmlimportscanner reads
// every import in qml/ (and follows the imports of the modules it finds); Qt's own
// implementations that C++ loads behind an import (the non-native dialogs) are scanned too.
// Each module's qmldir is mapped to its Debian package with dpkg -S, and the test fails when
// scripts/deps.sh's PLAZA_RUNTIME_DEPS or the .deb's Depends (CPackConfig.cmake, what cpack
// puts in the package) lacks one of them, or when a module is not installed on this machine.
// Run:  ctest --preset dev -R packaging_qml_runtime_deps --output-on-failure
// Fix:  add the package it names to PLAZA_RUNTIME_DEPS in scripts/deps.sh and to
//       CPACK_DEBIAN_PACKAGE_DEPENDS in packaging/CMakeLists.txt.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLibraryInfo>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

namespace {

//! Modules whose QML Qt loads from C++ with no import a scanner can see, and the folder (under
//! Qt's QML imports) of that implementation. QtQuick.Dialogs' FileDialog is the non-native
//! one on Linux without a platform theme; its QML imports Qt.labs.folderlistmodel.
const QMap<QString, QString> kRuntimeImplementations{
    {QStringLiteral("QtQuick.Dialogs"), QStringLiteral("QtQuick/Dialogs/quickimpl")},
};

//! Modules the scanner names but that have no files of their own on Linux: the app's own
//! (linked in statically), styles for other platforms, and QtQml (built into libQt6Qml,
//! which dpkg-shlibdeps finds).
bool notAPackage(const QString &name)
{
    static const QSet<QString> others{QStringLiteral("QtQuick.Controls.Windows"), QStringLiteral("QtQuick.Controls.macOS"),
                                      QStringLiteral("QtQuick.Controls.iOS"), QStringLiteral("QtQml")};
    return name == u"Plaza" || name.startsWith(u"Plaza.") || others.contains(name);
}

struct Module
{
    QString name;
    QString path; // folder holding its qmldir; empty when the scanner did not find it
};

QList<Module> scan(const QString &root, QString *error)
{
    const QString scanner = QLibraryInfo::path(QLibraryInfo::LibraryExecutablesPath) + u"/qmlimportscanner";
    QProcess process;
    process.start(scanner, {QStringLiteral("-rootPath"), root, QStringLiteral("-importPath"),
                            QLibraryInfo::path(QLibraryInfo::QmlImportsPath)});
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        *error = scanner + u": " + process.errorString() + u' ' + QString::fromLocal8Bit(process.readAllStandardError());
        return {};
    }
    QJsonParseError parse{};
    const QJsonDocument doc = QJsonDocument::fromJson(process.readAllStandardOutput(), &parse);
    if (parse.error != QJsonParseError::NoError) {
        *error = u"qmlimportscanner's output: " + parse.errorString();
        return {};
    }
    QList<Module> modules;
    for (const QJsonValue &entry : doc.array()) {
        const QJsonObject object = entry.toObject();
        if (object.value(u"type").toString() == u"module")
            modules.append({object.value(u"name").toString(), object.value(u"path").toString()});
    }
    return modules;
}

//! The words of a bash array assignment `NAME=( … )` in \a script, comments dropped.
QSet<QString> bashArray(const QString &script, const QString &name)
{
    const qsizetype start = script.indexOf(name + u"=(");
    if (start < 0)
        return {};
    QSet<QString> words;
    const QStringList lines = script.mid(start + name.size() + 2).split(u'\n');
    for (const QString &line : lines) {
        QString code = line.section(u'#', 0, 0);
        const bool last = code.contains(u')');
        code = code.section(u')', 0, 0);
        for (const QString &word : code.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts))
            words.insert(word);
        if (last)
            break;
    }
    return words;
}

//! The package names of a Debian Depends value ("a, b (>= 1), c | d" gives a, b, c, d).
QSet<QString> dependsNames(const QString &depends)
{
    QSet<QString> names;
    for (const QString &alternatives : depends.split(u',')) {
        for (const QString &one : alternatives.split(u'|')) {
            const QString name = one.trimmed().section(u' ', 0, 0).section(u'(', 0, 0).trimmed();
            if (!name.isEmpty())
                names.insert(name);
        }
    }
    return names;
}

QString readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

} // namespace

class QmlRuntimeDepsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyModuleIsInstalled();
    void depsShInstallsEveryModule();
    void debDependsOnEveryModule();
    void helpersReadTheirInputs();

private:
    //! "package (for module)" of each module whose package \a packages lacks.
    [[nodiscard]] QStringList lackingFrom(const QSet<QString> &packages) const;

    QMap<QString, QString> m_packageOf; // module name → Debian package
    QStringList m_missing;              // modules not found on this machine
};

void QmlRuntimeDepsTest::initTestCase()
{
    QString error;
    QList<Module> modules = scan(QStringLiteral(PLAZA_SOURCE_DIR "/qml"), &error);
    QVERIFY2(!modules.isEmpty(), qPrintable(error));
    // Follow the implementations C++ loads, until nothing new comes in.
    QSet<QString> scanned;
    for (bool grew = true; grew;) {
        grew = false;
        const QList<Module> known = modules;
        for (const Module &module : known) {
            const auto implementation = kRuntimeImplementations.constFind(module.name);
            if (implementation == kRuntimeImplementations.constEnd() || scanned.contains(module.name))
                continue;
            scanned.insert(module.name);
            const QString folder = QLibraryInfo::path(QLibraryInfo::QmlImportsPath) + u'/' + *implementation;
            const QList<Module> more = scan(folder, &error);
            QVERIFY2(!more.isEmpty(), qPrintable(folder + u": " + error));
            modules += more;
            grew = true;
        }
    }
    QVERIFY2(scanned.size() == kRuntimeImplementations.size(), "an implementation's module is no longer imported");

    QMap<QString, QString> qmldirs; // qmldir path → module
    for (const Module &module : std::as_const(modules)) {
        if (notAPackage(module.name))
            continue;
        const QString qmldir = module.path + u"/qmldir";
        if (module.path.isEmpty() || !QFileInfo::exists(qmldir))
            m_missing.append(module.name);
        else
            qmldirs.insert(QDir::cleanPath(qmldir), module.name);
    }
    m_missing.removeDuplicates();
    QVERIFY2(qmldirs.size() >= 5, "qmlimportscanner found almost nothing in qml/");

    QProcess dpkg;
    dpkg.start(QStringLiteral("dpkg"), QStringList{QStringLiteral("-S")} + qmldirs.keys());
    QVERIFY(dpkg.waitForFinished(60000));
    // "qml6-module-qtquick-dialogs:amd64: /usr/lib/…/qmldir"
    const QStringList lines = QString::fromLocal8Bit(dpkg.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        const qsizetype separator = line.indexOf(u": /");
        if (separator < 0)
            continue;
        const QString file = line.mid(separator + 2).trimmed();
        for (const QString &package : line.left(separator).split(u',')) {
            if (qmldirs.contains(file))
                m_packageOf.insert(qmldirs.value(file), package.trimmed().section(u':', 0, 0));
        }
    }
    for (auto it = qmldirs.cbegin(); it != qmldirs.cend(); ++it) {
        QVERIFY2(m_packageOf.contains(it.value()),
                 qPrintable(QStringLiteral("no Debian package owns %1 (module %2)").arg(it.key(), it.value())));
    }
    qInfo().noquote() << "modules and packages:" << m_packageOf;
}

QStringList QmlRuntimeDepsTest::lackingFrom(const QSet<QString> &packages) const
{
    QStringList lacking;
    for (auto it = m_packageOf.cbegin(); it != m_packageOf.cend(); ++it) {
        if (!packages.contains(it.value()))
            lacking << QStringLiteral("%1 (for %2)").arg(it.value(), it.key());
    }
    lacking.removeDuplicates();
    return lacking;
}

void QmlRuntimeDepsTest::everyModuleIsInstalled()
{
    QVERIFY2(m_missing.isEmpty(),
             qPrintable(u"imported but not installed here (scripts/deps.sh): " + m_missing.join(u", ")));
}

void QmlRuntimeDepsTest::depsShInstallsEveryModule()
{
    const QString script = readAll(QStringLiteral(PLAZA_SOURCE_DIR "/scripts/deps.sh"));
    const QSet<QString> runtime = bashArray(script, QStringLiteral("PLAZA_RUNTIME_DEPS"));
    QVERIFY2(!runtime.isEmpty(), "no PLAZA_RUNTIME_DEPS=( … ) in scripts/deps.sh");
    const QStringList lacking = lackingFrom(runtime);
    QVERIFY2(lacking.isEmpty(), qPrintable(u"scripts/deps.sh PLAZA_RUNTIME_DEPS lacks: " + lacking.join(u", ")));
}

void QmlRuntimeDepsTest::debDependsOnEveryModule()
{
    const QString config = readAll(QStringLiteral(PLAZA_BINARY_DIR "/CPackConfig.cmake"));
    const QRegularExpressionMatch match =
        QRegularExpression(QStringLiteral("set\\(CPACK_DEBIAN_PACKAGE_DEPENDS \"([^\"]*)\"\\)")).match(config);
    QVERIFY2(match.hasMatch(), "no CPACK_DEBIAN_PACKAGE_DEPENDS in " PLAZA_BINARY_DIR "/CPackConfig.cmake");
    const QSet<QString> depends = dependsNames(match.captured(1));
    const QStringList lacking = lackingFrom(depends);
    QVERIFY2(lacking.isEmpty(), qPrintable(u"the .deb's Depends (packaging/CMakeLists.txt) lacks: " + lacking.join(u", ")));
}

void QmlRuntimeDepsTest::helpersReadTheirInputs()
{
    // The parsers above must not pass by reading nothing.
    const QString script = QStringLiteral("A=(x y\n  # z (no)\n  w # v)\n)\nB=(q)\n");
    QCOMPARE(bashArray(script, QStringLiteral("A")), (QSet<QString>{QStringLiteral("x"), QStringLiteral("y"), QStringLiteral("w")}));
    QCOMPARE(dependsNames(QStringLiteral("a, b (>= 1.0), c | d")),
             (QSet<QString>{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")}));
    // The dialogs' implementation is what brings in the folder model.
    QCOMPARE(m_packageOf.value(QStringLiteral("Qt.labs.folderlistmodel")), QStringLiteral("qml6-module-qt-labs-folderlistmodel"));
}

QTEST_GUILESS_MAIN(QmlRuntimeDepsTest)

#include "tst_qmlruntimedeps.moc"
