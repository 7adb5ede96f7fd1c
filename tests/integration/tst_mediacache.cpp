// SPDX-License-Identifier: MIT
// Media on this device against the real server and a real SQLCipher cache (issue 16): a
// thumbnail and a file someone sent are fetched once and then served from the cache, also
// with the server down; nothing of them is readable under the app's folders (no PNG or
// JPEG header, no file name); the cache stays within its bound, oldest shown first out,
// and can be cleared.
#include "integrationutil.h"

#include "common/testserver.h"
#include "media/mediacache.h"
#include "media/mediatransfer.h"
#include "protocol/media.h"
#include "storage/cache.h"
#include "storage/database.h"

#include <QDirIterator>
#include <QImage>
#include <QJsonDocument>
#include <QJsonArray>
#include <QTest>
#include <QUuid>

using namespace plaza;
using namespace plaza::test;

namespace {

const QString kPassword = QStringLiteral("media cache password");
const QString kPassphrase = QStringLiteral("media cache passphrase");

//! Every byte of every file under \a dir.
QByteArray everyFile(const QString &dir)
{
    QByteArray all;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly))
            all += f.readAll();
    }
    return all;
}

} // namespace

class MediaCacheTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void attachmentsAreKept();
    void fetchedOnceThenFromTheCache();
    void nothingReadableAtRest();
    void offline();
    void boundedAndCleared();

private:
    QString sendFile(const QString &path, const QString &alt);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<SessionFixture> m_fixture;
    std::optional<RemoteUser> m_friend;
    std::unique_ptr<media::MediaCache> m_cache;
    QTemporaryDir m_files;
    QString m_conversation;
    QString m_photo;   //!< an image sent by the friend
    QString m_notes;   //!< a text file sent by the friend
    QString m_unshown; //!< an image never fetched
};

QString MediaCacheTest::sendFile(const QString &path, const QString &alt)
{
    auto uploaded = waitTask(media::upload(*m_friend->api, path));
    if (!uploaded) {
        qWarning() << "upload:" << uploaded.error().message;
        return {};
    }
    const QJsonObject body{{QStringLiteral("client_id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                           {QStringLiteral("attachments"),
                            QJsonArray{QJsonObject{{QStringLiteral("media_id"), uploaded->id}, {QStringLiteral("alt"), alt}}}}};
    auto sent = waitTask(m_friend->api->post(QStringLiteral("/v1/conversations/%1/messages").arg(m_conversation), body));
    if (!sent)
        qWarning() << "send:" << sent.error().message;
    return sent ? uploaded->id : QString();
}

void MediaCacheTest::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    m_friend = registerUser(m_server->url(), QStringLiteral("mediafriend"), kPassword);
    QVERIFY(m_friend);
    m_fixture = std::make_unique<SessionFixture>();
    const QString handle = uniqueHandle(QStringLiteral("mediame"));
    QVERIFY(createAccount(*m_fixture->session, m_server->url(), handle, QStringLiteral("Mé Dia"), kPassword, kPassphrase));
    auto conversation = createConversation(*m_friend, {m_fixture->session->userId()});
    QVERIFY(conversation);
    m_conversation = *conversation;

    for (const auto &[name, colour] : {std::pair{"secret-meadow.png", Qt::darkGreen}, std::pair{"secret-field.png", Qt::darkBlue}}) {
        QImage image(1000, 700, QImage::Format_RGB32);
        image.fill(colour);
        QVERIFY(image.save(m_files.filePath(QString::fromLatin1(name)), "PNG"));
    }
    QFile notes(m_files.filePath(QStringLiteral("secret-notes.txt")));
    QVERIFY(notes.open(QIODevice::WriteOnly));
    notes.write(QByteArray("TOP-SECRET-LINE\n").repeated(100));
    notes.close();
    m_photo = sendFile(m_files.filePath(QStringLiteral("secret-meadow.png")), QStringLiteral("A meadow"));
    m_notes = sendFile(m_files.filePath(QStringLiteral("secret-notes.txt")), {});
    m_unshown = sendFile(m_files.filePath(QStringLiteral("secret-field.png")), QStringLiteral("A field"));
    QVERIFY(!m_photo.isEmpty() && !m_notes.isEmpty() && !m_unshown.isEmpty());
    m_cache = std::make_unique<media::MediaCache>(m_fixture->session.get());
}

void MediaCacheTest::attachmentsAreKept()
{
    // The three messages reach the cache by sync with their attachments, alt text included.
    auto db = m_fixture->session->cache()->openConnection();
    QVERIFY(db);
    auto count = [&] {
        auto n = (*db)->scalar(QStringLiteral("SELECT count(*) FROM messages WHERE attachments IS NOT NULL;"));
        return n ? *n : qint64(-1);
    };
    QTRY_COMPARE_WITH_TIMEOUT(count(), qint64(3), 20000);
    auto stmt = (*db)->prepare(QStringLiteral("SELECT attachments FROM messages WHERE attachments LIKE ?1;"));
    QVERIFY(stmt);
    stmt->bindAll(QStringLiteral("%") + m_photo + QStringLiteral("%"));
    auto row = stmt->step();
    QVERIFY(row && *row);
    const QJsonArray list = QJsonDocument::fromJson(stmt->text(0).toUtf8()).array();
    QCOMPARE(list.size(), 1);
    auto attachment = protocol::Attachment::fromJson(list.at(0).toObject());
    QVERIFY(attachment);
    QCOMPARE(attachment->alt, QStringLiteral("A meadow"));
    QCOMPARE(attachment->media.width, 1000);
    QCOMPARE(attachment->media.name, QStringLiteral("secret-meadow.png"));
}

void MediaCacheTest::fetchedOnceThenFromTheCache()
{
    QCOMPARE(m_cache->cached(m_photo, media::MediaCache::Variant::Thumbnail).error().code, ErrorCode::NotFound);
    auto thumb = waitTask(m_cache->bytes(m_photo, media::MediaCache::Variant::Thumbnail));
    QVERIFY2(thumb, thumb ? "" : qPrintable(thumb.error().message));
    QCOMPARE(QImage::fromData(*thumb).size(), QSize(320, 224));
    auto kept = m_cache->cached(m_photo, media::MediaCache::Variant::Thumbnail);
    QVERIFY(kept);
    QCOMPARE(*kept, *thumb);
    auto file = waitTask(m_cache->bytes(m_notes, media::MediaCache::Variant::Content));
    QVERIFY(file);
    QCOMPARE(*file, QByteArray("TOP-SECRET-LINE\n").repeated(100));
    QCOMPARE(m_cache->usedBytes(), qint64(thumb->size() + file->size()));
    // Someone else's file that nobody showed us: refused by the server, nothing kept.
    auto stranger = waitTask(m_cache->bytes(QStringLiteral("md_999999"), media::MediaCache::Variant::Thumbnail));
    QVERIFY(!stranger);
    QCOMPARE(stranger.error().code, ErrorCode::NotFound);
}

void MediaCacheTest::nothingReadableAtRest()
{
    QVERIFY(waitIdle(*m_fixture->session));
    const QByteArray disk = everyFile(m_fixture->data.path()) + everyFile(m_fixture->config.path());
    QVERIFY(disk.size() > 10000);
    QVERIFY(!disk.contains("\x89PNG\r\n\x1a\n"));
    QVERIFY(!disk.contains("IHDR"));
    QVERIFY(!disk.contains("JFIF"));
    QVERIFY(!disk.contains("TOP-SECRET-LINE"));
    QVERIFY(!disk.contains("secret-"));
    QVERIFY(!disk.contains(QStringLiteral("A meadow").toUtf8()));
}

void MediaCacheTest::offline()
{
    QVERIFY(m_server->stop());
    auto thumb = waitTask(m_cache->bytes(m_photo, media::MediaCache::Variant::Thumbnail));
    QVERIFY(thumb);
    QCOMPARE(QImage::fromData(*thumb).size(), QSize(320, 224));
    auto never = waitTask(m_cache->bytes(m_unshown, media::MediaCache::Variant::Thumbnail));
    QVERIFY(!never);
    QCOMPARE(never.error().code, ErrorCode::Network);
    QVERIFY(m_server->start());
}

void MediaCacheTest::boundedAndCleared()
{
    QVERIFY(waitTask(m_cache->bytes(m_unshown, media::MediaCache::Variant::Thumbnail)));
    // Room for the newest thumbnail only: the notes and the older thumbnail go, oldest shown first.
    auto newest = m_cache->cached(m_unshown, media::MediaCache::Variant::Thumbnail);
    QVERIFY(newest);
    QVERIFY(waitTask(m_cache->setLimitBytes(newest->size())));
    QCOMPARE(m_cache->usedBytes(), qint64(newest->size()));
    QVERIFY(m_cache->cached(m_unshown, media::MediaCache::Variant::Thumbnail));
    QCOMPARE(m_cache->cached(m_photo, media::MediaCache::Variant::Thumbnail).error().code, ErrorCode::NotFound);
    QCOMPARE(m_cache->cached(m_notes, media::MediaCache::Variant::Content).error().code, ErrorCode::NotFound);
    QVERIFY(waitTask(m_cache->clearAll()));
    QCOMPARE(m_cache->usedBytes(), qint64(0));
    QCOMPARE(m_cache->cached(m_unshown, media::MediaCache::Variant::Thumbnail).error().code, ErrorCode::NotFound);
    m_cache->refreshUsage();
    QCOMPARE(m_cache->usedBytes(), qint64(0));
}

QTEST_GUILESS_MAIN(MediaCacheTest)
#include "tst_mediacache.moc"
