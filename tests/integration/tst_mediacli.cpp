// SPDX-License-Identifier: MIT
// plaza-cli's file commands against the real server, as a user runs them (QProcess): attach
// files to a chat with alt text, a post with an image, download (whole and thumbnail,
// checked byte for byte), an upload whose chunk answers are lost on the way and that
// still arrives whole, and the usage errors.
#include "dropproxy.h"
#include "integrationutil.h"

#include "common/testserver.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QProcess>
#include <QCryptographicHash>
#include <QFile>
#include <QImage>
#include <QImageWriter>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace plaza;
using namespace plaza::test;

namespace {

const QString kPassword = QStringLiteral("cli media password");
const QString kPassphrase = QStringLiteral("cli media passphrase");

QString sha256Hex(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

//! The first "md_…" word of \a text.
QString mediaIdIn(const QString &text)
{
    const qsizetype at = text.indexOf(QStringLiteral("md_"));
    if (at < 0)
        return {};
    qsizetype end = at + 3;
    while (end < text.size() && text.at(end).isDigit())
        ++end;
    return text.mid(at, end - at);
}

} // namespace

class MediaCliTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void attachToAChat();
    void downloadWholeAndThumbnail();
    void postWithAnImage();
    void lostAnswersDuringAnUpload();
    void killedMidUploadResumesOnce();
    void usage();

private:
    CliRun cli(const QStringList &args, const QByteArray &stdinData = {})
    {
        return runCli(args, stdinData, cliEnvironment(kPassphrase), m_data.path(), m_config.path());
    }

    std::unique_ptr<TestServer> m_server;
    std::optional<RemoteUser> m_friend;
    QString m_handle;
    QTemporaryDir m_data;
    QTemporaryDir m_config;
    QTemporaryDir m_files;
    QString m_imagePath;
    QString m_imageId;
};

void MediaCliTest::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    m_friend = registerUser(m_server->url(), QStringLiteral("mediafriend"), kPassword);
    QVERIFY(m_friend);
    m_handle = uniqueHandle(QStringLiteral("climedia"));
    const CliRun run = cli({QStringLiteral("register"), QStringLiteral("--server"), m_server->url().toString(),
                            QStringLiteral("--handle"), m_handle, QStringLiteral("--password-stdin")},
                           kPassword.toUtf8() + '\n');
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));

    QImage image(900, 600, QImage::Format_RGB32);
    image.fill(qRgb(200, 120, 40));
    image.setText(QStringLiteral("Location"), QStringLiteral("secret-garden"));
    m_imagePath = m_files.filePath(QStringLiteral("garden.png"));
    QVERIFY(image.save(m_imagePath, "PNG"));
    QVERIFY(readFile(m_imagePath).contains("secret-garden"));
}

void MediaCliTest::attachToAChat()
{
    const QString notes = m_files.filePath(QStringLiteral("notes.txt"));
    QVERIFY(writeFile(notes, "Bring bread and cheese.\n"));
    const CliRun run = cli({QStringLiteral("attach"), u'@' + m_friend->handle, m_imagePath, notes, QStringLiteral("--text"),
                            QStringLiteral("For Saturday"), QStringLiteral("--alt"), QStringLiteral("An orange square")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("with 2 files")), qPrintable(run.out));
    QVERIFY2(run.err.contains(QStringLiteral("notes.txt: 24 bytes of 24 bytes")), qPrintable(run.err));

    // The friend has it: one message, both files in order, the alt text on the image.
    auto list = waitTask(m_friend->api->get(QStringLiteral("/v1/conversations")));
    QVERIFY(list);
    const QString conversation
        = list->body.value(QStringLiteral("items")).toArray().at(0).toObject().value(QStringLiteral("id")).toString();
    auto page = waitTask(m_friend->api->get(QStringLiteral("/v1/conversations/%1/messages").arg(conversation)));
    QVERIFY(page);
    const QJsonArray items = page->body.value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 1);
    const QJsonObject message = items.at(0).toObject();
    QCOMPARE(message.value(QStringLiteral("text")).toString(), QStringLiteral("For Saturday"));
    const QJsonArray files = message.value(QStringLiteral("attachments")).toArray();
    QCOMPARE(files.size(), 2);
    QCOMPARE(files.at(0).toObject().value(QStringLiteral("alt")).toString(), QStringLiteral("An orange square"));
    const QJsonObject image = files.at(0).toObject().value(QStringLiteral("media")).toObject();
    QCOMPARE(image.value(QStringLiteral("kind")).toString(), QStringLiteral("image"));
    QCOMPARE(image.value(QStringLiteral("width")).toInt(), 900);
    m_imageId = image.value(QStringLiteral("id")).toString();
    QCOMPARE(files.at(1).toObject().value(QStringLiteral("media")).toObject().value(QStringLiteral("mime")).toString(),
             QStringLiteral("text/plain"));
}

void MediaCliTest::downloadWholeAndThumbnail()
{
    QVERIFY(!m_imageId.isEmpty());
    QTemporaryDir out;
    CliRun run = cli({QStringLiteral("download"), m_imageId, out.path()});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QByteArray saved = readFile(out.filePath(QStringLiteral("garden.png")));
    QCOMPARE(QImage::fromData(saved).size(), QSize(900, 600));
    QVERIFY(!saved.contains("secret-garden")); // the metadata stayed behind on the server
    auto described = waitTask(m_friend->api->get(QStringLiteral("/v1/media/%1").arg(m_imageId)));
    QVERIFY(described);
    QCOMPARE(sha256Hex(saved), described->body.value(QStringLiteral("sha256")).toString());

    const QString thumb = out.filePath(QStringLiteral("small.png"));
    run = cli({QStringLiteral("download"), m_imageId, thumb, QStringLiteral("--thumbnail")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(QImage::fromData(readFile(thumb)).size(), QSize(320, 213));
    QVERIFY(!QFile::exists(thumb + QStringLiteral(".part")));

    // A file that does not exist.
    run = cli({QStringLiteral("download"), QStringLiteral("md_999999"), out.path()});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("not_found")), qPrintable(run.err));
}

void MediaCliTest::postWithAnImage()
{
    const CliRun run = cli({QStringLiteral("post"), QStringLiteral("Garden day"), QStringLiteral("--image"), m_imagePath,
                            QStringLiteral("--alt"), QStringLiteral("The garden in orange")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QStringList lines = run.out.trimmed().split(u'\n');
    QVERIFY2(lines.last().startsWith(QStringLiteral("posted p_")), qPrintable(run.out));
    const QString postId = lines.last().mid(7);
    auto post = waitTask(m_friend->api->get(QStringLiteral("/v1/posts/%1").arg(postId)));
    QVERIFY(post);
    const QJsonArray images = post->body.value(QStringLiteral("images")).toArray();
    QCOMPARE(images.size(), 1);
    QCOMPARE(images.at(0).toObject().value(QStringLiteral("alt")).toString(), QStringLiteral("The garden in orange"));
    // Anyone signed in sees a post's image.
    const QString id = images.at(0).toObject().value(QStringLiteral("media")).toObject().value(QStringLiteral("id")).toString();
    QVERIFY(waitTask(m_friend->api->get(QStringLiteral("/v1/media/%1").arg(id))));
}

void MediaCliTest::lostAnswersDuringAnUpload()
{
    // Another device of the same account, through a proxy that loses the answers of two chunks
    // after the server has stored them: the upload asks where to go on, and the file arrives whole.
    DropProxy proxy(quint16(m_server->url().port()));
    QVERIFY(proxy.listening());
    proxy.setWatched("PUT /v1/uploads/");
    int seen = 0;
    QObject::connect(&proxy, &DropProxy::watchedRequest, &proxy, [&](const QString &) {
        ++seen;
        proxy.setDropping(seen == 2 || seen == 4);
    });
    QTemporaryDir data;
    QTemporaryDir config;
    auto viaProxy = [&](const QStringList &args, const QByteArray &in = {}) {
        return runCli(args, in, cliEnvironment(kPassphrase), data.path(), config.path());
    };
    CliRun run = viaProxy({QStringLiteral("login"), QStringLiteral("--server"), proxy.url().toString(), QStringLiteral("--handle"),
                           m_handle, QStringLiteral("--password-stdin")},
                          kPassword.toUtf8() + '\n');
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QByteArray bytes(5 * 1024 * 1024 + 123, Qt::Uninitialized);
    QRandomGenerator gen(41);
    gen.fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    const QString path = m_files.filePath(QStringLiteral("archive.bin"));
    QVERIFY(writeFile(path, bytes));
    run = viaProxy({QStringLiteral("upload"), path});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
    QCOMPARE(proxy.dropped(), 2);
    const QString id = mediaIdIn(run.out);
    QVERIFY2(!id.isEmpty(), qPrintable(run.out));
    // Downloaded back through the same lossless path: byte for byte.
    QTemporaryDir out;
    run = cli({QStringLiteral("download"), id, out.filePath(QStringLiteral("back.bin"))});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(readFile(out.filePath(QStringLiteral("back.bin"))), bytes);
}

void MediaCliTest::killedMidUploadResumesOnce()
{
    // Another device of the same account, through a proxy that counts what crosses it.
    DropProxy proxy(quint16(m_server->url().port()));
    QVERIFY(proxy.listening());
    proxy.setWatched("PUT /v1/uploads/");
    QTemporaryDir data;
    QTemporaryDir config;
    auto viaProxy = [&](const QStringList &args, const QByteArray &in = {}) {
        return runCli(args, in, cliEnvironment(kPassphrase), data.path(), config.path());
    };
    CliRun run = viaProxy({QStringLiteral("login"), QStringLiteral("--server"), proxy.url().toString(), QStringLiteral("--handle"),
                           m_handle, QStringLiteral("--password-stdin")},
                          kPassword.toUtf8() + '\n');
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    constexpr qsizetype kSize = 24 * 1024 * 1024;
    QByteArray bytes(kSize, Qt::Uninitialized);
    QRandomGenerator gen(2026);
    gen.fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    const QString path = m_files.filePath(QStringLiteral("big.bin"));
    QVERIFY(writeFile(path, bytes));
    const QStringList attach{QStringLiteral("attach"), u'@' + m_friend->handle, path, QStringLiteral("--text"),
                             QStringLiteral("The big one")};
    const QString conversation = [&] {
        auto list = waitTask(m_friend->api->get(QStringLiteral("/v1/conversations")));
        return list ? list->body.value(QStringLiteral("items")).toArray().at(0).toObject().value(QStringLiteral("id")).toString()
                    : QString();
    }();
    QVERIFY(!conversation.isEmpty()); // attachToAChat made it
    auto bigOnes = [&]() {
        QJsonArray found;
        auto page = waitTask(m_friend->api->get(QStringLiteral("/v1/conversations/%1/messages").arg(conversation)));
        for (const QJsonValue &v : page ? page->body.value(QStringLiteral("items")).toArray() : QJsonArray()) {
            if (v.toObject().value(QStringLiteral("text")).toString() == u"The big one")
                found.append(v);
        }
        return found;
    };

    // SIGKILL while the 9th chunk is on its way (8 MiB are on the server, maybe 9).
    QProcess first;
    first.setProcessEnvironment(cliEnvironment(kPassphrase));
    int puts = 0;
    QObject::connect(&proxy, &DropProxy::watchedRequest, &proxy, [&](const QString &) {
        if (++puts == 9)
            first.kill();
    });
    proxy.count("POST /v1/uploads ");
    first.start(QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("plaza-cli")),
                attach + QStringList{QStringLiteral("--data-dir"), data.path(), QStringLiteral("--config-dir"), config.path(),
                                     QStringLiteral("--no-keychain")});
    QVERIFY(first.waitForStarted(5000));
    first.closeWriteChannel();
    QTRY_VERIFY_WITH_TIMEOUT(first.state() == QProcess::NotRunning, 60000);
    QCOMPARE(first.exitStatus(), QProcess::CrashExit);
    QCOMPARE(puts, 9);
    QCOMPARE(proxy.counted("POST /v1/uploads "), 1);
    QCOMPARE(bigOnes().size(), 0);
    QObject::disconnect(&proxy, &DropProxy::watchedRequest, &proxy, nullptr);

    // The same command again: it finds the message it queued and goes on where the server is.
    puts = 0;
    QObject::connect(&proxy, &DropProxy::watchedRequest, &proxy, [&](const QString &) { ++puts; });
    run = viaProxy(attach);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
    QVERIFY2(run.out.contains(QStringLiteral("resuming the files queued earlier")), qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("with 1 file")), qPrintable(run.out));
    QCOMPARE(proxy.counted("POST /v1/uploads "), 1); // no second upload
    QVERIFY2(puts <= 24 - 8 + 1, qPrintable(QString::number(puts)));
    QVERIFY(puts >= 24 - 9);
    // Its first progress line starts from the 8 MiB the server had, not from 0.
    QVERIFY2(run.err.contains(QStringLiteral("big.bin: 8.0 MB of 24.0 MB")) || run.err.contains(QStringLiteral("big.bin: 9.0 MB of 24.0 MB")),
             qPrintable(run.err.left(200)));
    QVERIFY2(!run.err.contains(QStringLiteral("big.bin: 1.0 MB of")), qPrintable(run.err.left(200)));

    // One message, one file, byte for byte; and a later command sends nothing more.
    const QJsonArray found = bigOnes();
    QCOMPARE(found.size(), 1);
    const QJsonArray files = found.at(0).toObject().value(QStringLiteral("attachments")).toArray();
    QCOMPARE(files.size(), 1);
    const QString id = files.at(0).toObject().value(QStringLiteral("media")).toObject().value(QStringLiteral("id")).toString();
    QTemporaryDir out;
    run = cli({QStringLiteral("download"), id, out.filePath(QStringLiteral("back.bin"))});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(sha256Hex(readFile(out.filePath(QStringLiteral("back.bin")))), sha256Hex(bytes));
    run = viaProxy({QStringLiteral("chats")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(bigOnes().size(), 1);
    QCOMPARE(proxy.counted("POST /v1/uploads "), 1);
}

void MediaCliTest::usage()
{
    CliRun run = cli({QStringLiteral("attach"), u'@' + m_friend->handle});
    QCOMPARE(run.exitCode, 2);
    run = cli({QStringLiteral("attach"), u'@' + m_friend->handle, m_files.filePath(QStringLiteral("missing.jpg"))});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("is not a file")), qPrintable(run.err));
    run = cli({QStringLiteral("upload")});
    QCOMPARE(run.exitCode, 2);
    run = cli({QStringLiteral("download")});
    QCOMPARE(run.exitCode, 2);
    const QString empty = m_files.filePath(QStringLiteral("empty.txt"));
    QVERIFY(writeFile(empty, {}));
    run = cli({QStringLiteral("upload"), empty});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("empty")), qPrintable(run.err));
    run = cli({QStringLiteral("post"), QStringLiteral("x"), QStringLiteral("--image"), m_imagePath, QStringLiteral("--alt"),
               QStringLiteral("a"), QStringLiteral("--alt"), QStringLiteral("b")});
    QCOMPARE(run.exitCode, 2);
}

QTEST_GUILESS_MAIN(MediaCliTest)
#include "tst_mediacli.moc"
