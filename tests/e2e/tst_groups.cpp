// SPDX-License-Identifier: MIT
// Groups in the real window (issue 17), in-process and offscreen, against the real
// plaza-server --demo as @amelie, the creator (admin) of the "Weekend hike" group: the
// conversation's "…" menu opens the members sheet (roles; Remove takes David out: the server
// has it and a centred system line says so), renames the group, and the composer's "@"
// autocomplete picks a member by keyboard (Tab; Escape closes it) so the server records the
// mention; leaving (asked first) leaves the conversation read-only. Any QML warning fails it.
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
#include <QJSValue>
#include <QJsonArray>
#include <QJsonDocument>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTest>

#include <functional>

Q_IMPORT_QML_PLUGIN(PlazaPlugin)
Q_IMPORT_QML_PLUGIN(Plaza_DesktopPlugin)

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
//! A QML property that holds a JavaScript value (an array, an object) as plain variants.
QVariant plain(const QVariant &v)
{
    return v.canConvert<QJSValue>() && v.userType() == qMetaTypeId<QJSValue>() ? v.value<QJSValue>().toVariant() : v;
}
} // namespace

class GroupsUiTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void membersSheetRemovesSomeone();
    void renameFromTheMenu();
    void mentionAutocompleteByKeyboard();
    void leaveAsksFirst();
    void cleanupTestCase();

private:
    QQuickItem *item(const QString &objectName) const { return m_demo.app->item(objectName); }
    QObject *popup(const QString &objectName) const { return m_demo.app->popup(objectName); }
    bool opened(const QString &popupName) const
    {
        QObject *p = popup(popupName);
        return p && p->property("opened").toBool();
    }
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
    QString groupId() const;
    void openChat(const QString &id);
    void trigger(const QString &name, const QString &menu);
    void conversationMenu();
    QJsonObject serverConversation() { return m_demo.api->get(QStringLiteral("/v1/conversations/") + m_group, m_token).json; }
    QJsonArray serverMessages()
    {
        return m_demo.api->get(QStringLiteral("/v1/conversations/%1/messages?limit=50").arg(m_group), m_token)
            .json.value(QStringLiteral("items"))
            .toArray();
    }
    //! The texts of the system lines the open conversation shows.
    QStringList systemLines() const;
    void click(QQuickItem *target)
    {
        QVERIFY(target);
        QTest::mouseClick(m_demo.window, Qt::LeftButton, {}, sceneRect(target).center().toPoint());
    }

    QString m_token;
    plaza::test::DemoWindow m_demo;
    QString m_group;
};

void GroupsUiTest::initTestCase()
{
    QString why;
    QVERIFY2(m_demo.open(QStringLiteral("PlazaGroupsTest"), QSize(1280, 800), &why), qPrintable(why));
    QVERIFY2(m_demo.signIn(QStringLiteral("amelie"), QStringLiteral("a passphrase for the groups test"), &why), qPrintable(why));
    m_token = m_demo.login(QStringLiteral("amelie"));
    QVERIFY(!m_token.isEmpty());
    QVERIFY2(m_demo.showPage(QStringLiteral("chat"), QStringLiteral("chatPage"), &why), qPrintable(why));
    QTRY_VERIFY_WITH_TIMEOUT(!(m_group = groupId()).isEmpty(), 20000);
    openChat(m_group);
}

void GroupsUiTest::cleanup()
{
    const QString warnings = m_demo.takeWarnings();
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings));
}

QString GroupsUiTest::groupId() const
{
    QQuickItem *list = item(QStringLiteral("conversationList"));
    auto *model = list ? list->property("model").value<QAbstractItemModel *>() : nullptr;
    if (!model)
        return {};
    const int kindRole = model->roleNames().key("kind", -1);
    const int idRole = model->roleNames().key("id", -1);
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(kindRole).toString() == u"group")
            return model->index(row, 0).data(idRole).toString();
    }
    return {};
}

void GroupsUiTest::openChat(const QString &id)
{
    QVERIFY(QMetaObject::invokeMethod(item(QStringLiteral("chatPage")), "open", Q_ARG(QVariant, id)));
    QTRY_COMPARE_WITH_TIMEOUT(item(QStringLiteral("chatPage"))->property("currentId").toString(), id, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("messageList"))->property("count").toInt() > 0, 20000);
}

void GroupsUiTest::trigger(const QString &name, const QString &menu)
{
    QTRY_VERIFY_WITH_TIMEOUT(opened(menu), 5000);
    QQuickItem *entry = nullptr;
    QTRY_VERIFY((entry = item(name)) && entry->isVisible());
    // The menu has laid its items out and stopped moving: the entry is inside it, at the same
    // place twice in a row (and still a moment later).
    QRectF last;
    for (int round = 0; round < 2; ++round) {
        QTRY_VERIFY_WITH_TIMEOUT([&] {
            auto *content = popup(menu)->property("contentItem").value<QQuickItem *>();
            const QRectF now = sceneRect(entry);
            const bool settled = content && sceneRect(content).contains(now.center()) && now == last;
            last = now;
            return settled;
        }(), 5000);
        QTest::qWait(250);
    }
    click(entry);
    QTRY_VERIFY_WITH_TIMEOUT(closed(menu), 5000);
}

void GroupsUiTest::conversationMenu()
{
    QQuickItem *button = item(QStringLiteral("conversationMenuButton"));
    QVERIFY(button && button->isVisible());
    click(button);
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("conversationMenu")), 5000);
}

QStringList GroupsUiTest::systemLines() const
{
    QStringList out;
    for (QQuickItem *line : named(item(QStringLiteral("messageList")), QStringLiteral("systemLine"))) {
        if (line->isVisible())
            out.append(line->property("text").toString());
    }
    return out;
}

void GroupsUiTest::membersSheetRemovesSomeone()
{
    conversationMenu();
    if (QTest::currentTestFailed())
        return;
    // A group: its entries, and none of a direct chat's.
    QVERIFY(shown(QStringLiteral("renameGroupItem")));
    QVERIFY(shown(QStringLiteral("leaveGroupItem")));
    QVERIFY(!shown(QStringLiteral("blockItem")));
    trigger(QStringLiteral("membersItem"), QStringLiteral("conversationMenu"));
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("membersSheet")), 5000);
    QQuickItem *sheetList = item(QStringLiteral("membersList"));
    QVERIFY(sheetList);
    QTRY_COMPARE_WITH_TIMEOUT(sheetList->property("count").toInt(), 4, 10000);
    QVERIFY(shown(QStringLiteral("addPeopleButton")));
    // Amélie (the creator) is the one admin, first.
    int admins = 0;
    QQuickItem *david = nullptr;
    for (QQuickItem *row : named(sheetList, QStringLiteral("memberRow"))) {
        const QVariantMap member = plain(row->property("modelData")).toMap();
        if (named(row, QStringLiteral("memberRole")).value(0)->isVisible())
            ++admins;
        if (member.value(QStringLiteral("handle")).toString() == u"david")
            david = row;
    }
    QCOMPARE(admins, 1);
    QVERIFY(david);
    QQuickItem *remove = named(david, QStringLiteral("removeMemberButton")).value(0);
    QVERIFY(remove && remove->isVisible());
    click(remove);
    QTRY_COMPARE_WITH_TIMEOUT(serverConversation().value(QStringLiteral("members")).toArray().size(), 3, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(sheetList->property("count").toInt(), 3, 10000);
    QTest::keyClick(m_demo.window, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(closed(QStringLiteral("membersSheet")), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(systemLines().contains(QStringLiteral("You removed David Okafor")), 10000);
}

void GroupsUiTest::renameFromTheMenu()
{
    conversationMenu();
    if (QTest::currentTestFailed())
        return;
    trigger(QStringLiteral("renameGroupItem"), QStringLiteral("conversationMenu"));
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("renameGroupSheet")), 5000);
    QQuickItem *field = item(QStringLiteral("renameGroupField"));
    QVERIFY(field);
    QCOMPARE(field->property("text").toString(), QStringLiteral("Weekend hike 🥾"));
    field->setProperty("text", QStringLiteral("Lake trip"));
    QQuickItem *button = item(QStringLiteral("renameGroupButton"));
    QTRY_VERIFY(button && button->isEnabled());
    click(button);
    QTRY_VERIFY_WITH_TIMEOUT(closed(QStringLiteral("renameGroupSheet")), 10000);
    QCOMPARE(serverConversation().value(QStringLiteral("title")).toString(), QStringLiteral("Lake trip"));
    QTRY_COMPARE_WITH_TIMEOUT(item(QStringLiteral("conversationTitle"))->property("text").toString(), QStringLiteral("Lake trip"), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(systemLines().contains(QStringLiteral("You renamed the group to “Lake trip”")), 10000);
}

void GroupsUiTest::mentionAutocompleteByKeyboard()
{
    QQuickItem *composer = item(QStringLiteral("chatComposer"));
    QVERIFY(composer);
    composer->forceActiveFocus();
    QTRY_VERIFY(composer->hasActiveFocus());
    // "@e": Emma; Escape closes the list and leaves the text.
    typeText(m_demo.window, QStringLiteral("Hi @e"));
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("mentionPopup")), 5000);
    QTest::keyClick(m_demo.window, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(closed(QStringLiteral("mentionPopup")), 5000);
    QCOMPARE(composer->property("text").toString(), QStringLiteral("Hi @e"));
    QVERIFY(composer->hasActiveFocus());
    // Back to "@" (the list again), then "chl": Chloé only; Tab picks her.
    QTest::keyClick(m_demo.window, Qt::Key_Backspace);
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("mentionPopup")), 5000);
    typeText(m_demo.window, QStringLiteral("chl"));
    QObject *list = popup(QStringLiteral("mentionPopup"));
    QTRY_COMPARE_WITH_TIMEOUT(plain(list->property("people")).toList().size(), 1, 5000);
    QTest::keyClick(m_demo.window, Qt::Key_Tab);
    QTRY_VERIFY_WITH_TIMEOUT(closed(QStringLiteral("mentionPopup")), 5000);
    QCOMPARE(composer->property("text").toString(), QStringLiteral("Hi @chloe "));
    QVERIFY(composer->hasActiveFocus());
    // Bruno is added from another device while the group is open: he reaches the header
    // through the sync, and "@" offers him at once (the members sheet was never opened since).
    const auto bruno = m_demo.api->get(QStringLiteral("/v1/users?query=bruno"), m_token);
    const QString brunoId = bruno.json.value(QStringLiteral("items")).toArray().at(0).toObject().value(QStringLiteral("id")).toString();
    QVERIFY2(!brunoId.isEmpty(), bruno.body.constData());
    const auto added = m_demo.api->post(QStringLiteral("/v1/conversations/%1/members").arg(m_group),
                                   {{QStringLiteral("member_ids"), QJsonArray{brunoId}}}, m_token);
    QVERIFY2(added.status == 200, added.body.constData());
    QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("conversationSubtitle"))->property("text").toString().contains(u"Bruno"), 10000);
    // Another with the arrows and Enter: "@" lists Chloé, Emma and Bruno (not oneself); Down
    // picks the second of them, Enter puts it in.
    typeText(m_demo.window, QStringLiteral("and @"));
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("mentionPopup")), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(plain(list->property("people")).toList().size(), 3, 5000);
    QTest::keyClick(m_demo.window, Qt::Key_Down);
    QTRY_COMPARE(list->property("currentIndex").toInt(), 1);
    const QString second = plain(list->property("people")).toList().at(1).toMap().value(QStringLiteral("handle")).toString();
    QTest::keyClick(m_demo.window, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(closed(QStringLiteral("mentionPopup")), 5000);
    QCOMPARE(composer->property("text").toString(), QStringLiteral("Hi @chloe and @%1 ").arg(second));
    typeText(m_demo.window, QStringLiteral("see you"));
    QTest::keyClick(m_demo.window, Qt::Key_Return);
    // The server recorded the mentions.
    QJsonObject sent;
    QTRY_VERIFY_WITH_TIMEOUT([&] {
        const QJsonArray items = serverMessages();
        sent = items.isEmpty() ? QJsonObject() : items.at(0).toObject();
        return sent.value(QStringLiteral("text")).toString().startsWith(QStringLiteral("Hi @chloe"));
    }(), 10000);
    // (Chloé once however often she is named.)
    const int named = second == u"chloe" ? 1 : 2;
    QVERIFY2(sent.value(QStringLiteral("mentions")).toArray().size() == named, QJsonDocument(sent).toJson().constData());
}

void GroupsUiTest::leaveAsksFirst()
{
    conversationMenu();
    if (QTest::currentTestFailed())
        return;
    trigger(QStringLiteral("leaveGroupItem"), QStringLiteral("conversationMenu"));
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("leaveGroupSheet")), 5000);
    // Cancel first: nothing happens.
    click(item(QStringLiteral("cancelLeaveButton")));
    QTRY_VERIFY_WITH_TIMEOUT(closed(QStringLiteral("leaveGroupSheet")), 5000);
    QCOMPARE(serverConversation().value(QStringLiteral("membership")).toString(), QStringLiteral("member"));
    conversationMenu();
    if (QTest::currentTestFailed())
        return;
    trigger(QStringLiteral("leaveGroupItem"), QStringLiteral("conversationMenu"));
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("leaveGroupSheet")), 5000);
    QQuickItem *confirm = item(QStringLiteral("confirmLeaveButton"));
    QTRY_VERIFY(confirm && confirm->isVisible() && confirm->isEnabled());
    click(confirm);
    QTRY_VERIFY_WITH_TIMEOUT(closed(QStringLiteral("leaveGroupSheet")), 10000);
    QCOMPARE(serverConversation().value(QStringLiteral("membership")).toString(), QStringLiteral("left"));
    QTRY_VERIFY_WITH_TIMEOUT(shown(QStringLiteral("leftGroupBar")), 10000);
    QVERIFY(!shown(QStringLiteral("chatComposer")));
    // The menu offers Members still, but no more Rename or Leave.
    conversationMenu();
    if (QTest::currentTestFailed())
        return;
    QVERIFY(shown(QStringLiteral("membersItem")));
    QVERIFY(!shown(QStringLiteral("leaveGroupItem")));
    QVERIFY(!shown(QStringLiteral("renameGroupItem")));
    QTest::keyClick(m_demo.window, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(closed(QStringLiteral("conversationMenu")), 5000);
}

void GroupsUiTest::cleanupTestCase()
{
    m_demo.close();
}

QTEST_MAIN(GroupsUiTest)
#include "tst_groups.moc"
