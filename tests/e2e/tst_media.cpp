// SPDX-License-Identifier: MIT
// Photos and files in the real window (in-process, offscreen) against the real plaza-server
// --demo (issue 16): the hike photos show in the group chat in boxes of their final size, each
// named by its alt text; the viewer works from the keyboard (Enter, arrows, zoom, Esc) and
// "Save as…" writes the server's very bytes; the feed's photo posts show theirs; offline, a
// photo seen before still shows and one never fetched says so. Any QML warning fails it.
#include "demowindow.h"
#include "inprocessapp.h"
#include "links.h"
#include "qmlwarnings.h"
#include "common/testserver.h"
#include "common/waittask.h"
#include "net/apiclient.h"

#include "chat/chatservice.h"
#include "feed/feedservice.h"
#include "media/mediacache.h"
#include "session/session.h"

#include <QAbstractItemModel>
#include <QAccessible>
#include <QCryptographicHash>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QJsonArray>
#include <QJsonObject>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QTest>

Q_IMPORT_QML_PLUGIN(PlazaPlugin)
Q_IMPORT_QML_PLUGIN(Plaza_DesktopPlugin)

namespace {
// The demo's hike photos (server/demomedia.cpp), in the order the message carries them.
const QStringList kHikeAlts{QStringLiteral("Mountain ridges at dawn, one behind the other, fading into an orange sky"),
                            QStringLiteral("A still lake below green peaks, the sky reflected in the water"),
                            QStringLiteral("The summit at sunset, a pale sun beside the dark peak")};

QString accessibleName(QQuickItem *item)
{
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(item);
    return iface ? iface->text(QAccessible::Name) : QString();
}

//! Every item under \a root whose QML type name starts with \a type (breadth first).
QList<QQuickItem *> itemsOfType(QQuickItem *root, const char *type)
{
    QList<QQuickItem *> found;
    QList<QQuickItem *> queue{root};
    while (!queue.isEmpty()) {
        QQuickItem *current = queue.takeFirst();
        if (!current)
            continue;
        if (QString::fromLatin1(current->metaObject()->className()).startsWith(QLatin1String(type)))
            found.append(current);
        queue += current->childItems();
    }
    return found;
}

//! The child Image of a MediaTile (its picture).
QQuickItem *pictureOf(QQuickItem *tile)
{
    for (QQuickItem *image : itemsOfType(tile, "QQuickImage"))
        return image;
    return nullptr;
}
//! The child of \a parent named \a name (nullptr when there is none, or no parent).
QQuickItem *child(QQuickItem *parent, const char *name)
{
    return parent ? parent->findChild<QQuickItem *>(QString::fromLatin1(name)) : nullptr;
}
} // namespace

class MediaTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void chatShowsThePhotosInBoxesOfTheirSize();
    void viewerWorksFromTheKeyboard();
    void saveAsWritesTheServersBytes();
    void feedShowsPostPhotos();
    void offlineShowsWhatWasSeenAndSaysWhatWasNot();
    void aPostWithAPhotoShowsItWhileItWaits();
    void aWaitingPostIsCancelledAndARefusedOneDiscarded();
    void cleanupTestCase();

private:
    QQuickItem *item(const QString &objectName) const { return m_demo.app->item(objectName); }
    bool waitVisible(const QString &objectName, int timeoutMs = 10000);
    //! The id of amélie's conversation titled \a title, from the conversation list's model.
    QString conversationId(const QString &title) const;
    //! The MediaTiles of the open conversation's bubble whose text is \a text.
    QList<QQuickItem *> tilesOfMessage(const QString &text) const;
    void openHike();
    //! The feed's shown post whose text is \a text, or nullptr.
    QQuickItem *postDelegate(const QString &text) const;

    plaza::test::DemoWindow m_demo;
    QString m_hike;
};

bool MediaTest::waitVisible(const QString &objectName, int timeoutMs)
{
    return QTest::qWaitFor([&] {
        QQuickItem *found = item(objectName);
        return found && found->isVisible();
    }, timeoutMs);
}

QQuickItem *MediaTest::postDelegate(const QString &text) const
{
    for (QQuickItem *delegate : itemsOfType(item(QStringLiteral("feedPage")), "PostDelegate")) {
        auto *model = delegate->property("model").value<QObject *>();
        if (delegate->isVisible() && model && model->property("text").toString() == text)
            return delegate;
    }
    return nullptr;
}

QString MediaTest::conversationId(const QString &title) const
{
    QQuickItem *list = item(QStringLiteral("conversationList"));
    auto *model = list ? list->property("model").value<QAbstractItemModel *>() : nullptr;
    if (!model)
        return {};
    const int titleRole = model->roleNames().key("title", -1);
    const int idRole = model->roleNames().key("id", -1);
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(titleRole).toString() == title)
            return model->index(row, 0).data(idRole).toString();
    }
    return {};
}

QList<QQuickItem *> MediaTest::tilesOfMessage(const QString &text) const
{
    QQuickItem *list = item(QStringLiteral("messageList"));
    auto *content = list ? list->property("contentItem").value<QQuickItem *>() : nullptr;
    if (!content)
        return {};
    const QList<QQuickItem *> bubbles = content->childItems();
    for (QQuickItem *bubble : bubbles) {
        auto *model = bubble->property("model").value<QObject *>();
        if (model && bubble->isVisible() && model->property("text").toString() == text)
            return itemsOfType(bubble, "MediaTile");
    }
    return {};
}

void MediaTest::initTestCase()
{
    QString why;
    QVERIFY2(m_demo.open(QStringLiteral("PlazaMediaTest"), QSize(1280, 800), &why), qPrintable(why));
    QVERIFY2(m_demo.signIn(QStringLiteral("amelie"), QStringLiteral("a passphrase for the media test"), &why), qPrintable(why));
}

void MediaTest::cleanup()
{
    const QString warnings = m_demo.takeWarnings();
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings));
}

void MediaTest::openHike()
{
    m_demo.app->links->requestPage(QStringLiteral("chat"));
    QVERIFY(waitVisible(QStringLiteral("chatPage")));
    QTRY_VERIFY_WITH_TIMEOUT(!(m_hike = conversationId(QStringLiteral("Weekend hike 🥾"))).isEmpty(), 20000);
    QVERIFY(QMetaObject::invokeMethod(item(QStringLiteral("chatPage")), "open", Q_ARG(QVariant, m_hike)));
    QTRY_COMPARE_WITH_TIMEOUT(tilesOfMessage(QStringLiteral("Photos from the hike are up! 📸")).size(), 3, 20000);
}

void MediaTest::chatShowsThePhotosInBoxesOfTheirSize()
{
    openHike();
    const QList<QQuickItem *> tiles = tilesOfMessage(QStringLiteral("Photos from the hike are up! 📸"));
    // Each box has its size before its picture arrives (nothing below moves), its alt text
    // as its accessible name, and then the picture itself, decoded at the box's size.
    QStringList names;
    for (QQuickItem *tile : tiles) {
        QVERIFY(tile->width() > 50 && tile->height() > 50);
        names.append(accessibleName(tile));
    }
    QCOMPARE(names, kHikeAlts);
    const QSizeF before(tiles.at(0)->width(), tiles.at(0)->height());
    for (QQuickItem *tile : tiles) {
        QQuickItem *picture = pictureOf(tile);
        QVERIFY(picture);
        QTRY_COMPARE_WITH_TIMEOUT(picture->property("status").toInt(), 1 /* Image.Ready */, 20000);
        QVERIFY(!tile->property("missing").toBool());
        // The thumbnail (at most 320 px) decoded at most at twice the box.
        const QSizeF painted(picture->property("sourceSize").toSizeF());
        QVERIFY(painted.width() <= 2 * tile->width() + 1);
    }
    QCOMPARE(QSizeF(tiles.at(0)->width(), tiles.at(0)->height()), before);
    // The thumbnails came through the encrypted cache.
    QTRY_VERIFY_WITH_TIMEOUT(m_demo.app->media->usedBytes() > 0, 10000);
}

void MediaTest::viewerWorksFromTheKeyboard()
{
    const QList<QQuickItem *> tiles = tilesOfMessage(QStringLiteral("Photos from the hike are up! 📸"));
    QCOMPARE(tiles.size(), 3);
    tiles.at(0)->forceActiveFocus(Qt::TabFocusReason);
    QTRY_VERIFY_WITH_TIMEOUT(tiles.at(0)->hasActiveFocus(), 5000);
    QTest::keyClick(m_demo.window, Qt::Key_Return);
    QObject *viewer = m_demo.app->popup(QStringLiteral("chatMediaViewer"));
    QVERIFY(viewer);
    QTRY_VERIFY_WITH_TIMEOUT(viewer->property("opened").toBool(), 5000);
    QCOMPARE(viewer->property("current").toInt(), 0);
    QQuickItem *full = item(QStringLiteral("mediaViewerImage"));
    QVERIFY(full);
    QTRY_COMPARE_WITH_TIMEOUT(full->property("status").toInt(), 1, 20000);
    QCOMPARE(accessibleName(full), kHikeAlts.at(0));
    QTest::keyClick(m_demo.window, Qt::Key_Right);
    QCOMPARE(viewer->property("current").toInt(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(full->property("status").toInt(), 1, 20000);
    QCOMPARE(accessibleName(full), kHikeAlts.at(1));
    QTest::keyClick(m_demo.window, Qt::Key_Left);
    QTest::keyClick(m_demo.window, Qt::Key_Left); // round to the last
    QCOMPARE(viewer->property("current").toInt(), 2);
    QTest::keyClick(m_demo.window, Qt::Key_Plus);
    QVERIFY(viewer->property("zoom").toReal() > 1.0);
    QTest::keyClick(m_demo.window, Qt::Key_0);
    QCOMPARE(viewer->property("zoom").toReal(), 1.0);
    QTest::keyClick(m_demo.window, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(!viewer->property("visible").toBool(), 5000);
}

void MediaTest::saveAsWritesTheServersBytes()
{
    const QList<QQuickItem *> tiles = tilesOfMessage(QStringLiteral("Photos from the hike are up! 📸"));
    QCOMPARE(tiles.size(), 3);
    const QVariantMap media = tiles.at(1)->property("media").toMap();
    const QString sha = media.value(QStringLiteral("sha256")).toString();
    QCOMPARE(sha.size(), 64);
    QTemporaryDir out;
    const QString target = out.filePath(QStringLiteral("lake.jpg"));
    // What the viewer's "Save as…" does once its dialog has a file name.
    QSignalSpy saved(m_demo.app->media.get(), &plaza::media::MediaCache::saved);
    m_demo.app->media->saveAs(media.value(QStringLiteral("id")).toString(), QUrl::fromLocalFile(target));
    // (The viewer showed it: from the cache, it may end before the call returns.)
    QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 20000);
    QCOMPARE(saved.at(0).at(1).toUrl(), QUrl::fromLocalFile(target));
    QFile file(target);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromLatin1(QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex()), sha);
    // A folder that does not exist: the app's own code, no half file.
    QSignalSpy failed(m_demo.app->media.get(), &plaza::media::MediaCache::saveFailed);
    m_demo.app->media->saveAs(media.value(QStringLiteral("id")).toString(),
                         QUrl::fromLocalFile(out.filePath(QStringLiteral("missing/lake.jpg"))));
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20000);
    QCOMPARE(failed.at(0).at(1).toString(), QStringLiteral("file_write"));
}

void MediaTest::feedShowsPostPhotos()
{
    m_demo.app->links->requestPage(QStringLiteral("feed"));
    QVERIFY(waitVisible(QStringLiteral("feedPage")));
    // Some post in the timeline carries photos (the café's latte, Bruno's dinner).
    QList<QQuickItem *> tiles;
    QTRY_VERIFY_WITH_TIMEOUT(!(tiles = itemsOfType(item(QStringLiteral("feedPage")), "MediaTile")).isEmpty(), 20000);
    QQuickItem *tile = tiles.constFirst();
    QVERIFY(tile->width() > 100);
    QVERIFY(!accessibleName(tile).isEmpty());
    QVERIFY(pictureOf(tile));
    QTRY_COMPARE_WITH_TIMEOUT(pictureOf(tile)->property("status").toInt(), 1, 20000);
}

void MediaTest::offlineShowsWhatWasSeenAndSaysWhatWasNot()
{
    openHike();
    // Seen once: the thumbnails are in the cache.
    const QString first = tilesOfMessage(QStringLiteral("Photos from the hike are up! 📸")).at(0)->property("media").toMap()
                              .value(QStringLiteral("id")).toString();
    QVERIFY(m_demo.app->media->isCached(first, true));
    QVERIFY(m_demo.server->stop());
    QTRY_VERIFY_WITH_TIMEOUT(!m_demo.app->session->online(), 20000);
    // Out and back into the conversation: new delegates, pictures from the cache only.
    QVERIFY(QMetaObject::invokeMethod(item(QStringLiteral("chatPage")), "open", Q_ARG(QVariant, QString())));
    QVERIFY(QMetaObject::invokeMethod(item(QStringLiteral("chatPage")), "open", Q_ARG(QVariant, m_hike)));
    QList<QQuickItem *> tiles;
    QTRY_COMPARE_WITH_TIMEOUT((tiles = tilesOfMessage(QStringLiteral("Photos from the hike are up! 📸"))).size(), 3, 20000);
    for (QQuickItem *tile : tiles) {
        QTRY_COMPARE_WITH_TIMEOUT(pictureOf(tile)->property("status").toInt(), 1, 20000);
        QVERIFY(!tile->property("missing").toBool());
    }
    // Cleared, the same photos cannot come back offline: each box says so, in its own size.
    QVERIFY(QMetaObject::invokeMethod(item(QStringLiteral("chatPage")), "open", Q_ARG(QVariant, QString())));
    m_demo.app->media->clear();
    QTRY_COMPARE_WITH_TIMEOUT(m_demo.app->media->usedBytes(), qint64(0), 10000);
    QVERIFY(QMetaObject::invokeMethod(item(QStringLiteral("chatPage")), "open", Q_ARG(QVariant, m_hike)));
    QTRY_COMPARE_WITH_TIMEOUT((tiles = tilesOfMessage(QStringLiteral("Photos from the hike are up! 📸"))).size(), 3, 20000);
    for (QQuickItem *tile : tiles) {
        QTRY_VERIFY_WITH_TIMEOUT(tile->property("missing").toBool(), 20000);
        QVERIFY(tile->height() > 50);
    }
    QQuickItem *unavailable = item(QStringLiteral("mediaTileUnavailable"));
    QVERIFY(unavailable && unavailable->isVisible());
    QCOMPARE(unavailable->property("text").toString(), QStringLiteral("Not available offline"));
    QVERIFY(m_demo.server->start());
}

void MediaTest::aPostWithAPhotoShowsItWhileItWaits()
{
    // Offline, a post with a photo waits in the outbox: the feed shows it at once with its
    // photo (the local file) and a bar saying it is on its way; back online it goes out,
    // and the same post then shows the server's copy of the photo, with no bar.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QImage picture(320, 200, QImage::Format_RGB32);
    picture.fill(QColor(40, 120, 200));
    const QString path = dir.filePath(QStringLiteral("sea.png"));
    QVERIFY(picture.save(path));
    const QString text = QStringLiteral("A blue picture, sent once we are back online");
    const auto delegateOf = [&] { return postDelegate(text); };

    QVERIFY(m_demo.server->stop());
    QTRY_VERIFY_WITH_TIMEOUT(!m_demo.app->session->online(), 20000);
    m_demo.app->links->requestPage(QStringLiteral("feed"));
    QVERIFY(waitVisible(QStringLiteral("feedPage")));
    QVERIFY(m_demo.app->feed->postWithImages(text, {QVariantMap{{QStringLiteral("path"), path},
                                                           {QStringLiteral("alt"), QStringLiteral("A blue rectangle")}}}));
    QQuickItem *pending = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((pending = delegateOf()), 20000);
    QCOMPARE(pending->property("model").value<QObject *>()->property("sendState").toString(), QStringLiteral("pending"));
    QList<QQuickItem *> tiles = itemsOfType(pending, "MediaTile");
    QCOMPARE(tiles.size(), 1);
    QCOMPARE(accessibleName(tiles.constFirst()), QStringLiteral("A blue rectangle"));
    QTRY_COMPARE_WITH_TIMEOUT(pictureOf(tiles.constFirst())->property("status").toInt(), 1, 20000);
    QVERIFY(child(pending, "postUploadBar") && child(pending, "postUploadBar")->isVisible());

    QVERIFY(m_demo.server->start());
    QTRY_VERIFY_WITH_TIMEOUT([&] {
        QQuickItem *sent = delegateOf();
        return sent && sent->property("model").value<QObject *>()->property("sendState").toString().isEmpty();
    }(), 60000);
    QQuickItem *sent = delegateOf();
    QTRY_COMPARE_WITH_TIMEOUT((tiles = itemsOfType(sent, "MediaTile")).size(), 1, 20000);
    QVERIFY(!tiles.constFirst()->property("media").toMap().value(QStringLiteral("id")).toString().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(pictureOf(tiles.constFirst())->property("status").toInt(), 1, 20000);
    QVERIFY(!child(sent, "postUploadBar") || !child(sent, "postUploadBar")->isVisible());
}

void MediaTest::aWaitingPostIsCancelledAndARefusedOneDiscarded()
{
    // Offline, a post waits with a Cancel button: a click gives it up, and it never goes out.
    // Online, a post whose "photo" is not one is refused by the server: it says why and a
    // click on Discard removes it.
    const QString waiting = QStringLiteral("Second thoughts about this one");
    const QString refused = QStringLiteral("This is not really a photo");
    const auto delegateOf = [&](const QString &text) { return postDelegate(text); };
    // A post that just appeared may still move (the list lays out what arrived around it).
    const auto click = [this](QQuickItem *target) { return clickWhenStill(m_demo.window, target); };

    QVERIFY(m_demo.server->stop());
    QTRY_VERIFY_WITH_TIMEOUT(!m_demo.app->session->online(), 20000);
    m_demo.app->links->requestPage(QStringLiteral("feed"));
    QVERIFY(waitVisible(QStringLiteral("feedPage")));
    m_demo.app->feed->compose(waiting);
    QQuickItem *pending = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((QMetaObject::invokeMethod(item(QStringLiteral("feedList")), "positionViewAtBeginning"),
                              pending = delegateOf(waiting)),
                             20000);
    QQuickItem *cancel = child(pending, "discardPostButton");
    QVERIFY(cancel);
    QTRY_VERIFY_WITH_TIMEOUT(cancel->isVisible() && cancel->width() > 0, 10000);
    QCOMPARE(cancel->property("text").toString(), QStringLiteral("Cancel"));
    QCOMPARE(accessibleName(cancel), QStringLiteral("Cancel sending this post"));
    // PLAZA_E2E_SHOTS=dir keeps what the window showed, to look at.
    const QString shots = qEnvironmentVariable("PLAZA_E2E_SHOTS");
    if (!shots.isEmpty())
        m_demo.window->grabWindow().save(shots + QStringLiteral("/post-waiting.png"));
    QVERIFY2(click(cancel), "Cancel never got the click");
    QTRY_VERIFY_WITH_TIMEOUT(!delegateOf(waiting), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_demo.app->feed->pendingCount(), 0, 10000);

    QVERIFY(m_demo.server->start());
    QTRY_VERIFY_WITH_TIMEOUT(m_demo.app->session->online(), 30000);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString fake = dir.filePath(QStringLiteral("holiday.png"));
    {
        QFile f(fake);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray("just some text pretending to be a picture\n").repeated(200));
    }
    QVERIFY(m_demo.app->feed->postWithImages(refused, {QVariantMap{{QStringLiteral("path"), fake}}}));
    QQuickItem *failed = nullptr;
    // Earlier tests left the feed scrolled: a new post waits above (behind "new posts").
    const auto toTop = [&] { QMetaObject::invokeMethod(item(QStringLiteral("feedList")), "positionViewAtBeginning"); };
    QTRY_VERIFY_WITH_TIMEOUT((toTop(), failed = delegateOf(refused))
                                 && failed->property("model").value<QObject *>()->property("sendState").toString() == u"failed",
                             30000);
    QQuickItem *why = child(failed, "postSendError");
    QVERIFY(why);
    QTRY_VERIFY_WITH_TIMEOUT(why->isVisible(), 10000);
    QVERIFY2(!why->property("text").toString().isEmpty(), "a refused post says why");
    QQuickItem *discard = child(failed, "discardPostButton");
    QVERIFY(discard && discard->isVisible());
    QCOMPARE(discard->property("text").toString(), QStringLiteral("Discard"));
    if (!shots.isEmpty())
        m_demo.window->grabWindow().save(shots + QStringLiteral("/post-refused.png"));
    QVERIFY2(click(discard), "Discard never got the click");
    QTRY_VERIFY_WITH_TIMEOUT(!delegateOf(refused), 10000);

    // Neither reached the server: once a later post is there, amélie's posts hold neither.
    QSignalSpy sent(m_demo.app->feed.get(), &plaza::feed::FeedService::postSent);
    m_demo.app->feed->compose(QStringLiteral("The one that counts"));
    QTRY_COMPARE_WITH_TIMEOUT(sent.size(), 1, 30000);
    plaza::net::ApiClient reader;
    reader.setBaseUrl(m_demo.server->url());
    QVERIFY(plaza::test::waitTask(reader.login(QStringLiteral("amelie"), QStringLiteral("plaza-demo-2026"))).ok());
    auto posts = plaza::test::waitTask(reader.get(QStringLiteral("/v1/users/%1/posts").arg(m_demo.app->session->userId())));
    QVERIFY(posts);
    QStringList texts;
    for (const QJsonValue &post : posts->body.value(QStringLiteral("items")).toArray())
        texts << post.toObject().value(QStringLiteral("text")).toString();
    QVERIFY2(texts.contains(QStringLiteral("The one that counts")), qPrintable(texts.join(u'|')));
    QVERIFY(!texts.contains(waiting) && !texts.contains(refused));
}

void MediaTest::cleanupTestCase()
{
    m_demo.app.reset();
    if (m_demo.server)
        QVERIFY(m_demo.server->stop());
}

QTEST_MAIN(MediaTest)
#include "tst_media.moc"
