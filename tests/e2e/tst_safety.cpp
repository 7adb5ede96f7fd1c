// SPDX-License-Identifier: MIT
// Safety in the real window (issue 17), in-process and offscreen, against the real
// plaza-server --demo as @amelie: report one of Bruno's messages from the message menu (the
// server keeps the report: reporting again answers with it), report a request Bruno asked of
// her from its card and decline it in the same step (the card says Declined), a member of the
// hike group she blocked writes there (his message is collapsed), and
// Settings → Blocked people lists him and unblocks him. Any QML warning fails it.
#include "demowindow.h"
#include "inprocessapp.h"
#include "links.h"
#include "qmlwarnings.h"
#include "apiprobe.h"
#include "common/testserver.h"

#include "session/session.h"

#include <QAbstractItemModel>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTest>
#include <QUuid>

#include <functional>

Q_IMPORT_QML_PLUGIN(PlazaPlugin)
Q_IMPORT_QML_PLUGIN(Plaza_DesktopPlugin)

namespace {

QRectF sceneRect(QQuickItem *item)
{
    return item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
}
} // namespace

class SafetyUiTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void reportAMessageFromTheMenu();
    void reportARequestAndDeclineIt();
    void blockedMemberOfAGroupIsCollapsed();
    void blockedListUnblocks();
    void cleanupTestCase();

private:
    QQuickItem *item(const QString &objectName) const { return m_demo.app->item(objectName); }
    QObject *popup(const QString &objectName) const { return m_demo.app->popup(objectName); }
    bool opened(const QString &popupName) const
    {
        QObject *p = popup(popupName);
        return p && p->property("opened").toBool();
    }
    bool closed(const QString &popupName) const
    {
        QObject *p = popup(popupName);
        return !p || !p->property("visible").toBool();
    }
    bool shown(const QString &objectName) const
    {
        QQuickItem *found = item(objectName);
        return found && found->isVisible();
    }
    QString conversationWith(const QString &handle) const;
    QQuickItem *bubble(const std::function<bool(QObject *model)> &match) const;
    QObject *modelOf(QQuickItem *b) const { return b ? b->property("model").value<QObject *>() : nullptr; }
    void openChat(const QString &id);
    void rightClick(QQuickItem *target);
    void trigger(const QString &name, const QString &menu);
    void click(QQuickItem *target);
    //! Posts \a text to \a conversation as \a token; the message's id.
    QString post(const QString &token, const QString &conversation, const QString &text);
    //! Fills the report sheet's note and presses Report.
    void sendReport(const QString &note);

    QString m_token; //!< amelie's
    QString m_bruno; //!< amelie's chat with bruno
    QString m_david; //!< David's id, blocked by amelie
    plaza::test::DemoWindow m_demo;
};

void SafetyUiTest::initTestCase()
{
    QString why;
    QVERIFY2(m_demo.open(QStringLiteral("PlazaSafetyTest"), QSize(1280, 800), &why), qPrintable(why));
    QVERIFY2(m_demo.signIn(QStringLiteral("amelie"), QStringLiteral("a passphrase for the safety test"), &why), qPrintable(why));
    m_token = m_demo.login(QStringLiteral("amelie"));
    QVERIFY(!m_token.isEmpty());
    QVERIFY2(m_demo.showPage(QStringLiteral("chat"), QStringLiteral("chatPage"), &why), qPrintable(why));
    QTRY_VERIFY_WITH_TIMEOUT(!(m_bruno = conversationWith(QStringLiteral("bruno"))).isEmpty(), 20000);
}

void SafetyUiTest::cleanup()
{
    const QString warnings = m_demo.takeWarnings();
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings));
}

QString SafetyUiTest::post(const QString &token, const QString &conversation, const QString &text)
{
    const QJsonObject body{{QStringLiteral("client_id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                           {QStringLiteral("text"), text}};
    const auto sent = m_demo.api->send("POST", QStringLiteral("/v1/conversations/%1/messages").arg(conversation),
                                  QJsonDocument(body).toJson(), token, {{"Content-Type", "application/json"}});
    return sent.status == 201 ? sent.json.value(QStringLiteral("id")).toString() : QString();
}

QString SafetyUiTest::conversationWith(const QString &handle) const
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

QQuickItem *SafetyUiTest::bubble(const std::function<bool(QObject *model)> &match) const
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

void SafetyUiTest::openChat(const QString &id)
{
    QVERIFY(QMetaObject::invokeMethod(item(QStringLiteral("chatPage")), "open", Q_ARG(QVariant, id)));
    QTRY_COMPARE_WITH_TIMEOUT(item(QStringLiteral("chatPage"))->property("currentId").toString(), id, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("messageList"))->property("count").toInt() > 0, 20000);
}

void SafetyUiTest::rightClick(QQuickItem *target)
{
    QVERIFY(target);
    QQuickItem *list = item(QStringLiteral("messageList"));
    QMetaObject::invokeMethod(list, "positionViewAtIndex", Q_ARG(int, target->property("index").toInt()), Q_ARG(int, 2 /* Contain */));
    QTest::qWait(50);
    const QRectF at = sceneRect(target);
    const bool own = target->property("own").toBool();
    const QPoint point(int(own ? at.right() - 30 : at.left() + 30), int(at.bottom() - 24));
    QTest::mouseClick(m_demo.window, Qt::RightButton, {}, point);
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("messageMenu")), 5000);
}

void SafetyUiTest::trigger(const QString &name, const QString &menu)
{
    QTRY_VERIFY_WITH_TIMEOUT(opened(menu), 5000);
    QQuickItem *entry = nullptr;
    QTRY_VERIFY((entry = item(name)) && entry->isVisible());
    // The menu has placed itself: the entry inside it, at the same place twice in a row.
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
    QTest::mouseClick(m_demo.window, Qt::LeftButton, {}, sceneRect(entry).center().toPoint());
    QTRY_VERIFY_WITH_TIMEOUT(closed(menu), 5000);
}

void SafetyUiTest::click(QQuickItem *target)
{
    QVERIFY(target);
    QVERIFY2(clickWhenStill(m_demo.window, target), qPrintable(target->objectName() + QStringLiteral(" never got the click")));
}

void SafetyUiTest::sendReport(const QString &note)
{
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("reportSheet")), 5000);
    QQuickItem *noteField = item(QStringLiteral("reportNote"));
    QVERIFY(noteField);
    noteField->setProperty("text", note);
    click(item(QStringLiteral("sendReportButton")));
    QTRY_VERIFY_WITH_TIMEOUT(closed(QStringLiteral("reportSheet")), 10000);
}

void SafetyUiTest::reportAMessageFromTheMenu()
{
    openChat(m_bruno);
    if (QTest::currentTestFailed())
        return;
    const QString bruno = m_demo.login(QStringLiteral("bruno"));
    const QString id = post(bruno, m_bruno, QStringLiteral("Win a free phone: send me your card number"));
    QVERIFY(!id.isEmpty());
    QQuickItem *theirs = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((theirs = bubble([&](QObject *m) { return m->property("id").toString() == id; })), 20000);
    rightClick(theirs);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(!shown(QStringLiteral("reportRequestItem")));
    trigger(QStringLiteral("reportMessageItem"), QStringLiteral("messageMenu"));
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("reportSheet")), 5000);
    QCOMPARE(popup(QStringLiteral("reportSheet"))->property("title").toString(), QStringLiteral("Report a message from Bruno Carvalho"));
    QVERIFY(!shown(QStringLiteral("reportDeclineBox")));
    sendReport(QStringLiteral("Asks for my card"));
    if (QTest::currentTestFailed())
        return;
    QTRY_COMPARE_WITH_TIMEOUT(item(QStringLiteral("messageActionNoteText"))->property("text").toString(),
                              QStringLiteral("Thanks. The report was sent."), 10000);
    // The server kept it: reporting the same message again answers with the first report.
    const QJsonObject again{{QStringLiteral("target_type"), QStringLiteral("message")},
                            {QStringLiteral("target_id"), id},
                            {QStringLiteral("reason"), QStringLiteral("other")}};
    const auto kept = m_demo.api->post(QStringLiteral("/v1/reports"), again, m_token);
    QCOMPARE(kept.status, 200);
    QCOMPARE(kept.json.value(QStringLiteral("note")).toString(), QStringLiteral("Asks for my card"));
    QCOMPARE(kept.json.value(QStringLiteral("reason")).toString(), QStringLiteral("spam"));
    // One's own messages offer no report.
    const QString mine = post(m_token, m_bruno, QStringLiteral("Please stop."));
    QQuickItem *own = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((own = bubble([&](QObject *m) { return m->property("id").toString() == mine; })), 20000);
    rightClick(own);
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY(shown(QStringLiteral("deleteForMeItem")));
    QVERIFY(!shown(QStringLiteral("reportMessageItem")));
    QTest::keyClick(m_demo.window, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(closed(QStringLiteral("messageMenu")), 5000);
}

void SafetyUiTest::reportARequestAndDeclineIt()
{
    // Bruno asks Amélie for 9.99 € in their chat; she reports the card as a scam and declines it.
    const QString bruno = m_demo.login(QStringLiteral("bruno"));
    const QJsonObject body{{QStringLiteral("amount"), QJsonObject{{QStringLiteral("amount"), 999}, {QStringLiteral("currency"), QStringLiteral("EUR")}}},
                           {QStringLiteral("note"), QStringLiteral("Prize fee")},
                           {QStringLiteral("payer"), QStringLiteral("@amelie")}};
    const auto asked = m_demo.api->send("POST", QStringLiteral("/v1/payment-requests"), QJsonDocument(body).toJson(), bruno,
                                   {{"Idempotency-Key", QUuid::createUuid().toByteArray(QUuid::WithoutBraces)},
                                    {"Content-Type", "application/json"}});
    QCOMPARE(asked.status, 201);
    const QString requestId = asked.json.value(QStringLiteral("id")).toString();
    QVERIFY(!post(bruno, m_bruno, QStringLiteral("€9.99 — Prize fee\nplaza://pay/") + requestId).isEmpty());
    QQuickItem *card = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((card = bubble([&](QObject *m) { return m->property("requestId").toString() == requestId; })), 20000);
    QQuickItem *list = item(QStringLiteral("messageList"));
    QMetaObject::invokeMethod(list, "positionViewAtIndex", Q_ARG(int, card->property("index").toInt()), Q_ARG(int, 2 /* Contain */));
    QQuickItem *reportButton = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT([&] {
        // The card's own Report… (every card of the list has one by that name).
        QList<QQuickItem *> queue{card};
        reportButton = nullptr;
        while (!queue.isEmpty() && !reportButton) {
            QQuickItem *current = queue.takeFirst();
            if (current->objectName() == u"reportRequestButton")
                reportButton = current;
            queue += current->childItems();
        }
        return reportButton && reportButton->isVisible();
    }(), 10000);
    click(reportButton);
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("reportSheet")), 5000);
    QCOMPARE(popup(QStringLiteral("reportSheet"))->property("title").toString(), QStringLiteral("Report a request from Bruno Carvalho"));
    QQuickItem *decline = item(QStringLiteral("reportDeclineBox"));
    QTRY_VERIFY(decline && decline->isVisible());
    QVERIFY(!decline->property("checked").toBool());
    click(decline);
    QTRY_VERIFY(decline->property("checked").toBool());
    sendReport(QStringLiteral("A prize I never entered"));
    if (QTest::currentTestFailed())
        return;
    QTRY_COMPARE_WITH_TIMEOUT(item(QStringLiteral("messageActionNoteText"))->property("text").toString(),
                              QStringLiteral("Thanks. The report was sent and the request declined."), 10000);
    QCOMPARE(m_demo.api->get(QStringLiteral("/v1/payment-requests/") + requestId, m_token).json.value(QStringLiteral("status")).toString(),
             QStringLiteral("declined"));
    // The card follows: Declined, no Pay… nor Report… any more.
    QTRY_COMPARE_WITH_TIMEOUT(modelOf(bubble([&](QObject *m) { return m->property("requestId").toString() == requestId; }))
                                  ->property("requestStatus").toString(),
                              QStringLiteral("declined"), 15000);
    QTRY_VERIFY(!reportButton->isVisible());
}

void SafetyUiTest::blockedMemberOfAGroupIsCollapsed()
{
    // Amélie blocks David (a hiker) from another device; he writes in the hike group.
    const auto blocked = m_demo.api->send("PUT", QStringLiteral("/v1/blocks/@david"), {}, m_token);
    QCOMPARE(blocked.status, 200);
    m_david = blocked.json.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString();
    QVERIFY(!m_david.isEmpty());
    QString group;
    {
        QQuickItem *list = item(QStringLiteral("conversationList"));
        auto *model = list->property("model").value<QAbstractItemModel *>();
        QVERIFY(model);
        const int kindRole = model->roleNames().key("kind", -1);
        const int idRole = model->roleNames().key("id", -1);
        for (int row = 0; row < model->rowCount() && group.isEmpty(); ++row) {
            if (model->index(row, 0).data(kindRole).toString() == u"group")
                group = model->index(row, 0).data(idRole).toString();
        }
    }
    QVERIFY(!group.isEmpty());
    openChat(group);
    if (QTest::currentTestFailed())
        return;
    const QString david = m_demo.login(QStringLiteral("david"));
    const QString id = post(david, group, QStringLiteral("Anyone want to buy my old boots?"));
    QVERIFY(!id.isEmpty());
    QQuickItem *his = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((his = bubble([&](QObject *m) { return m->property("id").toString() == id; })), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(modelOf(his)->property("senderBlocked").toBool(), 10000);
    QCOMPARE(his->property("spokenText").toString(), QStringLiteral("Message from a blocked person"));
    QVERIFY(his->property("fromBlocked").toBool());
    // The conversation list does not show his words either.
    const auto groupRowSays = [&](const QByteArray &role) {
        QQuickItem *list = item(QStringLiteral("conversationList"));
        auto *model = list->property("model").value<QAbstractItemModel *>();
        const int idRole = model->roleNames().key("id", -1);
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row, 0).data(idRole).toString() == group)
                return model->index(row, 0).data(model->roleNames().key(role, -1));
        }
        return QVariant();
    };
    QTRY_VERIFY_WITH_TIMEOUT(groupRowSays("lastMessageFromBlocked").toBool(), 10000);
    QVERIFY(!groupRowSays("lastMessagePreview").toString().contains(QStringLiteral("boots")));
    // Chloé, not blocked, is shown as she is.
    const QString chloe = m_demo.login(QStringLiteral("chloe"));
    const QString hers = post(chloe, group, QStringLiteral("See you Saturday"));
    QQuickItem *chloes = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((chloes = bubble([&](QObject *m) { return m->property("id").toString() == hers; })), 20000);
    QVERIFY(!modelOf(chloes)->property("senderBlocked").toBool());
    QTRY_VERIFY_WITH_TIMEOUT(!groupRowSays("lastMessageFromBlocked").toBool(), 10000);
}

void SafetyUiTest::blockedListUnblocks()
{
    // Settings → Blocked people: David (blocked above) with Unblock; unblocking empties the list.
    m_demo.app->links->requestPage(QStringLiteral("settings/blocked"));
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("settingsSheet")), 10000);
    const QString davidId = m_david;
    QVERIFY(!davidId.isEmpty());
    QQuickItem *row = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((row = item(QStringLiteral("blockedRow_") + davidId)) && row->isVisible(), 15000);
    QVERIFY(!shown(QStringLiteral("blockedEmpty")));
    QVERIFY(row->property("detail").toString().startsWith(QStringLiteral("@david · Blocked ")));
    QQuickItem *unblock = item(QStringLiteral("unblock_") + davidId);
    QTRY_VERIFY_WITH_TIMEOUT([&] {
        // Scrolled into view (Settings is long).
        QQuickItem *sheetContent = popup(QStringLiteral("settingsSheet"))->property("contentItem").value<QQuickItem *>();
        return sheetContent && sceneRect(sheetContent).contains(sceneRect(unblock).center());
    }(), 10000);
    click(unblock);
    QTRY_VERIFY_WITH_TIMEOUT(shown(QStringLiteral("blockedEmpty")), 15000);
    QVERIFY(!item(QStringLiteral("blockedRow_") + davidId) || !item(QStringLiteral("blockedRow_") + davidId)->isVisible());
    QCOMPARE(m_demo.api->get(QStringLiteral("/v1/blocks"), m_token).json.value(QStringLiteral("items")).toArray().size(), 0);
    QCOMPARE(item(QStringLiteral("blockedNote"))->property("text").toString(), QStringLiteral("Unblocked."));
}

void SafetyUiTest::cleanupTestCase()
{
    m_demo.close();
}

QTEST_MAIN(SafetyUiTest)
#include "tst_safety.moc"
