// SPDX-License-Identifier: MIT
// Message actions in the real window (issue 17), in-process and offscreen, against the real
// plaza-server --demo as @amelie: reply from the message menu (the server stores reply_to, the
// quote jumps to the original), react from the menu's row and from the emoji picker with the
// keyboard only, take a reaction back with its chip, edit (the bubble says "edited", the server
// has the new text), delete for everyone (a tombstone; the server keeps no text), delete for
// me (gone here, still on the server), forward to two conversations, and a payment offers
// neither Edit nor Delete nor Forward; offline, what needs the server is greyed with the reason
// and a chip says so. Any QML warning fails it.
#include "demowindow.h"
#include "inprocessapp.h"
#include "links.h"
#include "qmlwarnings.h"
#include "apiprobe.h"
#include "common/testserver.h"

#include "session/session.h"

#include <QAbstractItemModel>
#include <QAccessible>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTest>
#include <QScopeGuard>
#include <QUuid>

#include <algorithm>
#include <functional>

Q_IMPORT_QML_PLUGIN(PlazaPlugin)
Q_IMPORT_QML_PLUGIN(Plaza_DesktopPlugin)

using plaza::test::kDemoPassword;

namespace {

QRectF sceneRect(QQuickItem *item)
{
    return item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
}

//! Every item under \a root (breadth first) with \a objectName.
QList<QQuickItem *> named(QQuickItem *root, const QString &objectName)
{
    QList<QQuickItem *> found;
    QList<QQuickItem *> queue{root};
    while (!queue.isEmpty()) {
        QQuickItem *current = queue.takeFirst();
        if (!current)
            continue;
        if (current->objectName() == objectName)
            found.append(current);
        queue += current->childItems();
    }
    return found;
}
} // namespace

class MessageActionsUiTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void replyFromTheMenu();
    void reactFromTheRowWithTheKeyboard();
    void reactFromThePickerWithTheKeyboard();
    void chipTakesTheReactionBack();
    void editShowsEdited();
    void deleteForEveryoneLeavesATombstone();
    void deleteForMeHidesItHereOnly();
    void forwardToTwoConversations();
    void paymentOffersNoEditDeleteOrForward();
    void muteReportAndBlockFromTheConversationMenu();
    void longConversationScrollsToTheFirstAndBackToTheNewest();
    void offlineSaysWhatNeedsAConnection();
    void cleanupTestCase();

private:
    QQuickItem *item(const QString &objectName) const { return m_demo.app->item(objectName); }
    QObject *popup(const QString &objectName) const { return m_demo.app->popup(objectName); }
    bool opened(const QString &popupName) const
    {
        QObject *p = popup(popupName);
        return p && p->property("opened").toBool();
    }
    //! The item \a objectName exists and shows (a menu entry offered).
    bool shown(const QString &objectName) const
    {
        QQuickItem *found = item(objectName);
        return found && found->isVisible();
    }
    bool closed(const QString &popupName) const
    {
        QObject *p = popup(popupName);
        return !p || !p->property("visible").toBool();
    }
    //! The direct conversation with @\a handle, from the conversation list's model.
    QString conversationWith(const QString &handle) const;
    //! The open conversation's bubble whose model answers \a match (null if none shows).
    QQuickItem *bubble(const std::function<bool(QObject *model)> &match) const;
    QQuickItem *bubbleWithId(const QString &id) const
    {
        return bubble([&](QObject *m) { return m->property("id").toString() == id; });
    }
    QObject *modelOf(QQuickItem *b) const { return b ? b->property("model").value<QObject *>() : nullptr; }
    //! Types \a text in the composer and presses Enter; the id of the message once the server has it.
    QString send(const QString &text);
    void openChat(const QString &id);
    void rightClick(QQuickItem *target);
    //! Clicks the entry \a name of the open menu \a menu.
    void trigger(const QString &name, const QString &menu = QStringLiteral("messageMenu"));
    //! Opens the open conversation's "…" menu (mute, report, block).
    void conversationMenu();
    //! Opens the menu of message \a id from the keyboard (the list's current message, Shift+F10).
    void menuFromKeyboard(const QString &id);
    //! The server's copy of message \a id in \a conversation (as amelie sees it).
    QJsonObject serverMessage(const QString &conversation, const QString &id);
    QJsonArray serverMessages(const QString &conversation);
    QVariantList reactionsOf(const QString &id) const
    {
        return modelOf(bubbleWithId(id)) ? modelOf(bubbleWithId(id))->property("reactions").toList() : QVariantList();
    }
    static bool hasMine(const QVariantList &reactions, const QString &emoji)
    {
        for (const QVariant &r : reactions) {
            const QVariantMap map = r.toMap();
            if (map.value(QStringLiteral("emoji")).toString() == emoji && map.value(QStringLiteral("mine")).toBool())
                return true;
        }
        return false;
    }
    static bool serverHasMine(const QJsonObject &message, const QString &emoji)
    {
        for (const QJsonValue r : message.value(QStringLiteral("reactions")).toArray()) {
            if (r[QStringLiteral("emoji")].toString() == emoji && r[QStringLiteral("mine")].toBool())
                return true;
        }
        return false;
    }

    QString m_token; //!< amelie's, for reading what the server has
    plaza::test::DemoWindow m_demo;
    QString m_bruno;   //!< amelie's chat with bruno
    QString m_target;  //!< the message replied to, reacted to, edited and forwarded
};

void MessageActionsUiTest::initTestCase()
{
    QString why;
    QVERIFY2(m_demo.open(QStringLiteral("PlazaMessageActionsTest"), QSize(1280, 800), &why), qPrintable(why));
    QVERIFY2(m_demo.signIn(QStringLiteral("amelie"), QStringLiteral("a passphrase for the actions test"), &why), qPrintable(why));
    m_token = m_demo.login(QStringLiteral("amelie"));
    QVERIFY(!m_token.isEmpty());

    QVERIFY2(m_demo.showPage(QStringLiteral("chat"), QStringLiteral("chatPage"), &why), qPrintable(why));
    QTRY_VERIFY_WITH_TIMEOUT(!(m_bruno = conversationWith(QStringLiteral("bruno"))).isEmpty(), 20000);
    openChat(m_bruno);
    if (QTest::currentTestFailed())
        return;
    m_target = send(QStringLiteral("Shall we meet at noon?"));
    QVERIFY(!m_target.isEmpty());
}

void MessageActionsUiTest::cleanup()
{
    const QString warnings = m_demo.takeWarnings();
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings));
}

QString MessageActionsUiTest::conversationWith(const QString &handle) const
{
    QQuickItem *list = item(QStringLiteral("conversationList"));
    auto *model = list ? list->property("model").value<QAbstractItemModel *>() : nullptr;
    if (!model)
        return {};
    const int handleRole = model->roleNames().key("otherHandle", -1);
    const int idRole = model->roleNames().key("id", -1);
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(handleRole).toString() == handle)
            return model->index(row, 0).data(idRole).toString();
    }
    return {};
}

QQuickItem *MessageActionsUiTest::bubble(const std::function<bool(QObject *model)> &match) const
{
    QQuickItem *list = item(QStringLiteral("messageList"));
    auto *content = list ? list->property("contentItem").value<QQuickItem *>() : nullptr;
    if (!content)
        return nullptr;
    const QList<QQuickItem *> children = content->childItems();
    for (QQuickItem *child : children) {
        QObject *model = modelOf(child);
        if (model && child->isVisible() && match(model))
            return child;
    }
    return nullptr;
}

void MessageActionsUiTest::openChat(const QString &id)
{
    QVERIFY(QMetaObject::invokeMethod(item(QStringLiteral("chatPage")), "open", Q_ARG(QVariant, id)));
    QTRY_COMPARE_WITH_TIMEOUT(item(QStringLiteral("chatPage"))->property("currentId").toString(), id, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("messageList"))->property("count").toInt() > 0, 20000);
}

QString MessageActionsUiTest::send(const QString &text)
{
    QQuickItem *composer = item(QStringLiteral("chatComposer"));
    if (!composer)
        return {};
    composer->forceActiveFocus();
    if (!QTest::qWaitFor([&] { return composer->hasActiveFocus(); }, 5000))
        return {};
    typeText(m_demo.window, text);
    QTest::keyClick(m_demo.window, Qt::Key_Return);
    QString id;
    (void)QTest::qWaitFor([&] {
        QObject *m = modelOf(bubble([&](QObject *m) { return m->property("text").toString() == text; }));
        id = m ? m->property("id").toString() : QString();
        return !id.isEmpty();
    }, 20000);
    return id;
}

void MessageActionsUiTest::rightClick(QQuickItem *target)
{
    QVERIFY(target);
    QQuickItem *list = item(QStringLiteral("messageList"));
    // Into view first (the newest may be under the composer's edge while it grows).
    QMetaObject::invokeMethod(list, "positionViewAtIndex", Q_ARG(int, target->property("index").toInt()), Q_ARG(int, 2 /* Contain */));
    QTest::qWait(50);
    const QRectF at = sceneRect(target);
    const bool own = target->property("own").toBool();
    const QPoint point(int(own ? at.right() - 30 : at.left() + 30), int(at.bottom() - 24));
    QTest::mouseClick(m_demo.window, Qt::RightButton, {}, point);
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("messageMenu")), 5000);
}

void MessageActionsUiTest::trigger(const QString &name, const QString &menu)
{
    QTRY_VERIFY_WITH_TIMEOUT(opened(menu), 5000);
    QQuickItem *entry = nullptr;
    QTRY_VERIFY((entry = item(name)) && entry->isVisible());
    // The menu has laid its items out and stopped moving (it fits itself into the window
    // after it opened): the entry is inside it, at the same place twice in a row.
    QRectF last;
    QTRY_VERIFY_WITH_TIMEOUT([&] {
        auto *content = popup(menu)->property("contentItem").value<QQuickItem *>();
        const QRectF now = sceneRect(entry);
        const bool settled = content && sceneRect(content).contains(now.center()) && now == last;
        last = now;
        return settled;
    }(), 5000);
    // (And still there a moment later: under load the menu may still be placing itself.)
    QTest::qWait(250);
    QTRY_VERIFY_WITH_TIMEOUT([&] {
        auto *content = popup(menu)->property("contentItem").value<QQuickItem *>();
        const QRectF now = sceneRect(entry);
        const bool settled = content && sceneRect(content).contains(now.center()) && now == last;
        last = now;
        return settled;
    }(), 5000);
    QTest::mouseClick(m_demo.window, Qt::LeftButton, {}, sceneRect(entry).center().toPoint());
    QTRY_VERIFY_WITH_TIMEOUT(closed(menu), 5000);
}

void MessageActionsUiTest::conversationMenu()
{
    QQuickItem *button = item(QStringLiteral("conversationMenuButton"));
    QVERIFY(button && button->isVisible());
    QTest::mouseClick(m_demo.window, Qt::LeftButton, {}, sceneRect(button).center().toPoint());
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("conversationMenu")), 5000);
}

void MessageActionsUiTest::menuFromKeyboard(const QString &id)
{
    QQuickItem *list = item(QStringLiteral("messageList"));
    QQuickItem *b = bubbleWithId(id);
    QVERIFY(b);
    list->forceActiveFocus(Qt::TabFocusReason);
    QTRY_VERIFY(list->hasActiveFocus());
    list->setProperty("currentIndex", b->property("index").toInt());
    QTest::keyClick(m_demo.window, Qt::Key_F10, Qt::ShiftModifier);
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("messageMenu")), 5000);
    // It starts on Copy text (Enter copies); the reactions are Up from there, past Reply.
    QTRY_VERIFY(item(QStringLiteral("copyMessageTextItem")) && item(QStringLiteral("copyMessageTextItem"))->hasActiveFocus());
    QTest::keyClick(m_demo.window, Qt::Key_Up);
    QTRY_VERIFY(item(QStringLiteral("replyMessageItem"))->hasActiveFocus());
    QTest::keyClick(m_demo.window, Qt::Key_Up);
}

QJsonArray MessageActionsUiTest::serverMessages(const QString &conversation)
{
    const auto page = m_demo.api->get(QStringLiteral("/v1/conversations/%1/messages?limit=50").arg(conversation), m_token);
    return page.json.value(QStringLiteral("items")).toArray();
}

QJsonObject MessageActionsUiTest::serverMessage(const QString &conversation, const QString &id)
{
    for (const QJsonValue m : serverMessages(conversation)) {
        if (m[QStringLiteral("id")].toString() == id)
            return m.toObject();
    }
    return {};
}

void MessageActionsUiTest::replyFromTheMenu()
{
    rightClick(bubbleWithId(m_target));
    if (QTest::currentTestFailed())
        return;
    trigger(QStringLiteral("replyMessageItem"));
    if (QTest::currentTestFailed())
        return;
    QQuickItem *bar = item(QStringLiteral("composerContextBar"));
    QVERIFY(bar);
    QTRY_VERIFY(bar->isVisible());
    QCOMPARE(item(QStringLiteral("composerContextTitle"))->property("text").toString(), QStringLiteral("Replying to yourself"));
    QTRY_VERIFY(item(QStringLiteral("chatComposer"))->hasActiveFocus());
    // Escape leaves the reply; the menu again, and this time the reply goes.
    QTest::keyClick(m_demo.window, Qt::Key_Escape);
    QTRY_VERIFY(!bar->isVisible());
    rightClick(bubbleWithId(m_target));
    if (QTest::currentTestFailed())
        return;
    trigger(QStringLiteral("replyMessageItem"));
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY(bar->isVisible());
    const QString reply = send(QStringLiteral("Noon works, see you there"));
    QVERIFY(!reply.isEmpty());
    QVERIFY(!bar->isVisible());
    QObject *model = modelOf(bubbleWithId(reply));
    QVERIFY(model);
    QTRY_COMPARE(model->property("replyTo").toString(), m_target);
    QCOMPARE(model->property("replySnippet").toString(), QStringLiteral("Shall we meet at noon?"));
    // The server stored it as a reply to that message.
    QTRY_COMPARE_WITH_TIMEOUT(serverMessage(m_bruno, reply).value(QStringLiteral("reply_to")).toObject()
                                  .value(QStringLiteral("id")).toString(), m_target, 10000);
    // The quote shows the original, highlighted.
    QQuickItem *quote = named(bubbleWithId(reply), QStringLiteral("replyQuote")).value(0);
    QVERIFY(quote && quote->isVisible());
    QTest::mouseClick(m_demo.window, Qt::LeftButton, {}, sceneRect(quote).center().toPoint());
    QTRY_COMPARE(item(QStringLiteral("chatPage"))->property("highlightedId").toString(), m_target);
}

void MessageActionsUiTest::reactFromTheRowWithTheKeyboard()
{
    menuFromKeyboard(m_target);
    if (QTest::currentTestFailed())
        return;
    // Up to the reaction row: Right to ❤️, Enter.
    QQuickItem *row = item(QStringLiteral("reactionRow"));
    QVERIFY(row);
    QTRY_VERIFY(row->hasActiveFocus());
    QTest::keyClick(m_demo.window, Qt::Key_Right);
    QCOMPARE(row->property("selected").toInt(), 1);
    QTest::keyClick(m_demo.window, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(closed(QStringLiteral("messageMenu")), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(hasMine(reactionsOf(m_target), QStringLiteral("❤️")), 10000);
    QVERIFY(serverHasMine(serverMessage(m_bruno, m_target), QStringLiteral("❤️")));
}

void MessageActionsUiTest::reactFromThePickerWithTheKeyboard()
{
    menuFromKeyboard(m_target);
    if (QTest::currentTestFailed())
        return;
    QQuickItem *row = item(QStringLiteral("reactionRow"));
    QTRY_VERIFY(row->hasActiveFocus());
    for (int i = 0; i < 6; ++i)
        QTest::keyClick(m_demo.window, Qt::Key_Right);
    QCOMPARE(row->property("selected").toInt(), 6); // More…
    QTest::keyClick(m_demo.window, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("emojiPicker")), 5000);
    QQuickItem *search = item(QStringLiteral("emojiSearchField"));
    QTRY_VERIFY(search && search->hasActiveFocus());
    // "party": the partying face, then the party popper; Down into the grid, Right, Enter.
    typeText(m_demo.window, QStringLiteral("party"));
    QQuickItem *grid = item(QStringLiteral("emojiGrid"));
    QTRY_COMPARE(grid->property("count").toInt(), 2);
    QTest::keyClick(m_demo.window, Qt::Key_Down);
    QTRY_VERIFY(grid->hasActiveFocus());
    QTest::keyClick(m_demo.window, Qt::Key_Right);
    QCOMPARE(grid->property("currentIndex").toInt(), 1);
    auto *current = grid->property("currentItem").value<QQuickItem *>();
    QVERIFY(current);
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(current);
    QCOMPARE(iface ? iface->text(QAccessible::Name) : QString(), QStringLiteral("party popper"));
    QTest::keyClick(m_demo.window, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(closed(QStringLiteral("emojiPicker")), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(hasMine(reactionsOf(m_target), QStringLiteral("🎉")), 10000);
    QVERIFY(serverHasMine(serverMessage(m_bruno, m_target), QStringLiteral("🎉")));
    // Escape closes the picker without reacting.
    menuFromKeyboard(m_target);
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY(item(QStringLiteral("reactionRow"))->hasActiveFocus());
    for (int i = 0; i < 6; ++i)
        QTest::keyClick(m_demo.window, Qt::Key_Right);
    QTest::keyClick(m_demo.window, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("emojiPicker")), 5000);
    QTest::keyClick(m_demo.window, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(closed(QStringLiteral("emojiPicker")), 5000);
    QCOMPARE(reactionsOf(m_target).size(), 2);
}

void MessageActionsUiTest::chipTakesTheReactionBack()
{
    QQuickItem *chip = nullptr;
    for (QQuickItem *c : named(bubbleWithId(m_target), QStringLiteral("reactionChip"))) {
        if (c->property("emoji").toString() == u"❤️")
            chip = c;
    }
    QVERIFY(chip);
    QVERIFY(chip->property("mine").toBool());
    // Its tooltip says who: oneself.
    QVERIFY(chip->property("who").toString().contains(QStringLiteral("You")));
    QTest::mouseClick(m_demo.window, Qt::LeftButton, {}, sceneRect(chip).center().toPoint());
    QTRY_VERIFY_WITH_TIMEOUT(!hasMine(reactionsOf(m_target), QStringLiteral("❤️")), 10000);
    QVERIFY(!serverHasMine(serverMessage(m_bruno, m_target), QStringLiteral("❤️")));
    QVERIFY(serverHasMine(serverMessage(m_bruno, m_target), QStringLiteral("🎉")));
}

void MessageActionsUiTest::editShowsEdited()
{
    rightClick(bubbleWithId(m_target));
    if (QTest::currentTestFailed())
        return;
    trigger(QStringLiteral("editMessageItem"));
    if (QTest::currentTestFailed())
        return;
    QQuickItem *composer = item(QStringLiteral("chatComposer"));
    QTRY_COMPARE(composer->property("text").toString(), QStringLiteral("Shall we meet at noon?"));
    QCOMPARE(item(QStringLiteral("composerContextTitle"))->property("text").toString(), QStringLiteral("Editing message"));
    QTRY_VERIFY(composer->hasActiveFocus());
    QTest::keyClick(m_demo.window, Qt::Key_A, Qt::ControlModifier);
    typeText(m_demo.window, QStringLiteral("Shall we meet at one?"));
    QTest::keyClick(m_demo.window, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(modelOf(bubbleWithId(m_target))->property("text").toString(), QStringLiteral("Shall we meet at one?"), 10000);
    QTRY_VERIFY(modelOf(bubbleWithId(m_target))->property("edited").toBool());
    // The bubble says so, the composer is empty again, the server has the new text.
    bool saysEdited = false;
    QList<QQuickItem *> queue{bubbleWithId(m_target)};
    while (!queue.isEmpty()) {
        QQuickItem *current = queue.takeFirst();
        if (current->property("text").toString().contains(QStringLiteral(" · edited")))
            saysEdited = true;
        queue += current->childItems();
    }
    QVERIFY(saysEdited);
    QTRY_COMPARE(composer->property("text").toString(), QString());
    QVERIFY(!item(QStringLiteral("composerContextBar"))->isVisible());
    const QJsonObject onServer = serverMessage(m_bruno, m_target);
    QCOMPARE(onServer.value(QStringLiteral("text")).toString(), QStringLiteral("Shall we meet at one?"));
    QVERIFY(!onServer.value(QStringLiteral("edited_at")).isNull());
}

void MessageActionsUiTest::deleteForEveryoneLeavesATombstone()
{
    const QString id = send(QStringLiteral("Oops, wrong chat"));
    QVERIFY(!id.isEmpty());
    rightClick(bubbleWithId(id));
    if (QTest::currentTestFailed())
        return;
    trigger(QStringLiteral("deleteForEveryoneItem"));
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("confirmDeleteSheet")), 5000);
    QQuickItem *confirm = item(QStringLiteral("confirmDeleteButton"));
    QVERIFY(confirm);
    QTest::mouseClick(m_demo.window, Qt::LeftButton, {}, sceneRect(confirm).center().toPoint());
    QTRY_VERIFY_WITH_TIMEOUT(closed(QStringLiteral("confirmDeleteSheet")), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(modelOf(bubbleWithId(id)) && modelOf(bubbleWithId(id))->property("deleted").toBool(), 10000);
    const QJsonObject onServer = serverMessage(m_bruno, id);
    QVERIFY(!onServer.isEmpty());
    QCOMPARE(onServer.value(QStringLiteral("text")).toString(), QString());
    QVERIFY(!onServer.value(QStringLiteral("deleted_at")).isNull());
    // A tombstone offers no reply, edit or delete for everyone any more.
    rightClick(bubbleWithId(id));
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY(shown(QStringLiteral("deleteForMeItem")));
    QVERIFY(!shown(QStringLiteral("replyMessageItem")));
    QVERIFY(!shown(QStringLiteral("editMessageItem")));
    QVERIFY(!shown(QStringLiteral("deleteForEveryoneItem")));
    QTest::keyClick(m_demo.window, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(closed(QStringLiteral("messageMenu")), 5000);
}

void MessageActionsUiTest::deleteForMeHidesItHereOnly()
{
    const QString id = send(QStringLiteral("Just for me to forget"));
    QVERIFY(!id.isEmpty());
    rightClick(bubbleWithId(id));
    if (QTest::currentTestFailed())
        return;
    trigger(QStringLiteral("deleteForMeItem"));
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY_WITH_TIMEOUT(!bubbleWithId(id), 10000);
    QCOMPARE(serverMessage(m_bruno, id).value(QStringLiteral("text")).toString(), QStringLiteral("Just for me to forget"));
}

void MessageActionsUiTest::forwardToTwoConversations()
{
    const QString chloe = conversationWith(QStringLiteral("chloe"));
    const QString david = conversationWith(QStringLiteral("david"));
    QVERIFY(!chloe.isEmpty() && !david.isEmpty());
    rightClick(bubbleWithId(m_target));
    if (QTest::currentTestFailed())
        return;
    trigger(QStringLiteral("forwardMessageItem"));
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("forwardSheet")), 5000);
    QQuickItem *list = item(QStringLiteral("forwardTargets"));
    QVERIFY(list);
    QTRY_VERIFY_WITH_TIMEOUT(list->property("count").toInt() >= 3, 10000);
    const auto rowOf = [&](const QString &id) -> QQuickItem * {
        for (QQuickItem *r : named(list, QStringLiteral("forwardTarget"))) {
            if (r->property("conversationId").toString() == id)
                return r;
        }
        return nullptr;
    };
    for (const QString &target : {chloe, david}) {
        QQuickItem *r = nullptr;
        QTRY_VERIFY((r = rowOf(target)));
        QMetaObject::invokeMethod(list, "positionViewAtIndex", Q_ARG(int, r->property("index").toInt()), Q_ARG(int, 2));
        QTest::qWait(50);
        QTest::mouseClick(m_demo.window, Qt::LeftButton, {}, sceneRect(r).center().toPoint());
        QTRY_VERIFY(r->property("checked").toBool());
    }
    QQuickItem *button = item(QStringLiteral("forwardButton"));
    QCOMPARE(button->property("text").toString(), QStringLiteral("Forward to 2 conversations"));
    QTest::mouseClick(m_demo.window, Qt::LeftButton, {}, sceneRect(button).center().toPoint());
    QTRY_VERIFY_WITH_TIMEOUT(closed(QStringLiteral("forwardSheet")), 10000);
    for (const QString &target : {chloe, david}) {
        const QJsonObject newest = serverMessages(target).at(0).toObject();
        QCOMPARE(newest.value(QStringLiteral("text")).toString(), QStringLiteral("Shall we meet at one?"));
        QVERIFY(newest.value(QStringLiteral("forwarded_from")).isObject());
    }
}

void MessageActionsUiTest::paymentOffersNoEditDeleteOrForward()
{
    // Amélie pays Bruno in their chat (a second check first, as a new sign-in needs).
    const auto stepUp = m_demo.api->post(QStringLiteral("/v1/auth/step-up"),
                                    {{QStringLiteral("password"), QString::fromLatin1(kDemoPassword)}}, m_token);
    QCOMPARE(stepUp.status, 200);
    const QJsonObject transfer{{QStringLiteral("to"), QStringLiteral("@bruno")},
                               {QStringLiteral("amount"), QJsonObject{{QStringLiteral("amount"), 150}, {QStringLiteral("currency"), QStringLiteral("EUR")}}},
                               {QStringLiteral("note"), QStringLiteral("Coffee for the actions test")},
                               {QStringLiteral("conversation_id"), m_bruno}};
    const auto paid = m_demo.api->send("POST", QStringLiteral("/v1/transfers"), QJsonDocument(transfer).toJson(), m_token,
                                  {{"Idempotency-Key", QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1()},
                                   {"Step-Up-Token", stepUp.json.value(QStringLiteral("step_up_token")).toString().toLatin1()}});
    QVERIFY2(paid.status == 201, paid.body.constData());
    QQuickItem *payment = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((payment = bubble([](QObject *m) {
                                  return m->property("kind").toString() == u"payment"
                                      && m->property("body").toString() == u"Coffee for the actions test";
                              })), 20000);
    QVERIFY(modelOf(payment)->property("own").toBool());
    rightClick(payment);
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY(shown(QStringLiteral("replyMessageItem")));
    QVERIFY(shown(QStringLiteral("copyMessageAmountItem")));
    QVERIFY(!shown(QStringLiteral("editMessageItem")));
    QVERIFY(!shown(QStringLiteral("deleteForEveryoneItem")));
    QVERIFY(!shown(QStringLiteral("forwardMessageItem")));
    QTest::keyClick(m_demo.window, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(closed(QStringLiteral("messageMenu")), 5000);
}

void MessageActionsUiTest::muteReportAndBlockFromTheConversationMenu()
{
    // The header's "…" on amelie's chat with Farid: mute for 8 hours (the server has it, the
    // row shows it), unmute, report Farid with a reason, block him (after a confirmation: the
    // composer gives way to a notice, Farid can no longer write), unblock.
    QString farid;
    QTRY_VERIFY_WITH_TIMEOUT(!(farid = conversationWith(QStringLiteral("farid"))).isEmpty(), 20000);
    openChat(farid);
    if (QTest::currentTestFailed())
        return;
    const auto serverConversation = [&] {
        return m_demo.api->get(QStringLiteral("/v1/conversations/") + farid, m_token).json;
    };
    const auto note = [&] {
        QQuickItem *text = item(QStringLiteral("messageActionNoteText"));
        return text && text->isVisible() ? text->property("text").toString() : QString();
    };
    const auto mutedIconShown = [&] {
        for (QQuickItem *icon : named(item(QStringLiteral("conversationList")), QStringLiteral("conversationMutedIcon"))) {
            if (icon->isVisible())
                return true;
        }
        return false;
    };
    QVERIFY(!serverConversation().value(QStringLiteral("muted")).toBool());
    QVERIFY(!mutedIconShown());

    conversationMenu();
    if (QTest::currentTestFailed())
        return;
    QVERIFY(!shown(QStringLiteral("unmuteItem")));
    QVERIFY(!shown(QStringLiteral("unblockItem")));
    const QDateTime asked = QDateTime::currentDateTimeUtc();
    trigger(QStringLiteral("muteEightHoursItem"), QStringLiteral("conversationMenu"));
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY_WITH_TIMEOUT(serverConversation().value(QStringLiteral("muted")).toBool(), 10000);
    const QDateTime until = QDateTime::fromString(serverConversation().value(QStringLiteral("muted_until")).toString(), Qt::ISODateWithMs);
    QVERIFY2(until.isValid(), qPrintable(serverConversation().value(QStringLiteral("muted_until")).toString()));
    QVERIFY(until >= asked.addSecs(8 * 3600 - 60) && until <= asked.addSecs(8 * 3600 + 600));
    QTRY_VERIFY_WITH_TIMEOUT(mutedIconShown(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(note(), QStringLiteral("Muted: no notifications from this conversation."), 10000);

    conversationMenu();
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY(shown(QStringLiteral("unmuteItem")));
    QVERIFY(!shown(QStringLiteral("muteEightHoursItem")));
    trigger(QStringLiteral("unmuteItem"), QStringLiteral("conversationMenu"));
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY2_WITH_TIMEOUT(!serverConversation().value(QStringLiteral("muted")).toBool(), qPrintable(note()), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!mutedIconShown(), 10000);

    // Report Farid: a reason (the first, Spam), a note, Report.
    conversationMenu();
    if (QTest::currentTestFailed())
        return;
    trigger(QStringLiteral("reportPersonItem"), QStringLiteral("conversationMenu"));
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("reportSheet")), 5000);
    QQuickItem *noteField = item(QStringLiteral("reportNote"));
    QVERIFY(noteField);
    noteField->setProperty("text", QStringLiteral("Sends me links to a prize I never entered"));
    QQuickItem *report = item(QStringLiteral("sendReportButton"));
    QTRY_VERIFY(report && report->isEnabled());
    QTest::mouseClick(m_demo.window, Qt::LeftButton, {}, sceneRect(report).center().toPoint());
    QTRY_VERIFY_WITH_TIMEOUT(closed(QStringLiteral("reportSheet")), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(note(), QStringLiteral("Thanks. The report was sent."), 10000);

    // Block, confirmed: read-only here, and Farid's messages are refused by the server.
    conversationMenu();
    if (QTest::currentTestFailed())
        return;
    trigger(QStringLiteral("blockItem"), QStringLiteral("conversationMenu"));
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("confirmBlockSheet")), 5000);
    QQuickItem *confirm = item(QStringLiteral("confirmBlockButton"));
    QTRY_VERIFY(confirm && confirm->isVisible() && confirm->isEnabled());
    QTest::mouseClick(m_demo.window, Qt::LeftButton, {}, sceneRect(confirm).center().toPoint());
    // (Closed for good: while the sheet fades out, its overlay still takes the clicks.)
    QTRY_VERIFY_WITH_TIMEOUT(closed(QStringLiteral("confirmBlockSheet")), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(shown(QStringLiteral("blockedBar")), 10000);
    QVERIFY(!item(QStringLiteral("chatComposer")) || !item(QStringLiteral("chatComposer"))->isVisible());
    QVERIFY(!item(QStringLiteral("chatSendMoneyButton"))->isEnabled());
    QCOMPARE(item(QStringLiteral("blockedText"))->property("text").toString(),
             QStringLiteral("You blocked Farid Haddad. You can read this conversation, but neither of you can write in it. "
                            "To unblock them, use the … menu above."));
    const auto blocks = m_demo.api->get(QStringLiteral("/v1/blocks"), m_token).json.value(QStringLiteral("items")).toArray();
    QCOMPARE(blocks.size(), 1);
    QVERIFY(QJsonDocument(blocks).toJson().contains("\"farid\""));
    const QString faridToken = m_demo.login(QStringLiteral("farid"));
    QVERIFY(!faridToken.isEmpty());
    const QJsonObject attempt{{QStringLiteral("client_id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                              {QStringLiteral("text"), QStringLiteral("Are you there?")}};
    QCOMPARE(m_demo.api->send("POST", QStringLiteral("/v1/conversations/%1/messages").arg(farid), QJsonDocument(attempt).toJson(),
                         faridToken, {{"Content-Type", "application/json"}})
                 .status,
             403);

    // Unblock from the same menu: the composer is back.
    conversationMenu();
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY(shown(QStringLiteral("unblockItem")));
    QVERIFY(!shown(QStringLiteral("blockItem")));
    trigger(QStringLiteral("unblockItem"), QStringLiteral("conversationMenu"));
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY2_WITH_TIMEOUT(!shown(QStringLiteral("blockedBar")),
                              qPrintable(note() + u" / server: "
                                         + QString::fromUtf8(QJsonDocument(m_demo.api->get(QStringLiteral("/v1/blocks"), m_token).json).toJson())),
                              10000);
    QTRY_VERIFY_WITH_TIMEOUT(shown(QStringLiteral("chatComposer")), 10000);
    QCOMPARE(m_demo.api->get(QStringLiteral("/v1/blocks"), m_token).json.value(QStringLiteral("items")).toArray().size(), 0);
    openChat(m_bruno); // where the next test works
}

// A conversation longer than the page's window of rows, scrolled as a person would (the list's
// contentY, a step a frame): up to the first message (older pages come in at the top, the newest
// leave at the bottom), then down to the newest again. The view asks its model for "more" at its
// bottom; older pages must only come from the top, or the window swings between the two ends.
void MessageActionsUiTest::longConversationScrollsToTheFirstAndBackToTheNewest()
{
    constexpr int kMessages = 150;
    const auto bruno = m_demo.api->get(QStringLiteral("/v1/users?query=bruno"), m_token).json.value(QStringLiteral("items")).toArray();
    QVERIFY(!bruno.isEmpty());
    const auto made = m_demo.api->post(QStringLiteral("/v1/conversations"),
                                       QJsonObject{{QStringLiteral("member_ids"), QJsonArray{bruno.first()[QStringLiteral("id")]}},
                                                   {QStringLiteral("title"), QStringLiteral("Long thread")}},
                                       m_token);
    QCOMPARE(made.status, 201);
    const QString group = made.json.value(QStringLiteral("id")).toString();
    for (int n = 1; n <= kMessages; ++n) {
        const auto sent = m_demo.api->post(QStringLiteral("/v1/conversations/%1/messages").arg(group),
                                           QJsonObject{{QStringLiteral("client_id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                                                       {QStringLiteral("text"), QStringLiteral("Long %1").arg(n)}},
                                           m_token);
        QCOMPARE(sent.status, 201);
    }
    QQuickItem *list = item(QStringLiteral("messageList"));
    QObject *messages = list->property("model").value<QObject *>();
    auto *rows = qobject_cast<QAbstractItemModel *>(messages);
    QVERIFY(rows);
    // A small window (the page's is 500 rows, pages of 50): 40 rows, pages of 20.
    messages->setProperty("pageSize", 20);
    messages->setProperty("maxRows", 40);
    QCOMPARE(messages->property("maxRows").toInt(), 40);
    const auto restore = qScopeGuard([&] {
        messages->setProperty("maxRows", 500);
        messages->setProperty("pageSize", 50);
        openChat(m_bruno);
    });
    QTRY_VERIFY_WITH_TIMEOUT(!m_demo.app->session->busy(), 30000);
    openChat(group);
    if (QTest::currentTestFailed())
        return;
    const auto showing = [&](const QString &text) {
        QQuickItem *b = bubble([&](QObject *m) { return m->property("text").toString() == text; });
        if (!b)
            return false;
        const QRectF r = b->mapRectToItem(list, QRectF(0, 0, b->width(), b->height()));
        return r.bottom() > 0 && r.top() < list->height();
    };
    QTRY_VERIFY_WITH_TIMEOUT(showing(QStringLiteral("Long %1").arg(kMessages)), 20000);
    QVERIFY(messages->property("atEnd").toBool());
    QVERIFY(rows->rowCount() <= 40);

    const auto scrollBy = [&](qreal dy) {
        // What the wheel does: the person leaves the end (ChatPage follows it only there).
        QQuickItem *page = item(QStringLiteral("chatPage"));
        page->setProperty("followEnd", false);
        page->setProperty("holdUnread", false);
        const qreal top = list->property("originY").toReal();
        const qreal bottom = top + list->property("contentHeight").toReal() - list->height();
        const qreal y = std::clamp(list->property("contentY").toReal() + dy, top, std::max(top, bottom));
        list->setProperty("contentY", y);
        QTest::qWait(16);
    };
    // Up to the first message.
    int steps = 0;
    for (; steps < 1500 && !(messages->property("atStart").toBool() && showing(QStringLiteral("Long 1"))); ++steps)
        scrollBy(-120);
    QVERIFY2(showing(QStringLiteral("Long 1")), qPrintable(QStringLiteral("after %1 steps up: %2 rows, atStart %3")
                                                               .arg(steps)
                                                               .arg(rows->rowCount())
                                                               .arg(messages->property("atStart").toBool())));
    QVERIFY(!messages->property("atEnd").toBool()); // the newest left the window
    QVERIFY(rows->rowCount() <= 40);
    // Down to the newest: newer pages come in at the bottom, and only there.
    for (steps = 0; steps < 1500 && !(messages->property("atEnd").toBool() && showing(QStringLiteral("Long %1").arg(kMessages))); ++steps)
        scrollBy(120);
    QVERIFY2(showing(QStringLiteral("Long %1").arg(kMessages)),
             qPrintable(QStringLiteral("after %1 steps down: %2 rows from \"%3\", atEnd %4")
                            .arg(steps)
                            .arg(rows->rowCount())
                            .arg(rows->index(0, 0).data(
                                     rows->roleNames().key("text")).toString())
                            .arg(messages->property("atEnd").toBool())));
    QVERIFY(messages->property("atEnd").toBool());
    QVERIFY(rows->rowCount() <= 40);
}

void MessageActionsUiTest::offlineSaysWhatNeedsAConnection()
{
    QVERIFY(m_demo.server->stop());
    QTRY_VERIFY_WITH_TIMEOUT(!m_demo.app->session->online(), 20000);
    // Edit and Forward show, greyed, with the reason; Reply and Delete for me still work.
    rightClick(bubbleWithId(m_target));
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY(shown(QStringLiteral("editMessageItem")));
    QVERIFY(!item(QStringLiteral("editMessageItem"))->isEnabled());
    QVERIFY(!item(QStringLiteral("forwardMessageItem"))->isEnabled());
    QVERIFY(!item(QStringLiteral("deleteForEveryoneItem"))->isEnabled());
    QVERIFY(!item(QStringLiteral("reactionRow"))->isEnabled());
    QVERIFY(item(QStringLiteral("replyMessageItem"))->isEnabled());
    QVERIFY(item(QStringLiteral("deleteForMeItem"))->isEnabled());
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(item(QStringLiteral("editMessageItem")));
    QVERIFY(iface);
    QCOMPARE(iface->text(QAccessible::Description), QStringLiteral("Needs a connection"));
    QTest::keyClick(m_demo.window, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(closed(QStringLiteral("messageMenu")), 5000);
    // A reaction chip says so plainly instead of waiting for the network.
    QQuickItem *chip = named(bubbleWithId(m_target), QStringLiteral("reactionChip")).value(0);
    QVERIFY(chip);
    QTest::mouseClick(m_demo.window, Qt::LeftButton, {}, sceneRect(chip).center().toPoint());
    QQuickItem *note = nullptr;
    QTRY_VERIFY((note = item(QStringLiteral("messageActionNoteText"))) && note->isVisible());
    QCOMPARE(note->property("text").toString(), QStringLiteral("You're offline. Reactions need a connection."));
    QVERIFY(hasMine(reactionsOf(m_target), QStringLiteral("🎉"))); // unchanged
}

void MessageActionsUiTest::cleanupTestCase()
{
    m_demo.close(); // (already stopped by the offline test)
}

QTEST_MAIN(MessageActionsUiTest)
#include "tst_messageactions.moc"
