// SPDX-License-Identifier: MIT
// The translations are complete for the sources as they are now. Runs the same lupdate as
// the build's update_translations target (the project file qt_add_translations writes, same
// sources and include paths), but into temporary copies of translations/*.ts, and without
// -no-obsolete, so that nothing in the tree changes and removed strings show up. Fails when:
//   - a string in the sources has no translation yet (type="unfinished", new or changed);
//   - a translation's string is gone from the sources (type="vanished" or "obsolete");
//   - plaza_en.ts does not carry exactly the plural (%n) strings of plaza_fr.ts, with the
//     same contexts and sources: English is the source language, so plaza_en.ts holds only
//     the plural forms (lupdate -pluralonly, see app/CMakeLists.txt);
//   - a .cpp in app/, cli/ or core/ that calls tr()/translate() is missing from the translated sources.
// Run:  ctest --preset dev -R packaging_translations --output-on-failure
// Fix:  cmake --build --preset dev --target update_translations, then translate what
//       Linguist shows as unfinished (the lead owns translations/).
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {

struct Message
{
    QString context;
    QString source;
    QString comment;
    bool numerus = false;
    QString type; // "", "unfinished", "vanished", "obsolete"

    [[nodiscard]] QString key() const { return context + u'\x1f' + source + u'\x1f' + comment; }
    [[nodiscard]] QString describe() const
    {
        return QStringLiteral("[%1] \"%2\"%3").arg(context, source, comment.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(comment));
    }
};

QList<Message> readTs(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<Message> messages;
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    bool inMessage = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == u"context") {
                context.clear();
            } else if (name == u"name" && !inMessage) {
                context = xml.readElementText();
            } else if (name == u"message") {
                inMessage = true;
                current = Message{context, {}, {}, xml.attributes().value(QLatin1StringView("numerus")) == u"yes", {}};
            } else if (inMessage && name == u"source") {
                current.source = xml.readElementText();
            } else if (inMessage && name == u"comment") {
                current.comment = xml.readElementText();
            } else if (inMessage && name == u"translation") {
                current.type = xml.attributes().value(QLatin1StringView("type")).toString();
                // An empty translation that lupdate did not mark is unfinished all the same.
                const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                if (current.type.isEmpty() && text.trimmed().isEmpty())
                    current.type = QStringLiteral("empty");
            }
        } else if (xml.isEndElement() && xml.name() == u"message") {
            inMessage = false;
            messages.append(current);
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return messages;
}

// The variables of the project file qt_add_translations writes: set(name "a;b;c").
QHash<QString, QStringList> readLupdateProject(const QString &path)
{
    QHash<QString, QStringList> vars;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return vars;
    static const QRegularExpression setRe(QStringLiteral("set\\((\\w+) \"([^\"]*)\"\\)"));
    auto it = setRe.globalMatch(QString::fromUtf8(file.readAll()));
    while (it.hasNext()) {
        const auto m = it.next();
        vars.insert(m.captured(1), m.captured(2).split(u';', Qt::SkipEmptyParts));
    }
    return vars;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void upToDateAndComplete()
    {
        const auto project = readLupdateProject(QStringLiteral(PLAZA_LUPDATE_PROJECT));
        const QStringList sources = project.value(QStringLiteral("lupdate_sources"));
        const QStringList includes = project.value(QStringLiteral("lupdate_include_paths"));
        const QStringList translations = project.value(QStringLiteral("lupdate_translations"));
        QVERIFY2(!sources.isEmpty() && translations.size() >= 2,
                 "no lupdate project at " PLAZA_LUPDATE_PROJECT " (configure with the app)");

        QTemporaryDir work;
        QVERIFY(work.isValid());
        QHash<QString, QList<Message>> updated; // file name → messages after lupdate
        QStringList problems;
        for (const QString &ts : translations) {
            const QString name = QFileInfo(ts).fileName();
            const QString copy = work.filePath(name);
            QVERIFY2(QFile::copy(ts, copy), qPrintable(ts));
            QFile(copy).setPermissions(QFile::ReadOwner | QFile::WriteOwner);

            QJsonObject json{{QStringLiteral("projectFile"), QStringLiteral(PLAZA_SOURCE_DIR "/app/CMakeLists.txt")},
                             {QStringLiteral("includePaths"), QJsonArray::fromStringList(includes)},
                             {QStringLiteral("sources"), QJsonArray::fromStringList(sources)},
                             {QStringLiteral("translations"), QJsonArray{copy}}};
            const QString jsonPath = work.filePath(name + QStringLiteral(".json"));
            QFile jsonFile(jsonPath);
            QVERIFY(jsonFile.open(QIODevice::WriteOnly));
            jsonFile.write(QJsonDocument(json).toJson());
            jsonFile.close();

            QStringList args{QStringLiteral("-project"), jsonPath, QStringLiteral("-locations"), QStringLiteral("none"),
                             QStringLiteral("-silent")};
            if (name.startsWith(u"plaza_en"))
                args << QStringLiteral("-pluralonly");
            QProcess lupdate;
            lupdate.setProcessChannelMode(QProcess::MergedChannels);
            lupdate.start(QStringLiteral(PLAZA_LUPDATE), args);
            QVERIFY(lupdate.waitForFinished(120000));
            QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0,
                     lupdate.readAll().constData());

            QString error;
            const QList<Message> messages = readTs(copy, &error);
            QVERIFY2(error.isEmpty(), qPrintable(name + u": " + error));
            QVERIFY2(!messages.isEmpty(), qPrintable(name + QStringLiteral(" has no messages")));
            for (const Message &m : messages) {
                if (m.type == u"unfinished" || m.type == u"empty")
                    problems << name + QStringLiteral(": not translated: ") + m.describe();
                else if (m.type == u"vanished" || m.type == u"obsolete")
                    problems << name + QStringLiteral(": no longer in the sources: ") + m.describe();
            }
            updated.insert(name, messages);
        }

        // English holds exactly French's plural strings.
        const QList<Message> fr = updated.value(QStringLiteral("plaza_fr.ts"));
        const QList<Message> en = updated.value(QStringLiteral("plaza_en.ts"));
        QVERIFY2(!fr.isEmpty() && !en.isEmpty(), "plaza_fr.ts and plaza_en.ts must both be translations");
        QSet<QString> frPlural, enKeys;
        QHash<QString, Message> byKey;
        for (const Message &m : fr) {
            if (m.numerus && m.type != u"vanished" && m.type != u"obsolete") {
                frPlural.insert(m.key());
                byKey.insert(m.key(), m);
            }
        }
        for (const Message &m : en) {
            if (m.type != u"vanished" && m.type != u"obsolete") {
                enKeys.insert(m.key());
                byKey.insert(m.key(), m);
            }
        }
        for (const QString &key : frPlural - enKeys)
            problems << QStringLiteral("plaza_en.ts lacks the plural string ") + byKey.value(key).describe();
        for (const QString &key : enKeys - frPlural)
            problems << QStringLiteral("plaza_en.ts has a string plaza_fr.ts has not as a plural: ") + byKey.value(key).describe();

        // Every source of the app, of plaza-cli and of the core that translates is among the
        // translated sources.
        static const QRegularExpression translates(QStringLiteral(R"(\btr\(|\btranslate\(|\bqsTr\(|\bQT_TRANSLATE_NOOP)"));
        const QDir root(QStringLiteral(PLAZA_SOURCE_DIR));
        for (const QString &dir : {QStringLiteral("app"), QStringLiteral("cli"), QStringLiteral("core")}) {
            QDirIterator it(root.filePath(dir), {QStringLiteral("*.cpp")}, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                QFile file(path);
                QVERIFY(file.open(QIODevice::ReadOnly));
                if (QString::fromUtf8(file.readAll()).contains(translates) && !sources.contains(path))
                    problems << QStringLiteral("%1 translates strings but is not in qt_add_translations(SOURCES …)")
                                    .arg(root.relativeFilePath(path));
            }
        }

        QVERIFY2(problems.isEmpty(), qPrintable(u'\n' + problems.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
