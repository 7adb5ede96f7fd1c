// SPDX-License-Identifier: MIT
// Media against the real server (docs/api.md "Media"): resumable uploads at explicit offsets
// (a wrong offset is 409, a dropped connection loses nothing, 100 MiB interrupted three times
// and resumed arrives byte-identical), the hash checked at the end, types sniffed from the
// bytes (a lying MIME type changes nothing), images re-encoded without their metadata and
// with a thumbnail, a decompression bomb refused, Range downloads, who may fetch a file,
// attachments on messages and posts, quotas, and the sweep of what expired.

#include "apiprobe.h"
#include "common/testserver.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTest>

using namespace plaza::test;

namespace {

QString sha256Hex(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

quint32 crc32(const QByteArray &bytes)
{
    quint32 crc = 0xffffffffu;
    for (char c : bytes) {
        crc ^= quint8(c);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

QByteArray be32(quint32 v)
{
    QByteArray out(4, '\0');
    for (int i = 0; i < 4; ++i)
        out[i] = char((v >> (24 - 8 * i)) & 0xff);
    return out;
}

QByteArray pngChunk(const QByteArray &type, const QByteArray &data)
{
    return be32(quint32(data.size())) + type + data + be32(crc32(type + data));
}

//! A photo with a secret in its metadata: a PNG with a text chunk naming where it was taken.
QByteArray pngWithMetadata(int w, int h)
{
    QImage image(w, h, QImage::Format_RGB32);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            image.setPixel(x, y, qRgb(x % 256, y % 256, (x + y) % 256));
    image.setText(QStringLiteral("GPSLocation"), QStringLiteral("48.8584 N 2.2945 E secret-place"));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "png");
    writer.write(image);
    return bytes;
}

//! A JPEG with an EXIF segment (APP1) holding a GPS tag's worth of text.
QByteArray jpegWithExif(int w, int h)
{
    QImage image(w, h, QImage::Format_RGB32);
    image.fill(qRgb(30, 120, 200));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "jpeg");
    writer.write(image);
    const QByteArray payload = QByteArrayLiteral("Exif\0\0") + QByteArrayLiteral("GPSLatitude secret-place 48.8584");
    QByteArray app1 = QByteArrayLiteral("\xff\xe1");
    const quint16 length = quint16(payload.size() + 2);
    app1.append(char(length >> 8)).append(char(length & 0xff)).append(payload);
    return bytes.left(2) + app1 + bytes.mid(2); // right after SOI
}

//! A PNG whose header says 20000 × 20000 pixels (400 MP) around a tiny body: a bomb.
QByteArray pngBomb()
{
    QByteArray ihdr = be32(20000) + be32(20000);
    ihdr.append(char(8)).append(char(2)).append(char(0)).append(char(0)).append(char(0));
    return QByteArrayLiteral("\x89PNG\r\n\x1a\n") + pngChunk("IHDR", ihdr) + pngChunk("IDAT", qCompress(QByteArray(4096, '\0')).mid(4))
        + pngChunk("IEND", {});
}

QByteArray randomBytes(qsizetype n, quint32 seed)
{
    QByteArray out(n, Qt::Uninitialized);
    QRandomGenerator gen(seed);
    gen.fillRange(reinterpret_cast<quint32 *>(out.data()), n / 4);
    return out;
}

} // namespace

class TestServerMedia : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void imageLosesItsMetadata();
    void jpegLosesExif();
    void lyingMimeType();
    void textFileAndName();
    void brokenImageIsRefused();
    void decompressionBomb();
    void wrongOffsetIsConflict();
    void hashMismatch();
    void createValidation();
    void chunkTooLarge();
    void rangeDownloads();
    void whoMayFetch();
    void messageAttachments();
    void postImages();
    void openUploadQuota();
    void hundredMegabytesInterruptedThreeTimes();
    void sameBytesStoredOnce();
    void expiredUploadsAndUnattachedFilesGo();

private:
    //! Creates an upload, sends \a bytes in chunks of \a chunk, finishes it: the finish reply.
    ApiReply upload(const TestAccount &who, const QByteArray &bytes, const QString &name,
                    const QString &mime = QStringLiteral("application/octet-stream"), qsizetype chunk = 1024 * 1024);
    QJsonObject create(const TestAccount &who, qint64 size, const QString &sha, const QString &name = QStringLiteral("f"));
    ApiReply put(const TestAccount &who, const QString &uploadId, qint64 offset, const QByteArray &bytes);
    QString conversation(const TestAccount &by, const QString &other);
    int blobFiles() const;

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiProbe> m_api;
    TestAccount m_amelie;
    TestAccount m_bruno;
    TestAccount m_chloe;
    TestAccount m_dana; //!< for the quota test alone
    int m_counter = 0;
};

void TestServerMedia::initTestCase()
{
    m_server = std::make_unique<TestServer>(
        QStringList{QStringLiteral("--test-clock"), QStringLiteral("--media-sweep"), QStringLiteral("1")});
    PLAZA_VERIFY_START(*m_server);
    m_api = std::make_unique<ApiProbe>(m_server->url());
    m_amelie = m_api->registerAccount(QStringLiteral("amelie"));
    m_bruno = m_api->registerAccount(QStringLiteral("bruno"));
    m_chloe = m_api->registerAccount(QStringLiteral("chloe"));
    m_dana = m_api->registerAccount(QStringLiteral("dana"));
    QVERIFY(!m_amelie.id.isEmpty() && !m_bruno.id.isEmpty() && !m_chloe.id.isEmpty() && !m_dana.id.isEmpty());
}

QJsonObject TestServerMedia::create(const TestAccount &who, qint64 size, const QString &sha, const QString &name)
{
    const ApiReply r = m_api->post(QStringLiteral("/v1/uploads"),
                                   {{QStringLiteral("size"), size}, {QStringLiteral("sha256"), sha}, {QStringLiteral("name"), name}},
                                   who.accessToken);
    if (r.status != 201)
        qWarning() << "create upload:" << r.status << r.body;
    return r.json;
}

ApiReply TestServerMedia::put(const TestAccount &who, const QString &uploadId, qint64 offset, const QByteArray &bytes)
{
    return m_api->send("PUT", QStringLiteral("/v1/uploads/%1?offset=%2").arg(uploadId).arg(offset), bytes, who.accessToken,
                       {{"Content-Type", "application/octet-stream"}});
}

ApiReply TestServerMedia::upload(const TestAccount &who, const QByteArray &bytes, const QString &name, const QString &mime,
                                 qsizetype chunk)
{
    const ApiReply created = m_api->post(QStringLiteral("/v1/uploads"),
                                         {{QStringLiteral("size"), qint64(bytes.size())},
                                          {QStringLiteral("sha256"), sha256Hex(bytes)},
                                          {QStringLiteral("name"), name},
                                          {QStringLiteral("mime"), mime}},
                                         who.accessToken);
    if (created.status != 201)
        return created;
    const QString id = created.json.value(QStringLiteral("id")).toString();
    for (qsizetype at = 0; at < bytes.size(); at += chunk) {
        const ApiReply r = put(who, id, at, bytes.mid(at, chunk));
        if (r.status != 200)
            return r;
    }
    return m_api->post(QStringLiteral("/v1/uploads/%1/complete").arg(id), {}, who.accessToken);
}

QString TestServerMedia::conversation(const TestAccount &by, const QString &other)
{
    const ApiReply r = m_api->post(QStringLiteral("/v1/conversations"),
                                   {{QStringLiteral("member_ids"), QJsonArray{other}}}, by.accessToken);
    return r.json.value(QStringLiteral("id")).toString();
}

int TestServerMedia::blobFiles() const
{
    int n = 0;
    QDirIterator it(m_server->dataDir() + QStringLiteral("/media"), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        ++n;
    }
    return n;
}

void TestServerMedia::imageLosesItsMetadata()
{
    const QByteArray original = pngWithMetadata(800, 600);
    QVERIFY(original.contains("secret-place"));
    const ApiReply done = upload(m_amelie, original, QStringLiteral("holiday.png"), QStringLiteral("image/png"));
    QCOMPARE(done.status, 201);
    const QJsonObject m = done.json;
    QVERIFY(m.value(QStringLiteral("id")).toString().startsWith(u"md_"));
    QCOMPARE(m.value(QStringLiteral("kind")).toString(), QStringLiteral("image"));
    QCOMPARE(m.value(QStringLiteral("mime")).toString(), QStringLiteral("image/png"));
    QCOMPARE(m.value(QStringLiteral("width")).toInt(), 800);
    QCOMPARE(m.value(QStringLiteral("height")).toInt(), 600);
    QCOMPARE(m.value(QStringLiteral("thumbnail")).toBool(), true);

    const QString id = m.value(QStringLiteral("id")).toString();
    const ApiReply content = m_api->get(QStringLiteral("/v1/media/%1/content").arg(id), m_amelie.accessToken);
    QCOMPARE(content.status, 200);
    QVERIFY(!content.body.contains("secret-place"));
    QVERIFY(!content.body.contains("tEXt"));
    QCOMPARE(content.header("content-type"), QByteArray("image/png"));
    QCOMPARE(content.header("x-content-type-options"), QByteArray("nosniff"));
    QVERIFY(content.header("content-disposition").startsWith("inline; filename=\"holiday.png\""));
    QCOMPARE(sha256Hex(content.body), m.value(QStringLiteral("sha256")).toString());
    QCOMPARE(qint64(content.body.size()), m.value(QStringLiteral("size")).toInteger());
    const QImage decoded = QImage::fromData(content.body);
    QCOMPARE(decoded.size(), QSize(800, 600));
    QCOMPARE(decoded.pixel(10, 20), qRgb(10, 20, 30)); // the pixels themselves are kept

    const ApiReply thumb = m_api->get(QStringLiteral("/v1/media/%1/thumbnail").arg(id), m_amelie.accessToken);
    QCOMPARE(thumb.status, 200);
    QCOMPARE(QImage::fromData(thumb.body).size(), QSize(320, 240));
    QVERIFY(!thumb.body.contains("secret-place"));
}

void TestServerMedia::jpegLosesExif()
{
    const QByteArray original = jpegWithExif(640, 480);
    QVERIFY(original.contains("Exif"));
    QCOMPARE(QImage::fromData(original).size(), QSize(640, 480));
    const ApiReply done = upload(m_amelie, original, QStringLiteral("IMG_0001.JPG"), QStringLiteral("image/jpeg"));
    QCOMPARE(done.status, 201);
    QCOMPARE(done.json.value(QStringLiteral("mime")).toString(), QStringLiteral("image/jpeg"));
    QCOMPARE(done.json.value(QStringLiteral("name")).toString(), QStringLiteral("IMG_0001.jpg"));
    const ApiReply content
        = m_api->get(QStringLiteral("/v1/media/%1/content").arg(done.json.value(QStringLiteral("id")).toString()), m_amelie.accessToken);
    QCOMPARE(content.status, 200);
    QVERIFY(content.body.startsWith("\xff\xd8\xff"));
    QVERIFY(!content.body.contains("Exif"));
    QVERIFY(!content.body.contains("secret-place"));
    QCOMPARE(QImage::fromData(content.body).size(), QSize(640, 480));
}

void TestServerMedia::lyingMimeType()
{
    // Says it is a PNG; the bytes are a PDF: the bytes win, and it is served as a download.
    const QByteArray pdf = QByteArrayLiteral("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");
    const ApiReply done = upload(m_amelie, pdf, QStringLiteral("cat.png"), QStringLiteral("image/png"));
    QCOMPARE(done.status, 201);
    QCOMPARE(done.json.value(QStringLiteral("kind")).toString(), QStringLiteral("file"));
    QCOMPARE(done.json.value(QStringLiteral("mime")).toString(), QStringLiteral("application/pdf"));
    QCOMPARE(done.json.value(QStringLiteral("thumbnail")).toBool(), false);
    const QString id = done.json.value(QStringLiteral("id")).toString();
    const ApiReply content = m_api->get(QStringLiteral("/v1/media/%1/content").arg(id), m_amelie.accessToken);
    QCOMPARE(content.status, 200);
    QCOMPARE(content.body, pdf); // a file that is not an image is kept byte for byte
    QCOMPARE(content.header("content-type"), QByteArray("application/pdf"));
    QVERIFY(content.header("content-disposition").startsWith("attachment;"));
    QCOMPARE(m_api->get(QStringLiteral("/v1/media/%1/thumbnail").arg(id), m_amelie.accessToken).status, 404);

    // Says it is a PDF; the bytes are a PNG: an image.
    const ApiReply image = upload(m_amelie, pngWithMetadata(20, 10), QStringLiteral("doc.pdf"), QStringLiteral("application/pdf"));
    QCOMPARE(image.status, 201);
    QCOMPARE(image.json.value(QStringLiteral("kind")).toString(), QStringLiteral("image"));
    QCOMPARE(image.json.value(QStringLiteral("name")).toString(), QStringLiteral("doc.png"));
}

void TestServerMedia::textFileAndName()
{
    const QByteArray text = QStringLiteral("Liste de courses : pain, fromage, café ☕\n").toUtf8();
    const ApiReply done = upload(m_amelie, text, QStringLiteral("../../etc/pass\u0001wd<1>.txt"));
    QCOMPARE(done.status, 201);
    QCOMPARE(done.json.value(QStringLiteral("mime")).toString(), QStringLiteral("text/plain"));
    QCOMPARE(done.json.value(QStringLiteral("name")).toString(), QStringLiteral("pass_wd_1_.txt"));
    const ApiReply unicode = upload(m_amelie, text, QStringLiteral("café \"menu\".txt"));
    QCOMPARE(unicode.status, 201);
    const ApiReply content = m_api->get(
        QStringLiteral("/v1/media/%1/content").arg(unicode.json.value(QStringLiteral("id")).toString()), m_amelie.accessToken);
    QCOMPARE(content.header("content-disposition"),
             QByteArray("attachment; filename=\"caf_ _menu_.txt\"; filename*=UTF-8''caf%C3%A9%20_menu_.txt"));
}

void TestServerMedia::brokenImageIsRefused()
{
    QByteArray broken = QByteArrayLiteral("\x89PNG\r\n\x1a\n") + randomBytes(2000, 7);
    const ApiReply created = m_api->post(QStringLiteral("/v1/uploads"),
                                         {{QStringLiteral("size"), qint64(broken.size())}, {QStringLiteral("sha256"), sha256Hex(broken)}},
                                         m_amelie.accessToken);
    QCOMPARE(created.status, 201);
    const QString id = created.json.value(QStringLiteral("id")).toString();
    QCOMPARE(put(m_amelie, id, 0, broken).status, 200);
    const ApiReply done = m_api->post(QStringLiteral("/v1/uploads/%1/complete").arg(id), {}, m_amelie.accessToken);
    QCOMPARE(done.status, 400);
    QVERIFY(done.isEnvelope());
    QCOMPARE(done.errorCode(), QStringLiteral("validation_failed"));
    QCOMPARE(done.errorField(), QStringLiteral("file"));
    // Bytes that are wrong never get better: the upload is gone.
    QCOMPARE(m_api->get(QStringLiteral("/v1/uploads/%1").arg(id), m_amelie.accessToken).status, 404);
    QVERIFY(!QFile::exists(m_server->dataDir() + QStringLiteral("/uploads/") + id.mid(3) + QStringLiteral(".part")));
}

void TestServerMedia::decompressionBomb()
{
    const QByteArray bomb = pngBomb();
    QVERIFY(bomb.size() < 4096);
    QCOMPARE(QImageReader(new QBuffer(new QByteArray(bomb)), "png").size(), QSize(20000, 20000));
    const ApiReply done = upload(m_amelie, bomb, QStringLiteral("bomb.png"));
    QCOMPARE(done.status, 413);
    QVERIFY(done.isEnvelope());
    QCOMPARE(done.errorCode(), QStringLiteral("payload_too_large"));
    QVERIFY2(done.errorMessage().contains(u"20000 × 20000"), qPrintable(done.errorMessage()));
    // The server is still there.
    QCOMPARE(m_api->get(QStringLiteral("/v1/health")).status, 200);
}

void TestServerMedia::wrongOffsetIsConflict()
{
    const QByteArray bytes = randomBytes(3000, 11);
    const QJsonObject u = create(m_amelie, bytes.size(), sha256Hex(bytes));
    const QString id = u.value(QStringLiteral("id")).toString();
    QCOMPARE(u.value(QStringLiteral("offset")).toInteger(), 0);
    ApiReply r = put(m_amelie, id, 1000, bytes.mid(1000, 1000));
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("conflict"));
    QCOMPARE(r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("details")).toObject().value(QStringLiteral("offset")).toInteger(), 0);
    QCOMPARE(put(m_amelie, id, 0, bytes.left(1000)).status, 200);
    // The same chunk again (its answer was lost): 409 says where to go on.
    r = put(m_amelie, id, 0, bytes.left(1000));
    QCOMPARE(r.status, 409);
    QCOMPARE(r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("details")).toObject().value(QStringLiteral("offset")).toInteger(), 1000);
    // Past the declared size.
    r = put(m_amelie, id, 1000, bytes.mid(1000) + "x");
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("body"));
    // No offset, a bad offset, no body.
    QCOMPARE(m_api->send("PUT", QStringLiteral("/v1/uploads/%1").arg(id), "abc", m_amelie.accessToken).status, 400);
    QCOMPARE(m_api->send("PUT", QStringLiteral("/v1/uploads/%1?offset=-3").arg(id), "abc", m_amelie.accessToken).status, 400);
    QCOMPARE(put(m_amelie, id, 1000, {}).status, 400);
    // Finishing early: 409 with the offset.
    r = m_api->post(QStringLiteral("/v1/uploads/%1/complete").arg(id), {}, m_amelie.accessToken);
    QCOMPARE(r.status, 409);
    QCOMPARE(put(m_amelie, id, 1000, bytes.mid(1000)).status, 200);
    r = m_api->post(QStringLiteral("/v1/uploads/%1/complete").arg(id), {}, m_amelie.accessToken);
    QCOMPARE(r.status, 201);
    // Finishing again gives the same file; sending more is a conflict.
    const ApiReply again = m_api->post(QStringLiteral("/v1/uploads/%1/complete").arg(id), {}, m_amelie.accessToken);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json.value(QStringLiteral("id")), r.json.value(QStringLiteral("id")));
    QCOMPARE(put(m_amelie, id, 3000, "x").status, 409);
    // Someone else's upload does not exist for them.
    QCOMPARE(m_api->get(QStringLiteral("/v1/uploads/%1").arg(id), m_bruno.accessToken).status, 404);
    QCOMPARE(put(m_bruno, id, 0, "x").status, 404);
    QCOMPARE(m_api->get(QStringLiteral("/v1/uploads/up_999999"), m_amelie.accessToken).status, 404);
    QCOMPARE(m_api->get(QStringLiteral("/v1/uploads/nonsense"), m_amelie.accessToken).status, 404);
}

void TestServerMedia::hashMismatch()
{
    const QByteArray bytes = randomBytes(5000, 13);
    const QString id = create(m_amelie, bytes.size(), sha256Hex(bytes + "!")).value(QStringLiteral("id")).toString();
    QCOMPARE(put(m_amelie, id, 0, bytes).status, 200);
    const ApiReply r = m_api->post(QStringLiteral("/v1/uploads/%1/complete").arg(id), {}, m_amelie.accessToken);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("sha256"));
}

void TestServerMedia::createValidation()
{
    const QString sha = sha256Hex("x");
    auto post = [&](const QJsonObject &body) { return m_api->post(QStringLiteral("/v1/uploads"), body, m_amelie.accessToken); };
    ApiReply r = post({{QStringLiteral("size"), 0}, {QStringLiteral("sha256"), sha}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("size"));
    r = post({{QStringLiteral("size"), 100LL * 1024 * 1024 + 1}, {QStringLiteral("sha256"), sha}});
    QCOMPARE(r.status, 413);
    QCOMPARE(r.errorField(), QStringLiteral("size"));
    r = post({{QStringLiteral("size"), 1.5}, {QStringLiteral("sha256"), sha}});
    QCOMPARE(r.status, 400);
    r = post({{QStringLiteral("size"), QStringLiteral("12")}, {QStringLiteral("sha256"), sha}});
    QCOMPARE(r.status, 400);
    r = post({{QStringLiteral("size"), 10}, {QStringLiteral("sha256"), sha.toUpper()}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("sha256"));
    r = post({{QStringLiteral("size"), 10}});
    QCOMPARE(r.status, 400);
    QCOMPARE(m_api->send("POST", QStringLiteral("/v1/uploads"), "{not json", m_amelie.accessToken).status, 400);
    QCOMPARE(m_api->post(QStringLiteral("/v1/uploads"), {{QStringLiteral("size"), 10}, {QStringLiteral("sha256"), sha}}).status, 401);
}

void TestServerMedia::chunkTooLarge()
{
    const QByteArray bytes = randomBytes(1024 * 1024 + 16, 17);
    const QString id = create(m_amelie, bytes.size(), sha256Hex(bytes)).value(QStringLiteral("id")).toString();
    const ApiReply r = put(m_amelie, id, 0, bytes);
    QCOMPARE(r.status, 413);
    QCOMPARE(m_api->get(QStringLiteral("/v1/uploads/%1").arg(id), m_amelie.accessToken).json.value(QStringLiteral("offset")).toInteger(), 0);
    QCOMPARE(m_api->del(QStringLiteral("/v1/uploads/%1").arg(id), m_amelie.accessToken).status, 204);
    QCOMPARE(m_api->get(QStringLiteral("/v1/uploads/%1").arg(id), m_amelie.accessToken).status, 404);
}

void TestServerMedia::rangeDownloads()
{
    const QByteArray bytes = randomBytes(10000, 19);
    const ApiReply done = upload(m_amelie, bytes, QStringLiteral("data.bin"));
    QCOMPARE(done.status, 201);
    const QString path = QStringLiteral("/v1/media/%1/content").arg(done.json.value(QStringLiteral("id")).toString());
    auto ranged = [&](const QByteArray &range) { return m_api->send("GET", path, {}, m_amelie.accessToken, {{"Range", range}}); };
    ApiReply r = ranged("bytes=0-9");
    QCOMPARE(r.status, 206);
    QCOMPARE(r.body, bytes.left(10));
    QCOMPARE(r.header("content-range"), QByteArray("bytes 0-9/10000"));
    r = ranged("bytes=9990-");
    QCOMPARE(r.status, 206);
    QCOMPARE(r.body, bytes.mid(9990));
    r = ranged("bytes=-5");
    QCOMPARE(r.body, bytes.right(5));
    r = ranged("bytes=5000-999999");
    QCOMPARE(r.body, bytes.mid(5000));
    r = ranged("bytes=10000-");
    QCOMPARE(r.status, 416);
    QCOMPARE(r.header("content-range"), QByteArray("bytes */10000"));
    QVERIFY(r.isEnvelope());
    r = ranged("bytes=0-1,5-6"); // several ranges: the whole file
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, bytes);
    QCOMPARE(r.header("accept-ranges"), QByteArray("bytes"));
}

void TestServerMedia::whoMayFetch()
{
    const ApiReply done = upload(m_amelie, pngWithMetadata(40, 30), QStringLiteral("p.png"));
    QCOMPARE(done.status, 201);
    const QString id = done.json.value(QStringLiteral("id")).toString();
    // Not attached: only its owner.
    QCOMPARE(m_api->get(QStringLiteral("/v1/media/%1").arg(id), m_amelie.accessToken).status, 200);
    QCOMPARE(m_api->get(QStringLiteral("/v1/media/%1").arg(id), m_bruno.accessToken).status, 403);
    QCOMPARE(m_api->get(QStringLiteral("/v1/media/%1/content").arg(id), m_bruno.accessToken).status, 403);
    QCOMPARE(m_api->get(QStringLiteral("/v1/media/%1/thumbnail").arg(id), m_bruno.accessToken).status, 403);
    QCOMPARE(m_api->get(QStringLiteral("/v1/media/%1").arg(id)).status, 401);
    QCOMPARE(m_api->get(QStringLiteral("/v1/media/md_999999"), m_amelie.accessToken).status, 404);
    // In a message to Bruno: Bruno may, Chloé may not.
    const QString ab = conversation(m_amelie, m_bruno.id);
    const ApiReply sent = m_api->post(QStringLiteral("/v1/conversations/%1/messages").arg(ab),
                                      {{QStringLiteral("client_id"), QStringLiteral("who-1")},
                                       {QStringLiteral("attachments"), QJsonArray{QJsonObject{{QStringLiteral("media_id"), id}}}}},
                                      m_amelie.accessToken);
    QCOMPARE(sent.status, 201);
    QCOMPARE(m_api->get(QStringLiteral("/v1/media/%1/content").arg(id), m_bruno.accessToken).status, 200);
    QCOMPARE(m_api->get(QStringLiteral("/v1/media/%1/content").arg(id), m_chloe.accessToken).status, 403);
    // Bruno cannot attach Amélie's file himself.
    const ApiReply stolen = m_api->post(QStringLiteral("/v1/conversations/%1/messages").arg(ab),
                                        {{QStringLiteral("client_id"), QStringLiteral("who-2")},
                                         {QStringLiteral("text"), QStringLiteral("mine now")},
                                         {QStringLiteral("attachments"), QJsonArray{QJsonObject{{QStringLiteral("media_id"), id}}}}},
                                        m_bruno.accessToken);
    QCOMPARE(stolen.status, 404);
    QCOMPARE(stolen.errorField(), QStringLiteral("attachments[0].media_id"));
}

void TestServerMedia::messageAttachments()
{
    const QString ab = conversation(m_amelie, m_bruno.id);
    const qsizetype before = m_api->get(QStringLiteral("/v1/conversations/%1/messages").arg(ab), m_amelie.accessToken)
                                 .json.value(QStringLiteral("items"))
                                 .toArray()
                                 .size();
    const ApiReply image = upload(m_amelie, pngWithMetadata(64, 48), QStringLiteral("a.png"));
    const ApiReply file = upload(m_amelie, QByteArrayLiteral("%PDF-1.7\nreport\n"), QStringLiteral("report.pdf"));
    QCOMPARE(image.status, 201);
    QCOMPARE(file.status, 201);
    const QString imageId = image.json.value(QStringLiteral("id")).toString();
    const QString fileId = file.json.value(QStringLiteral("id")).toString();
    const QJsonArray both{QJsonObject{{QStringLiteral("media_id"), imageId}, {QStringLiteral("alt"), QStringLiteral("A gradient")}},
                          QJsonObject{{QStringLiteral("media_id"), fileId}}};
    auto send = [&](const QJsonObject &body) {
        return m_api->post(QStringLiteral("/v1/conversations/%1/messages").arg(ab), body, m_amelie.accessToken);
    };
    ApiReply r = send({{QStringLiteral("client_id"), QStringLiteral("att-1")}, {QStringLiteral("text"), QStringLiteral("Photos!")},
                       {QStringLiteral("attachments"), both}});
    QCOMPARE(r.status, 201);
    QJsonArray got = r.json.value(QStringLiteral("attachments")).toArray();
    QCOMPARE(got.size(), 2);
    QCOMPARE(got.at(0).toObject().value(QStringLiteral("alt")).toString(), QStringLiteral("A gradient"));
    QCOMPARE(got.at(0).toObject().value(QStringLiteral("media")).toObject().value(QStringLiteral("id")).toString(), imageId);
    QVERIFY(got.at(1).toObject().value(QStringLiteral("alt")).isNull());
    QCOMPARE(got.at(1).toObject().value(QStringLiteral("media")).toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("file"));
    // Bruno reads it with its attachments, in the list and in his events.
    const ApiReply list = m_api->get(QStringLiteral("/v1/conversations/%1/messages").arg(ab), m_bruno.accessToken);
    QCOMPARE(list.json.value(QStringLiteral("items")).toArray().at(0).toObject().value(QStringLiteral("attachments")).toArray().size(), 2);
    // Files only, no text.
    r = send({{QStringLiteral("client_id"), QStringLiteral("att-2")},
              {QStringLiteral("attachments"), QJsonArray{QJsonObject{{QStringLiteral("media_id"), imageId}}}}});
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json.value(QStringLiteral("text")).toString(), QString());
    // Refusals: white space only, eleven files, the same file twice, alt too long, bad shapes.
    r = send({{QStringLiteral("client_id"), QStringLiteral("att-3")}, {QStringLiteral("text"), QStringLiteral("   ")},
              {QStringLiteral("attachments"), both}});
    QCOMPARE(r.status, 400);
    QJsonArray eleven;
    for (int i = 0; i < 11; ++i)
        eleven.append(QJsonObject{{QStringLiteral("media_id"), imageId}});
    r = send({{QStringLiteral("client_id"), QStringLiteral("att-4")}, {QStringLiteral("attachments"), eleven}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("attachments"));
    r = send({{QStringLiteral("client_id"), QStringLiteral("att-5")},
              {QStringLiteral("attachments"), QJsonArray{QJsonObject{{QStringLiteral("media_id"), imageId}},
                                                         QJsonObject{{QStringLiteral("media_id"), imageId}}}}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("attachments[1].media_id"));
    r = send({{QStringLiteral("client_id"), QStringLiteral("att-6")},
              {QStringLiteral("attachments"), QJsonArray{QJsonObject{{QStringLiteral("media_id"), imageId},
                                                                     {QStringLiteral("alt"), QString(1001, u'a')}}}}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("attachments[0].alt"));
    r = send({{QStringLiteral("client_id"), QStringLiteral("att-7")}, {QStringLiteral("attachments"), QStringLiteral("md_1")}});
    QCOMPARE(r.status, 400);
    r = send({{QStringLiteral("client_id"), QStringLiteral("att-8")}, {QStringLiteral("attachments"), QJsonArray{42}}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("attachments[0]"));
    // Nothing of the refused messages was kept.
    const ApiReply after = m_api->get(QStringLiteral("/v1/conversations/%1/messages").arg(ab), m_amelie.accessToken);
    QCOMPARE(after.json.value(QStringLiteral("items")).toArray().size(), before + 2);
}

void TestServerMedia::postImages()
{
    const ApiReply image = upload(m_amelie, pngWithMetadata(400, 400), QStringLiteral("view.png"));
    const ApiReply file = upload(m_amelie, QByteArrayLiteral("plain words\n"), QStringLiteral("notes.txt"));
    const QString imageId = image.json.value(QStringLiteral("id")).toString();
    auto post = [&](const QJsonObject &body) { return m_api->post(QStringLiteral("/v1/posts"), body, m_amelie.accessToken); };
    ApiReply r = post({{QStringLiteral("client_id"), QStringLiteral("pi-1")},
                       {QStringLiteral("images"), QJsonArray{QJsonObject{{QStringLiteral("media_id"), file.json.value(QStringLiteral("id"))}}}}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("images[0].media_id"));
    QJsonArray five;
    for (int i = 0; i < 5; ++i)
        five.append(QJsonObject{{QStringLiteral("media_id"), imageId}});
    r = post({{QStringLiteral("client_id"), QStringLiteral("pi-2")}, {QStringLiteral("images"), five}});
    QCOMPARE(r.status, 400);
    r = post({{QStringLiteral("client_id"), QStringLiteral("pi-3")}, {QStringLiteral("text"), QStringLiteral("The view")},
              {QStringLiteral("images"), QJsonArray{QJsonObject{{QStringLiteral("media_id"), imageId},
                                                                {QStringLiteral("alt"), QStringLiteral("Roofs of Paris at dusk")}}}}});
    QCOMPARE(r.status, 201);
    const QString postId = r.json.value(QStringLiteral("id")).toString();
    const QJsonArray images = r.json.value(QStringLiteral("images")).toArray();
    QCOMPARE(images.size(), 1);
    QCOMPARE(images.at(0).toObject().value(QStringLiteral("alt")).toString(), QStringLiteral("Roofs of Paris at dusk"));
    // Anyone signed in sees a post, so its image.
    QCOMPARE(m_api->get(QStringLiteral("/v1/media/%1/thumbnail").arg(imageId), m_chloe.accessToken).status, 200);
    // Deleted: nobody else any more, and the sweep forgets the file and its bytes.
    const int blobsBefore = blobFiles();
    QCOMPARE(m_api->del(QStringLiteral("/v1/posts/%1").arg(postId), m_amelie.accessToken).status, 204);
    QCOMPARE(m_api->get(QStringLiteral("/v1/media/%1/thumbnail").arg(imageId), m_chloe.accessToken).status, 403);
    QTRY_COMPARE_WITH_TIMEOUT(m_api->get(QStringLiteral("/v1/media/%1").arg(imageId), m_amelie.accessToken).status, 404, 10000);
    QCOMPARE(blobFiles(), blobsBefore - 2);
}

void TestServerMedia::openUploadQuota()
{
    QStringList open;
    for (int i = 0; i < 10; ++i) {
        const QJsonObject u = create(m_dana, 100, sha256Hex(QByteArray::number(i)));
        QVERIFY(!u.value(QStringLiteral("id")).toString().isEmpty());
        open.append(u.value(QStringLiteral("id")).toString());
    }
    ApiReply r = m_api->post(QStringLiteral("/v1/uploads"), {{QStringLiteral("size"), 100}, {QStringLiteral("sha256"), sha256Hex("z")}},
                             m_dana.accessToken);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), QStringLiteral("limit_exceeded"));
    QCOMPARE(m_api->del(QStringLiteral("/v1/uploads/%1").arg(open.first()), m_dana.accessToken).status, 204);
    r = m_api->post(QStringLiteral("/v1/uploads"), {{QStringLiteral("size"), 100}, {QStringLiteral("sha256"), sha256Hex("z")}},
                    m_dana.accessToken);
    QCOMPARE(r.status, 201);
    // Declared bytes: three files of 100 MiB are more than the 300 MiB unfinished at once.
    for (const QString &id : std::as_const(open).mid(1))
        QCOMPARE(m_api->del(QStringLiteral("/v1/uploads/%1").arg(id), m_dana.accessToken).status, 204);
    const qint64 big = 100LL * 1024 * 1024;
    QVERIFY(!create(m_dana, big, sha256Hex("a")).isEmpty());
    QVERIFY(!create(m_dana, big, sha256Hex("b")).isEmpty());
    r = m_api->post(QStringLiteral("/v1/uploads"), {{QStringLiteral("size"), big}, {QStringLiteral("sha256"), sha256Hex("c")}},
                    m_dana.accessToken);
    QCOMPARE(r.status, 422);
}

void TestServerMedia::hundredMegabytesInterruptedThreeTimes()
{
    const QByteArray bytes = randomBytes(100LL * 1024 * 1024, 23);
    const QString sha = sha256Hex(bytes);
    const QString id = create(m_bruno, bytes.size(), sha, QStringLiteral("big.bin")).value(QStringLiteral("id")).toString();
    QVERIFY(!id.isEmpty());
    const qsizetype chunk = 1024 * 1024;
    int interruptions = 0;
    qint64 offset = 0;
    while (offset < bytes.size()) {
        const QByteArray piece = bytes.mid(offset, chunk);
        if (interruptions < 3 && offset == qint64(25 + 25 * interruptions) * chunk) {
            // The connection drops half-way through a chunk: nothing of it counts.
            QTcpSocket socket;
            socket.connectToHost(m_server->url().host(), quint16(m_server->url().port()));
            QVERIFY(socket.waitForConnected(5000));
            socket.write("PUT /v1/uploads/" + id.toLatin1() + "?offset=" + QByteArray::number(offset) + " HTTP/1.1\r\nHost: x\r\n"
                         + "Authorization: Bearer " + m_bruno.accessToken.toLatin1() + "\r\nContent-Length: "
                         + QByteArray::number(piece.size()) + "\r\n\r\n" + piece.left(piece.size() / 2));
            QVERIFY(socket.waitForBytesWritten(5000));
            socket.abort();
            ++interruptions;
            // Where to go on: asked, not remembered.
            const ApiReply state = m_api->get(QStringLiteral("/v1/uploads/%1").arg(id), m_bruno.accessToken);
            QCOMPARE(state.status, 200);
            QCOMPARE(state.json.value(QStringLiteral("offset")).toInteger(), offset);
            continue;
        }
        const ApiReply r = put(m_bruno, id, offset, piece);
        QCOMPARE(r.status, 200);
        offset = r.json.value(QStringLiteral("offset")).toInteger();
    }
    QCOMPARE(interruptions, 3);
    const ApiReply done = m_api->post(QStringLiteral("/v1/uploads/%1/complete").arg(id), {}, m_bruno.accessToken);
    QCOMPARE(done.status, 201);
    QCOMPARE(done.json.value(QStringLiteral("sha256")).toString(), sha);
    QCOMPARE(done.json.value(QStringLiteral("size")).toInteger(), bytes.size());
    // Downloaded back in 8 MiB ranges: byte-identical.
    const QString mediaId = done.json.value(QStringLiteral("id")).toString();
    QCryptographicHash back(QCryptographicHash::Sha256);
    for (qint64 at = 0; at < bytes.size(); at += 8 * chunk) {
        const QByteArray range = "bytes=" + QByteArray::number(at) + '-' + QByteArray::number(at + 8 * chunk - 1);
        const ApiReply r = m_api->send("GET", QStringLiteral("/v1/media/%1/content").arg(mediaId), {}, m_bruno.accessToken,
                                       {{"Range", range}});
        QCOMPARE(r.status, 206);
        back.addData(r.body);
    }
    QCOMPARE(QString::fromLatin1(back.result().toHex()), sha);
}

void TestServerMedia::sameBytesStoredOnce()
{
    const QByteArray bytes = randomBytes(4096, 29);
    const int before = blobFiles();
    const ApiReply first = upload(m_amelie, bytes, QStringLiteral("one.bin"));
    const ApiReply second = upload(m_chloe, bytes, QStringLiteral("two.bin"));
    QCOMPARE(first.status, 201);
    QCOMPARE(second.status, 201);
    QVERIFY(first.json.value(QStringLiteral("id")) != second.json.value(QStringLiteral("id")));
    QCOMPARE(blobFiles(), before + 1);
    // Each owner still sees only their own.
    QCOMPARE(m_api->get(QStringLiteral("/v1/media/%1").arg(first.json.value(QStringLiteral("id")).toString()), m_chloe.accessToken).status, 403);
}

void TestServerMedia::expiredUploadsAndUnattachedFilesGo()
{
    const QByteArray bytes = randomBytes(2048, 31);
    const QString open = create(m_chloe, bytes.size(), sha256Hex(bytes)).value(QStringLiteral("id")).toString();
    QCOMPARE(put(m_chloe, open, 0, bytes.left(1000)).status, 200);
    const QString part = m_server->dataDir() + QStringLiteral("/uploads/") + open.mid(3) + QStringLiteral(".part");
    QVERIFY(QFile::exists(part));
    const ApiReply kept = upload(m_chloe, randomBytes(3000, 37), QStringLiteral("never-sent.bin"));
    QCOMPARE(kept.status, 201);
    const QString keptId = kept.json.value(QStringLiteral("id")).toString();
    QCOMPARE(m_api->post(QStringLiteral("/v1/test/clock"), {{QStringLiteral("advance_s"), 25 * 3600}}).status, 200);
    // A day later the access token has expired too: sign in again.
    const ApiReply login = m_api->post(QStringLiteral("/v1/auth/login"), {{QStringLiteral("handle"), m_chloe.handle},
                                                                          {QStringLiteral("password"), QStringLiteral("correct horse battery")}});
    QCOMPARE(login.status, 200);
    m_chloe.accessToken = login.json.value(QStringLiteral("access_token")).toString();
    // Expired at once for the API; the sweep then removes the bytes.
    QCOMPARE(m_api->get(QStringLiteral("/v1/uploads/%1").arg(open), m_chloe.accessToken).status, 404);
    QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(part), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_api->get(QStringLiteral("/v1/media/%1").arg(keptId), m_chloe.accessToken).status, 404, 10000);
}

QTEST_GUILESS_MAIN(TestServerMedia)
#include "tst_server_media.moc"
