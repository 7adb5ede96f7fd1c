// SPDX-License-Identifier: MIT
// MediaImageProvider (app/mediaimageprovider.h) on files of one's own ("image://media/local/…"):
// decoded off the UI thread at the size asked for, a stand-in for a file that is no picture,
// and a response that Qt Quick deletes while its picture is still being decoded is never
// touched again (Qt Quick drops responses it no longer wants; a CI run of e2e_tour crashed in
// the decode's finished() on a deleted response).
#include "mediaimageprovider.h"

#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QQuickTextureFactory>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QThreadPool>
#include <QUrl>

#include <memory>

class MediaImageProviderTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void decodesAtTheSizeAsked();
    void aFileThatIsNoPictureIsAStandIn();
    void finishedComesOnTheResponsesThreadAfterTheRequest();
    void aResponseDeletedWhileDecodingIsLeftAlone();
    void aCancelledResponseStillFinishes();

private:
    [[nodiscard]] static QString idOf(const QString &path)
    {
        return QStringLiteral("local/") + QString::fromUtf8(QUrl::toPercentEncoding(QUrl::fromLocalFile(path).toString()));
    }
    //! The picture the response handed over (its texture factory's image).
    [[nodiscard]] static QImage imageOf(QQuickImageResponse *response)
    {
        std::unique_ptr<QQuickTextureFactory> factory(response->textureFactory());
        return factory ? factory->image() : QImage();
    }

    QTemporaryDir m_dir;
    QString m_big;   //!< a large photo-like JPEG: its decode takes a while
    QString m_small; //!< 400 x 300
    MediaImageProvider m_provider{nullptr};
};

void MediaImageProviderTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Noise does not compress: decoding it takes tens of milliseconds, long enough to delete
    // the response meanwhile.
    QImage big(4000, 3000, QImage::Format_RGB32);
    auto *random = QRandomGenerator::global();
    for (int y = 0; y < big.height(); ++y) {
        auto *line = reinterpret_cast<quint32 *>(big.scanLine(y));
        for (int x = 0; x < big.width(); ++x)
            line[x] = 0xff000000u | (random->generate() & 0xffffffu);
    }
    m_big = m_dir.filePath(QStringLiteral("big.jpg"));
    QVERIFY(big.save(m_big, "JPEG", 95));
    QImage small(400, 300, QImage::Format_RGB32);
    small.fill(Qt::darkCyan);
    QPainter(&small).fillRect(0, 0, 200, 300, Qt::yellow);
    m_small = m_dir.filePath(QStringLiteral("small.png"));
    QVERIFY(small.save(m_small, "PNG"));
}

void MediaImageProviderTest::decodesAtTheSizeAsked()
{
    std::unique_ptr<QQuickImageResponse> response(m_provider.requestImageResponse(idOf(m_small), QSize(200, 200)));
    QSignalSpy finished(response.get(), &QQuickImageResponse::finished);
    QVERIFY(finished.wait(10000));
    const QImage image = imageOf(response.get());
    QCOMPARE(image.size(), QSize(200, 150)); // its own proportions, within the size asked
    QCOMPARE(QColor(image.pixel(20, 75)), QColor(Qt::yellow));
    QVERIFY(response->errorString().isEmpty());
}

void MediaImageProviderTest::aFileThatIsNoPictureIsAStandIn()
{
    const QString lying = m_dir.filePath(QStringLiteral("lying.jpg"));
    QFile file(lying);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("this is no picture, whatever its name says");
    file.close();
    for (const QString &path : {lying, m_dir.filePath(QStringLiteral("gone.png"))}) {
        std::unique_ptr<QQuickImageResponse> response(m_provider.requestImageResponse(idOf(path), QSize(100, 100)));
        // These fail at once on the pool's thread; finished() still comes after this spy
        // connects (a fresh-clone CI run once missed it when it was said from that thread).
        QSignalSpy finished(response.get(), &QQuickImageResponse::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(imageOf(response.get()).size(), QSize(1, 1)); // MediaTile shows "Can't show this photo"
        QVERIFY(response->errorString().isEmpty());              // no QML warning
    }
}

void MediaImageProviderTest::finishedComesOnTheResponsesThreadAfterTheRequest()
{
    // A gone file fails on the pool's thread in microseconds. Whoever asked connects to
    // finished() only after requestImageResponse() returned: here a second later, with no
    // event handled meanwhile. The signal must still reach it, on this thread.
    std::unique_ptr<QQuickImageResponse> response(
        m_provider.requestImageResponse(idOf(m_dir.filePath(QStringLiteral("never-there.png"))), QSize(100, 100)));
    QVERIFY(QThreadPool::globalInstance()->waitForDone(10000)); // the work is over
    QTest::qSleep(200);
    QThread *saidOn = nullptr;
    QSignalSpy finished(response.get(), &QQuickImageResponse::finished);
    connect(response.get(), &QQuickImageResponse::finished, this, [&saidOn] { saidOn = QThread::currentThread(); },
            Qt::DirectConnection);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(saidOn, QThread::currentThread());
    QCOMPARE(imageOf(response.get()).size(), QSize(1, 1));
}

void MediaImageProviderTest::aResponseDeletedWhileDecodingIsLeftAlone()
{
    // Each decode is still running when its response is deleted; the decodes then end on
    // their threads. Before, each one wrote its picture into the deleted response and emitted
    // its finished(): a crash, or a heap corrupted for later.
    for (int round = 0; round < 3; ++round) {
        for (int i = 0; i < 8; ++i)
            delete m_provider.requestImageResponse(idOf(m_big), QSize(4000, 3000));
        QVERIFY(QThreadPool::globalInstance()->waitForDone(60000));
        QCoreApplication::processEvents();
    }
    // And the provider still works.
    decodesAtTheSizeAsked();
}

void MediaImageProviderTest::aCancelledResponseStillFinishes()
{
    std::unique_ptr<QQuickImageResponse> response(m_provider.requestImageResponse(idOf(m_big), QSize(400, 300)));
    QSignalSpy finished(response.get(), &QQuickImageResponse::finished);
    response->cancel();
    QVERIFY(finished.wait(20000)); // Qt Quick frees a response when it has finished
    QCOMPARE(finished.size(), 1);
}

QTEST_MAIN(MediaImageProviderTest)
#include "tst_mediaimageprovider.moc"
