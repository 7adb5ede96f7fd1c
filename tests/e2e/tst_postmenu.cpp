// SPDX-License-Identifier: MIT
// The post "…" menu in the real window (issue 17), in-process and offscreen, against the real
// plaza-server --demo as @amelie: the menu opens by right click, by the keyboard (Shift+F10
// and the Menu key inside a post) and by the post's "…" button; one's own post offers Edit and
// Delete, someone else's does not; edit (the post says "edited", the server has the new text;
// a refusal of the server shows in the sheet), delete after the question (Cancel keeps it),
// quote (the new post shows the quoted card), bookmark (the Bookmarks page lists it, newest
// first) and remove the bookmark from the page (it leaves live, then the empty state);
// offline, what needs the server is greyed with the reason. Any QML warning fails it.
#include "demowindow.h"
#include "inprocessapp.h"
#include "links.h"
#include "qmlwarnings.h"
#include "apiprobe.h"
#include "common/testserver.h"

#include "feed/feedservice.h"
#include "session/session.h"

#include <QAccessible>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTest>

Q_IMPORT_QML_PLUGIN(PlazaPlugin)
Q_IMPORT_QML_PLUGIN(Plaza_DesktopPlugin)

namespace {

QRectF sceneRect(QQuickItem *item)
{
    return item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
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

QQuickItem *child(QQuickItem *parent, const char *name)
{
    return parent ? parent->findChild<QQuickItem *>(QString::fromLatin1(name)) : nullptr;
}

QString description(QQuickItem *item)
{
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(item);
    return iface ? iface->text(QAccessible::Description) : QString();
}
} // namespace

class PostMenuUiTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void rightClickOffersWhatFitsThePost();
    void keyboardOpensTheMenu();
    void editShowsEdited();
    void aRefusedEditSaysWhyInTheSheet();
    void deleteAsksFirst();
    void quoteShowsTheCard();
    void bookmarkShowsOnTheBookmarksPage();
    void offlineGreysWhatNeedsAConnection();
    void cleanupTestCase();

private:
    QQuickItem *item(const QString &objectName) const { return m_demo.app->item(objectName); }
    QObject *popup(const QString &objectName) const { return m_demo.app->popup(objectName); }
    bool opened(const QString &name) const
    {
        QObject *p = popup(name);
        return p && p->property("opened").toBool();
    }
    bool closed(const QString &name) const
    {
        QObject *p = popup(name);
        return !p || !p->property("visible").toBool();
    }
    bool shown(const QString &objectName) const
    {
        QQuickItem *found = item(objectName);
        return found && found->isVisible();
    }
    static QObject *modelOf(QQuickItem *d) { return d ? d->property("model").value<QObject *>() : nullptr; }
    //! The post shown under \a root (the feed, or the bookmarks list) whose text is \a text.
    QQuickItem *post(const QString &text, QQuickItem *root = nullptr) const;
    //! Brings the feed's row of \a text into view and returns its delegate.
    QQuickItem *feedPost(const QString &text);
    //! Posts \a text as amelie from the window's service; its server id once it is there.
    QString publish(const QString &text);
    void rightClick(QQuickItem *delegate, const QString &menu = QStringLiteral("postMenu"));
    void trigger(const QString &name, const QString &menu = QStringLiteral("postMenu"));
    void click(QQuickItem *target);
    void escape(const QString &popupName);
    QJsonObject serverPost(const QString &id, int *status = nullptr);

    QString m_token;
    plaza::test::DemoWindow m_demo;
    QString m_ownText = QStringLiteral("Testing the post menu today");
    QString m_ownId;
};

void PostMenuUiTest::initTestCase()
{
    QString why;
    QVERIFY2(m_demo.open(QStringLiteral("PlazaPostMenuTest"), QSize(1280, 860), &why), qPrintable(why));
    QVERIFY2(m_demo.signIn(QStringLiteral("amelie"), QStringLiteral("a passphrase for the post menu test"), &why), qPrintable(why));
    m_token = m_demo.login(QStringLiteral("amelie"));
    QVERIFY(!m_token.isEmpty());

    QVERIFY2(m_demo.showPage(QStringLiteral("feed"), QStringLiteral("feedPage"), &why), qPrintable(why));
    QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("feedList"))->property("count").toInt() > 0, 20000);
    m_ownId = publish(m_ownText);
    QVERIFY(!m_ownId.isEmpty());
}

void PostMenuUiTest::cleanup()
{
    const QString warnings = m_demo.takeWarnings();
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings));
    // Nothing left open for the next test.
    for (const QString &name : {QStringLiteral("postMenu"), QStringLiteral("editPostSheet"), QStringLiteral("quotePostSheet"),
                                QStringLiteral("confirmDeletePostSheet"), QStringLiteral("bookmarksSheet")}) {
        if (QObject *p = popup(name); p && p->property("visible").toBool())
            QMetaObject::invokeMethod(p, "close");
    }
}

QQuickItem *PostMenuUiTest::post(const QString &text, QQuickItem *root) const
{
    QQuickItem *under = root ? root : item(QStringLiteral("feedList"));
    for (QQuickItem *delegate : itemsOfType(under, "PostDelegate")) {
        QObject *model = modelOf(delegate);
        if (delegate->isVisible() && model && model->property("text").toString() == text)
            return delegate;
    }
    return nullptr;
}

QQuickItem *PostMenuUiTest::feedPost(const QString &text)
{
    QQuickItem *list = item(QStringLiteral("feedList"));
    QQuickItem *found = nullptr;
    (void)QTest::qWaitFor([&] {
        // New posts may wait behind the "new posts" pill: show them.
        if (QQuickItem *pill = item(QStringLiteral("newPostsPill")); pill && pill->isVisible())
            QMetaObject::invokeMethod(pill, "clicked");
        found = post(text);
        if (!found) {
            QMetaObject::invokeMethod(list, "positionViewAtBeginning");
            return false;
        }
        QMetaObject::invokeMethod(list, "positionViewAtIndex", Q_ARG(int, found->property("index").toInt()),
                                  Q_ARG(int, 2 /* Contain */));
        return true;
    }, 20000);
    return found;
}

QString PostMenuUiTest::publish(const QString &text)
{
    QSignalSpy sent(m_demo.app->feed.get(), &plaza::feed::FeedService::postSent);
    m_demo.app->feed->compose(text);
    if (!QTest::qWaitFor([&] { return sent.count() > 0; }, 20000))
        return {};
    const QString id = sent.at(0).at(1).toString();
    QString shownId;
    (void)QTest::qWaitFor([&] {
        QObject *m = modelOf(feedPost(text));
        shownId = m ? m->property("id").toString() : QString();
        return shownId == id;
    }, 20000);
    return shownId;
}

void PostMenuUiTest::click(QQuickItem *target)
{
    QVERIFY(target);
    const QPoint at = sceneRect(target).center().toPoint();
    QTest::mouseMove(m_demo.window, at);
    QTest::mouseClick(m_demo.window, Qt::LeftButton, {}, at);
}

void PostMenuUiTest::rightClick(QQuickItem *delegate, const QString &menu)
{
    QVERIFY(delegate);
    QQuickItem *area = child(delegate, "postContextArea");
    QVERIFY(area);
    // A post just published or edited can still move (the feed lays out the rows around it):
    // click once it stays in place, and again if the menu did not open.
    // The list it is in (the delegate's parent is the list's contentItem): the post is brought
    // into view first, and the click lands on the part of it the list shows.
    QQuickItem *view = delegate->parentItem() ? delegate->parentItem()->parentItem() : nullptr;
    if (view && !view->property("contentY").isValid())
        view = nullptr;
    for (int attempt = 0; attempt < 3 && !opened(menu); ++attempt) {
        if (view) {
            QMetaObject::invokeMethod(view, "positionViewAtIndex", Q_ARG(int, delegate->property("index").toInt()),
                                      Q_ARG(int, 4 /* ListView.Contain */));
        }
        QVERIFY2(waitUntilStill(area), "the post never stayed in place");
        // In the card's margin, beside the author's avatar: nothing else takes the click there.
        QRectF at = sceneRect(area);
        if (view)
            at = at.intersected(sceneRect(view));
        QVERIFY2(at.height() > 8, "the post is not in view");
        QTest::mouseClick(m_demo.window, Qt::RightButton, {}, QPoint(int(at.left() + 6), int(at.top() + at.height() / 2)));
        (void)QTest::qWaitFor([&] { return opened(menu); }, 2000);
    }
    QTRY_VERIFY_WITH_TIMEOUT(opened(menu), 5000);
}

void PostMenuUiTest::trigger(const QString &name, const QString &menu)
{
    QTRY_VERIFY_WITH_TIMEOUT(opened(menu), 5000);
    QQuickItem *entry = nullptr;
    QTRY_VERIFY((entry = item(name)) && entry->isVisible());
    QVERIFY(entry->isEnabled());
    // The menu has placed itself (it fits itself into the window after it opened).
    QRectF last;
    for (int pass = 0; pass < 2; ++pass) {
        QTRY_VERIFY_WITH_TIMEOUT([&] {
            auto *content = popup(menu)->property("contentItem").value<QQuickItem *>();
            const QRectF now = sceneRect(entry);
            const bool settled = content && sceneRect(content).contains(now.center()) && now == last;
            last = now;
            return settled;
        }(), 5000);
        QTest::qWait(150);
    }
    QTest::mouseClick(m_demo.window, Qt::LeftButton, {}, sceneRect(entry).center().toPoint());
    QTRY_VERIFY_WITH_TIMEOUT(closed(menu), 5000);
}

void PostMenuUiTest::escape(const QString &popupName)
{
    QTest::keyClick(m_demo.window, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(closed(popupName), 5000);
}

QJsonObject PostMenuUiTest::serverPost(const QString &id, int *status)
{
    const auto reply = m_demo.api->get(QStringLiteral("/v1/posts/%1").arg(id), m_token);
    if (status)
        *status = reply.status;
    return reply.json;
}

void PostMenuUiTest::rightClickOffersWhatFitsThePost()
{
    rightClick(feedPost(m_ownText));
    if (QTest::currentTestFailed())
        return;
    for (const char *name : {"editPostItem", "deletePostItem", "quotePostItem", "bookmarkPostItem", "copyPostTextItem"})
        QTRY_VERIFY2(shown(QString::fromLatin1(name)), name);
    QVERIFY(!shown(QStringLiteral("discardPostItem")));
    QCOMPARE(item(QStringLiteral("bookmarkPostItem"))->property("text").toString(), QStringLiteral("Bookmark"));
    escape(QStringLiteral("postMenu"));

    // Someone else's post: no Edit, no Delete.
    QQuickItem *other = nullptr;
    for (QQuickItem *d : itemsOfType(item(QStringLiteral("feedList")), "PostDelegate")) {
        QObject *m = modelOf(d);
        if (d->isVisible() && m && !m->property("isGap").toBool()
            && m->property("authorId").toString() != m_demo.app->session->userId()
            && m->property("sendState").toString().isEmpty()) {
            other = d;
            break;
        }
    }
    QVERIFY(other);
    QMetaObject::invokeMethod(item(QStringLiteral("feedList")), "positionViewAtIndex",
                              Q_ARG(int, other->property("index").toInt()), Q_ARG(int, 2 /* Contain */));
    rightClick(other);
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY(shown(QStringLiteral("quotePostItem")));
    QVERIFY(!shown(QStringLiteral("editPostItem")));
    QVERIFY(!shown(QStringLiteral("deletePostItem")));
    escape(QStringLiteral("postMenu"));
}

void PostMenuUiTest::keyboardOpensTheMenu()
{
    QQuickItem *delegate = feedPost(m_ownText);
    QVERIFY(delegate);
    // The "…" button is a Tab stop (shown while it has the focus); Shift+F10 opens the menu
    // on the first entry, Escape closes it.
    QQuickItem *button = child(delegate, "postActionsButton");
    QVERIFY(button);
    button->forceActiveFocus(Qt::TabFocusReason);
    QTRY_VERIFY(button->hasActiveFocus());
    QVERIFY(button->property("activeFocusOnTab").toBool());
    QTRY_COMPARE(button->opacity(), 1.0);
    QTest::keyClick(m_demo.window, Qt::Key_F10, Qt::ShiftModifier);
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("postMenu")), 5000);
    QTRY_VERIFY(item(QStringLiteral("editPostItem")) && item(QStringLiteral("editPostItem"))->hasActiveFocus());
    QTest::keyClick(m_demo.window, Qt::Key_Down);
    QTRY_VERIFY(item(QStringLiteral("quotePostItem"))->hasActiveFocus());
    escape(QStringLiteral("postMenu"));

    // The Menu key, from another control of the post (its like button).
    QQuickItem *like = child(delegate, "likeAction");
    QVERIFY(like);
    like->forceActiveFocus(Qt::TabFocusReason);
    QTRY_VERIFY(like->hasActiveFocus());
    QTest::keyClick(m_demo.window, Qt::Key_Menu);
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("postMenu")), 5000);
    escape(QStringLiteral("postMenu"));

    // Enter on the "…" button opens it too.
    button->forceActiveFocus(Qt::TabFocusReason);
    QTRY_VERIFY(button->hasActiveFocus());
    QTest::keyClick(m_demo.window, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("postMenu")), 5000);
    escape(QStringLiteral("postMenu"));
}

void PostMenuUiTest::editShowsEdited()
{
    rightClick(feedPost(m_ownText));
    if (QTest::currentTestFailed())
        return;
    trigger(QStringLiteral("editPostItem"));
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("editPostSheet")), 5000);
    QQuickItem *field = item(QStringLiteral("editPostField"));
    QVERIFY(field);
    QCOMPARE(field->property("text").toString(), m_ownText);
    QTRY_VERIFY(field->hasActiveFocus());
    // Escape leaves it as it was.
    escape(QStringLiteral("editPostSheet"));
    QVERIFY(feedPost(m_ownText));

    rightClick(feedPost(m_ownText));
    if (QTest::currentTestFailed())
        return;
    trigger(QStringLiteral("editPostItem"));
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("editPostSheet")), 5000);
    field = item(QStringLiteral("editPostField"));
    QTRY_VERIFY(field->hasActiveFocus());
    QTest::keyClick(m_demo.window, Qt::Key_A, Qt::ControlModifier);
    const QString edited = QStringLiteral("Testing the post menu tonight");
    typeText(m_demo.window, edited);
    QTRY_COMPARE(field->property("text").toString(), edited);
    click(item(QStringLiteral("saveEditPostButton")));
    QTRY_VERIFY_WITH_TIMEOUT(closed(QStringLiteral("editPostSheet")), 10000);
    m_ownText = edited;
    QQuickItem *delegate = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((delegate = feedPost(m_ownText)) != nullptr, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(modelOf(delegate)->property("editedAt").toDateTime().isValid(), 10000);
    // The header says so.
    QStringList texts;
    for (QQuickItem *label : itemsOfType(delegate, "Label"))
        texts.append(label->property("text").toString());
    QVERIFY2(texts.filter(QStringLiteral(" · edited")).size() == 1, qPrintable(texts.join(u'|')));
    const QJsonObject onServer = serverPost(m_ownId);
    QCOMPARE(onServer.value(QStringLiteral("text")).toString(), edited);
    QVERIFY(!onServer.value(QStringLiteral("edited_at")).isNull());
    QTRY_VERIFY(shown(QStringLiteral("postActionNoteText")));
    QCOMPARE(item(QStringLiteral("postActionNoteText"))->property("text").toString(), QStringLiteral("Post edited"));
}

void PostMenuUiTest::aRefusedEditSaysWhyInTheSheet()
{
    // Someone else's post, through the layer (the menu does not offer it): the server refuses,
    // and the sheet says why in words, keeping the text.
    QQuickItem *other = nullptr;
    for (QQuickItem *d : itemsOfType(item(QStringLiteral("feedList")), "PostDelegate")) {
        QObject *m = modelOf(d);
        if (d->isVisible() && m && !m->property("isGap").toBool()
            && m->property("authorId").toString() != m_demo.app->session->userId()
            && m->property("sendState").toString().isEmpty() && !m->property("isRepost").toBool()) {
            other = d;
            break;
        }
    }
    QVERIFY(other);
    const QString before = modelOf(other)->property("text").toString();
    QVERIFY(QMetaObject::invokeMethod(item(QStringLiteral("postActionsLayer")), "showcase",
                                      Q_ARG(QVariant, QStringLiteral("edit")), Q_ARG(QVariant, QVariant::fromValue(other))));
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("editPostSheet")), 5000);
    QQuickItem *field = item(QStringLiteral("editPostField"));
    QTRY_VERIFY(field->hasActiveFocus());
    typeText(m_demo.window, QStringLiteral(" (not mine)"));
    click(item(QStringLiteral("saveEditPostButton")));
    QQuickItem *error = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((error = item(QStringLiteral("editPostError"))) && error->isVisible(), 10000);
    QCOMPARE(error->property("text").toString(), QStringLiteral("Only its author can change this post."));
    QVERIFY(opened(QStringLiteral("editPostSheet")));
    QCOMPARE(field->property("text").toString(), before + QStringLiteral(" (not mine)"));
    escape(QStringLiteral("editPostSheet"));
    QCOMPARE(modelOf(other)->property("text").toString(), before);
}

void PostMenuUiTest::deleteAsksFirst()
{
    const QString text = QStringLiteral("A post to delete soon");
    const QString id = publish(text);
    QVERIFY(!id.isEmpty());
    rightClick(feedPost(text));
    if (QTest::currentTestFailed())
        return;
    trigger(QStringLiteral("deletePostItem"));
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("confirmDeletePostSheet")), 5000);
    QCOMPARE(popup(QStringLiteral("confirmDeletePostSheet"))->property("title").toString(), QStringLiteral("Delete this post?"));
    click(item(QStringLiteral("cancelDeletePostButton")));
    QTRY_VERIFY_WITH_TIMEOUT(closed(QStringLiteral("confirmDeletePostSheet")), 5000);
    QVERIFY(feedPost(text));
    int status = 0;
    serverPost(id, &status);
    QCOMPARE(status, 200);

    rightClick(feedPost(text));
    if (QTest::currentTestFailed())
        return;
    trigger(QStringLiteral("deletePostItem"));
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("confirmDeletePostSheet")), 5000);
    click(item(QStringLiteral("confirmDeletePostButton")));
    QTRY_VERIFY_WITH_TIMEOUT(closed(QStringLiteral("confirmDeletePostSheet")), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!post(text), 10000);
    serverPost(id, &status);
    QCOMPARE(status, 404);
    QTRY_COMPARE(item(QStringLiteral("postActionNoteText"))->property("text").toString(), QStringLiteral("Post deleted"));
}

void PostMenuUiTest::quoteShowsTheCard()
{
    rightClick(feedPost(m_ownText));
    if (QTest::currentTestFailed())
        return;
    trigger(QStringLiteral("quotePostItem"));
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("quotePostSheet")), 5000);
    QTRY_VERIFY(shown(QStringLiteral("quotePreview")));
    QQuickItem *field = item(QStringLiteral("quotePostField"));
    QTRY_VERIFY(field->hasActiveFocus());
    QVERIFY(!item(QStringLiteral("postQuoteButton"))->isEnabled()); // nothing written yet
    const QString words = QStringLiteral("Quoting myself here");
    typeText(m_demo.window, words);
    click(item(QStringLiteral("postQuoteButton")));
    QTRY_VERIFY_WITH_TIMEOUT(closed(QStringLiteral("quotePostSheet")), 10000);
    QQuickItem *quote = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((quote = feedPost(words)) != nullptr, 20000);
    QQuickItem *card = child(quote, "quotedPost");
    QVERIFY(card);
    QTRY_VERIFY(card->isVisible());
    const QVariantMap quoted = modelOf(quote)->property("quote").toMap();
    QCOMPARE(quoted.value(QStringLiteral("id")).toString(), m_ownId);
    QCOMPARE(quoted.value(QStringLiteral("text")).toString(), m_ownText);
}

void PostMenuUiTest::bookmarkShowsOnTheBookmarksPage()
{
    // Empty at first.
    click(item(QStringLiteral("bookmarksButton")));
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("bookmarksSheet")), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(shown(QStringLiteral("bookmarksEmptyTitle")), 10000);
    QCOMPARE(item(QStringLiteral("bookmarksEmptyTitle"))->property("text").toString(), QStringLiteral("No bookmarks yet"));
    escape(QStringLiteral("bookmarksSheet"));

    rightClick(feedPost(m_ownText));
    if (QTest::currentTestFailed())
        return;
    trigger(QStringLiteral("bookmarkPostItem"));
    QTRY_VERIFY_WITH_TIMEOUT(modelOf(feedPost(m_ownText))->property("bookmarkedByMe").toBool(), 10000);
    const auto list = m_demo.api->get(QStringLiteral("/v1/bookmarks"), m_token);
    QCOMPARE(list.json.value(QStringLiteral("items")).toArray().size(), 1);
    QCOMPARE(list.json.value(QStringLiteral("items")).toArray().at(0)[QStringLiteral("id")].toString(), m_ownId);

    click(item(QStringLiteral("bookmarksButton")));
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("bookmarksSheet")), 5000);
    QQuickItem *bookmarks = item(QStringLiteral("bookmarksList"));
    QVERIFY(bookmarks);
    QQuickItem *row = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((row = post(m_ownText, bookmarks)) != nullptr, 10000);
    QVERIFY(!shown(QStringLiteral("bookmarksEmptyTitle")));

    // A second one, from another device: it comes in on top while the page is open.
    QObject *other = nullptr;
    for (QQuickItem *d : itemsOfType(item(QStringLiteral("feedList")), "PostDelegate")) {
        QObject *m = modelOf(d);
        if (m && !m->property("isGap").toBool() && m->property("id").toString() != m_ownId
            && m->property("sendState").toString().isEmpty() && !m->property("isRepost").toBool()
            && m->property("quote").isNull()) {
            other = m;
            break;
        }
    }
    QVERIFY(other);
    const QString otherId = other->property("postId").toString();
    const QString otherText = other->property("text").toString();
    QCOMPARE(m_demo.api->send("PUT", QStringLiteral("/v1/posts/%1/bookmark").arg(otherId), QByteArray(), m_token).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(bookmarks->property("count").toInt(), 2, 20000);
    auto *model = bookmarks->property("model").value<QAbstractItemModel *>();
    QVERIFY(model);
    const int idRole = model->roleNames().key("id", -1);
    QCOMPARE(model->index(0, 0).data(idRole).toString(), otherId);
    QCOMPARE(model->index(1, 0).data(idRole).toString(), m_ownId);

    // Remove the bookmark from the page's own menu: it leaves at once.
    row = post(m_ownText, bookmarks);
    QVERIFY(row);
    rightClick(row);
    if (QTest::currentTestFailed())
        return;
    QTRY_COMPARE(item(QStringLiteral("bookmarkPostItem"))->property("text").toString(), QStringLiteral("Remove bookmark"));
    trigger(QStringLiteral("bookmarkPostItem"));
    QTRY_COMPARE_WITH_TIMEOUT(bookmarks->property("count").toInt(), 1, 10000);
    QVERIFY(!post(m_ownText, bookmarks));
    QVERIFY(post(otherText, bookmarks));
    // And the other from another device: the page is empty again.
    QCOMPARE(m_demo.api->del(QStringLiteral("/v1/posts/%1/bookmark").arg(otherId), m_token).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(bookmarks->property("count").toInt(), 0, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(shown(QStringLiteral("bookmarksEmptyTitle")), 10000);
    escape(QStringLiteral("bookmarksSheet"));
}

void PostMenuUiTest::offlineGreysWhatNeedsAConnection()
{
    QVERIFY(m_demo.server->stop());
    QTRY_VERIFY_WITH_TIMEOUT(!m_demo.app->session->online(), 20000);
    rightClick(feedPost(m_ownText));
    if (QTest::currentTestFailed())
        return;
    for (const char *name : {"editPostItem", "deletePostItem", "quotePostItem", "bookmarkPostItem"}) {
        QTRY_VERIFY2(shown(QString::fromLatin1(name)), name);
        QVERIFY2(!item(QString::fromLatin1(name))->isEnabled(), name);
        QCOMPARE(description(item(QString::fromLatin1(name))), QStringLiteral("Needs a connection"));
    }
    QVERIFY(item(QStringLiteral("copyPostTextItem"))->isEnabled());
    escape(QStringLiteral("postMenu"));

    // A post waiting to be sent offers only to copy it or give it up.
    const QString waiting = QStringLiteral("Waiting for the network");
    m_demo.app->feed->compose(waiting);
    QQuickItem *pending = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((pending = feedPost(waiting)) != nullptr, 20000);
    rightClick(pending);
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY(shown(QStringLiteral("discardPostItem")));
    QVERIFY(shown(QStringLiteral("copyPostTextItem")));
    for (const char *name : {"editPostItem", "deletePostItem", "quotePostItem", "bookmarkPostItem"})
        QVERIFY2(!shown(QString::fromLatin1(name)), name);
    QCOMPARE(item(QStringLiteral("discardPostItem"))->property("text").toString(), QStringLiteral("Cancel sending"));
    trigger(QStringLiteral("discardPostItem"));
    QTRY_VERIFY_WITH_TIMEOUT(!post(waiting), 10000);
}

void PostMenuUiTest::cleanupTestCase()
{
    m_demo.close();
}

QTEST_MAIN(PostMenuUiTest)
#include "tst_postmenu.moc"
