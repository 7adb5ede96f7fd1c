// SPDX-License-Identifier: MIT
// Message requests in the real window (issue 17, docs/api.md "Message requests"), in-process
// and offscreen, against the real plaza-server --demo as @amelie: Lumen Bikes, whom she does
// not follow, writes first (a link and a payment request). The "Requests" entry at the top of
// her conversation list counts it (and the list itself does not show it); by keyboard she
// opens the requests, then the request: the banner says who and that they can't see she read
// it, there is no composer, the link is plain text and the payment request a plain line (no
// card, no Pay…). Accept by keyboard: the server has it accepted, the banner goes, the
// composer and the request card come, and the entry goes away. Any QML warning fails it.
#include "demowindow.h"
#include "inprocessapp.h"
#include "links.h"
#include "qmlwarnings.h"
#include "apiprobe.h"
#include "common/testserver.h"

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

class RequestsUiTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void requestArrivesInRequests();
    void openedByKeyboardWithItsBanner();
    void acceptByKeyboard();
    void cleanupTestCase();

private:
    QQuickItem *item(const QString &objectName) const { return m_demo.app->item(objectName); }
    bool shown(const QString &objectName) const
    {
        QQuickItem *found = item(objectName);
        return found && found->isVisible();
    }
    QStringList listed() const;
    QQuickItem *bubble(const std::function<bool(QObject *model)> &match) const;
    QString post(const QString &token, const QString &conversation, const QString &text);

    QString m_token;   //!< amelie's
    QString m_request; //!< the conversation Lumen Bikes started
    QString m_linkMessage;
    QString m_requestMessage;
    plaza::test::DemoWindow m_demo;
};

void RequestsUiTest::initTestCase()
{
    QString why;
    QVERIFY2(m_demo.open(QStringLiteral("PlazaRequestsTest"), QSize(1280, 800), &why), qPrintable(why));
    QVERIFY2(m_demo.signIn(QStringLiteral("amelie"), QStringLiteral("a passphrase for the requests test"), &why), qPrintable(why));
    m_token = m_demo.login(QStringLiteral("amelie"));
    QVERIFY(!m_token.isEmpty());
    QVERIFY2(m_demo.showPage(QStringLiteral("chat"), QStringLiteral("chatPage"), &why), qPrintable(why));
    QTRY_VERIFY_WITH_TIMEOUT(listed().size() >= 7, 20000);
}

void RequestsUiTest::cleanup()
{
    const QString warnings = m_demo.takeWarnings();
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings));
}

void RequestsUiTest::cleanupTestCase()
{
    m_demo.close();
}

QString RequestsUiTest::post(const QString &token, const QString &conversation, const QString &text)
{
    const QJsonObject body{{QStringLiteral("client_id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                           {QStringLiteral("text"), text}};
    const auto sent = m_demo.api->send("POST", QStringLiteral("/v1/conversations/%1/messages").arg(conversation),
                                  QJsonDocument(body).toJson(), token, {{"Content-Type", "application/json"}});
    return sent.status == 201 ? sent.json.value(QStringLiteral("id")).toString() : QString();
}

QStringList RequestsUiTest::listed() const
{
    QQuickItem *list = item(QStringLiteral("conversationList"));
    auto *model = list ? list->property("model").value<QAbstractItemModel *>() : nullptr;
    QStringList out;
    if (!model)
        return out;
    const int idRole = model->roleNames().key("id", -1);
    for (int row = 0; row < model->rowCount(); ++row)
        out.append(model->index(row, 0).data(idRole).toString());
    return out;
}

QQuickItem *RequestsUiTest::bubble(const std::function<bool(QObject *model)> &match) const
{
    QQuickItem *list = item(QStringLiteral("messageList"));
    auto *content = list ? list->property("contentItem").value<QQuickItem *>() : nullptr;
    if (!content)
        return nullptr;
    const QList<QQuickItem *> children = content->childItems();
    for (QQuickItem *child : children) {
        QObject *model = child->property("model").value<QObject *>();
        if (model && child->isVisible() && match(model))
            return child;
    }
    return nullptr;
}

void RequestsUiTest::requestArrivesInRequests()
{
    QVERIFY(!shown(QStringLiteral("requestsEntry")));
    const QString lumen = m_demo.login(QStringLiteral("lumen_bikes"));
    QVERIFY(!lumen.isEmpty());
    const QString amelie = m_demo.api->get(QStringLiteral("/v1/me"), m_token).json.value(QStringLiteral("id")).toString();
    QVERIFY(!amelie.isEmpty());
    const auto made = m_demo.api->post(QStringLiteral("/v1/conversations"), {{QStringLiteral("member_ids"), QJsonArray{amelie}}}, lumen);
    QCOMPARE(made.status, 201);
    m_request = made.json.value(QStringLiteral("id")).toString();
    m_linkMessage = post(lumen, m_request, QStringLiteral("Hi Amélie! Your free bike check-up: https://lumen.example/checkup"));
    QVERIFY(!m_linkMessage.isEmpty());
    const QJsonObject eur{{QStringLiteral("amount"), 3500}, {QStringLiteral("currency"), QStringLiteral("EUR")}};
    const auto asked = m_demo.api->send("POST", QStringLiteral("/v1/payment-requests"),
                                   QJsonDocument(QJsonObject{{QStringLiteral("amount"), eur},
                                                             {QStringLiteral("payer"), QStringLiteral("@amelie")},
                                                             {QStringLiteral("note"), QStringLiteral("Check-up deposit")}})
                                       .toJson(QJsonDocument::Compact),
                                   lumen, {{"Content-Type", "application/json"}, {"Idempotency-Key", "e2e-requests-1"}});
    QCOMPARE(asked.status, 201);
    const QString link = asked.json.value(QStringLiteral("link")).toString();
    QVERIFY(link.startsWith(QStringLiteral("plaza://pay/")));
    m_requestMessage = post(lumen, m_request, QStringLiteral("Deposit for the check-up: %1").arg(link));
    QVERIFY(!m_requestMessage.isEmpty());

    QTRY_VERIFY_WITH_TIMEOUT(shown(QStringLiteral("requestsEntry")), 20000);
    // The count through the "%n requests" plural (the app's English file says "1 request";
    // the in-process window here may run without it).
    QCOMPARE(item(QStringLiteral("requestsCount"))->property("text").toString(),
             QCoreApplication::translate("ChatPage", "%n requests", nullptr, 1));
    QVERIFY(item(QStringLiteral("requestsCount"))->property("text").toString().startsWith(QStringLiteral("1 request")));
    QVERIFY(!listed().contains(m_request));
}

void RequestsUiTest::openedByKeyboardWithItsBanner()
{
    QQuickItem *entry = item(QStringLiteral("requestsEntry"));
    QVERIFY(entry && entry->isVisible());
    entry->forceActiveFocus(Qt::TabFocusReason);
    QTRY_VERIFY(entry->hasActiveFocus());
    QTest::keyClick(m_demo.window, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(shown(QStringLiteral("requestsHeading")), 5000);
    QVERIFY(!shown(QStringLiteral("requestsEntry")));
    QTRY_COMPARE_WITH_TIMEOUT(listed(), QStringList{m_request}, 10000);
    QQuickItem *list = item(QStringLiteral("conversationList"));
    QTRY_VERIFY(list->hasActiveFocus());
    QTRY_COMPARE(list->property("currentIndex").toInt(), 0);
    QTest::keyClick(m_demo.window, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(item(QStringLiteral("chatPage"))->property("currentId").toString(), m_request, 10000);

    QTRY_VERIFY_WITH_TIMEOUT(shown(QStringLiteral("requestBar")), 10000);
    QCOMPARE(item(QStringLiteral("requestText"))->property("text").toString(),
             QStringLiteral("Lumen Bikes wants to message you. They can't see if you've read this."));
    QVERIFY(shown(QStringLiteral("reportRequestPersonButton")));
    QVERIFY(shown(QStringLiteral("blockRequestButton")));
    QTRY_VERIFY(item(QStringLiteral("acceptRequestButton"))->hasActiveFocus());

    // No card and no link while pending: plain lines.
    QQuickItem *request = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((request = bubble([&](QObject *m) { return m->property("id").toString() == m_requestMessage; })), 20000);
    QCOMPARE(request->property("guarded").toBool(), true);
    QCOMPARE(request->property("money").toBool(), false);
    QQuickItem *linked = bubble([&](QObject *m) { return m->property("id").toString() == m_linkMessage; });
    QVERIFY(linked);
    QCOMPARE(linked->property("guarded").toBool(), true);
    for (QQuickItem *b : {request, linked}) {
        const QList<QQuickItem *> texts = b->findChildren<QQuickItem *>();
        for (QQuickItem *t : texts) {
            if (t->objectName() == u"requestButtons" || t->property("text").toString() == u"Pay…")
                QVERIFY(!t->isVisible());
            if (t->metaObject()->indexOfProperty("hoveredLink") >= 0 && t->isVisible())
                QCOMPARE(t->property("textFormat").toInt(), 0 /* Text.PlainText */);
        }
    }
    // No composer until it is accepted.
    QQuickItem *composer = item(QStringLiteral("chatComposer"));
    QVERIFY(!composer || !composer->isVisible());
    // No money either way with a stranger until it is accepted.
    QVERIFY(!item(QStringLiteral("chatSendMoneyButton"))->isEnabled());
    QVERIFY(!item(QStringLiteral("chatRequestMoneyButton"))->isEnabled());
    // The server still has it pending: reading it sent Lumen Bikes no receipt.
    QCOMPARE(m_demo.api->get(QStringLiteral("/v1/conversations/%1").arg(m_request), m_token).json.value(QStringLiteral("request")).toBool(),
             true);
}

void RequestsUiTest::acceptByKeyboard()
{
    QQuickItem *accept = item(QStringLiteral("acceptRequestButton"));
    QVERIFY(accept && accept->hasActiveFocus());
    QTest::keyClick(m_demo.window, Qt::Key_Space);
    QTRY_VERIFY_WITH_TIMEOUT(!shown(QStringLiteral("requestBar")), 10000);
    QCOMPARE(m_demo.api->get(QStringLiteral("/v1/conversations/%1").arg(m_request), m_token).json.value(QStringLiteral("request")).toBool(),
             false);
    QTRY_VERIFY_WITH_TIMEOUT(!shown(QStringLiteral("requestsHeading")), 5000);
    QVERIFY(!shown(QStringLiteral("requestsEntry")));
    QTRY_VERIFY_WITH_TIMEOUT(listed().contains(m_request), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(shown(QStringLiteral("chatComposer")), 10000);
    QTRY_VERIFY(item(QStringLiteral("chatSendMoneyButton"))->isEnabled());
    QVERIFY(item(QStringLiteral("chatRequestMoneyButton"))->isEnabled());
    // Now an ordinary conversation: the request's card, with Pay….
    QQuickItem *request = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((request = bubble([&](QObject *m) { return m->property("id").toString() == m_requestMessage; }))
                                 && request->property("money").toBool(),
                             10000);
    QCOMPARE(request->property("guarded").toBool(), false);
}

QTEST_MAIN(RequestsUiTest)
#include "tst_requests.moc"
