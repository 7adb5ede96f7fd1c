// SPDX-License-Identifier: MIT
// The real window in-process: Main.qml with the real App, Session, WalletService and
// AppLock, signed in to the real plaza-server --demo over loopback, driven with real key
// presses and clicks. Walks the keyboard focus through the Wallet tab, and sends money
// through the send sheet (people search, amount, note, review, app lock) — then asks the
// server what arrived.
#include "apiprobe.h"
#include "format.h"
#include "demowindow.h"
#include "inprocessapp.h"
#include "qmlwarnings.h"
#include "common/testserver.h"

#include "chat/chatservice.h"
#include "chat/messageoutbox.h"
#include "feed/feedservice.h"
#include "feed/feedstore.h"
#include "session/applock.h"
#include "session/session.h"
#include "wallet/walletservice.h"
#include "wallet/paymentoutbox.h"
#include "storage/database.h"

#include <QAccessible>
#include <QClipboard>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <limits>
#include <utility>

Q_IMPORT_QML_PLUGIN(PlazaPlugin)
Q_IMPORT_QML_PLUGIN(Plaza_DesktopPlugin)

using namespace plaza;
using namespace Qt::StringLiterals;
using plaza::test::ApiProbe;

namespace {

QString accessibleName(QQuickItem *item)
{
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(item);
    return iface ? iface->text(QAccessible::Name) : QString();
}

QString describe(QQuickItem *item)
{
    if (!item)
        return QStringLiteral("<none>");
    return QStringLiteral("%1 \"%2\" (%3)")
        .arg(QString::fromLatin1(item->metaObject()->className()), accessibleName(item), item->objectName());
}
} // namespace

class UiTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void tabOrderOfEveryTab_data();
    void tabOrderOfEveryTab();
    void sendMoneyThroughTheSheet();
    void postTextIsNeverMarkup_data();
    void postTextIsNeverMarkup();
    void chatKeysAndMoneyInAConversation();
    void paidRequestCardsChangeLive();
    void messageMenuCopiesTextAndAmount();
    void chatLandsOnTheFirstUnreadAndFollowsTheNewest();
    void keyboardActivatesAndFocuses();
    void messagesStayUnreadWhileAnotherTabShows();
    void cleanupTestCase();

private:
    QQuickItem *item(const QString &objectName) const;
    //! A Popup (sheet) by objectName: QObject children of the items on the way.
    QObject *popup(const QString &objectName) const;
    bool waitOpened(const QString &objectName, int timeoutMs = 10000);
    void click(const QString &objectName);
    bool waitVisible(const QString &objectName, int timeoutMs = 10000);
    //! Tab from where the focus is until it comes back round: every control once, each with
    //! an accessible name and its focus shown; Shift+Tab goes back. The names walked.
    void walkTabOrder(QStringList *names);

    //! The open conversation's message bubble whose model answers \a match, or null.
    QQuickItem *bubble(const std::function<bool(QObject *model)> &match) const;
    //! \a item's rectangle in the window.
    static QRectF sceneRect(QQuickItem *item) { return item->mapRectToScene(QRectF(0, 0, item->width(), item->height())); }
    //! Opens the conversation whose row a screen reader reads starting with \a name.
    void openConversation(const QString &name, const QString &id);

    //! Requests made in chatKeysAndMoneyInAConversation: Amélie's of Bruno, Bruno's she paid.
    QString m_myRequest;
    QString m_theirRequest;
    QString m_scrollClub; //!< the group chatLandsOnTheFirstUnreadAndFollowsTheNewest opens
    plaza::test::DemoWindow m_demo;
};

QQuickItem *UiTest::item(const QString &objectName) const
{
    return m_demo.app ? m_demo.app->item(objectName) : nullptr;
}

QObject *UiTest::popup(const QString &objectName) const
{
    return m_demo.app ? m_demo.app->popup(objectName) : nullptr;
}

bool UiTest::waitOpened(const QString &objectName, int timeoutMs)
{
    return QTest::qWaitFor([&] {
        QObject *found = popup(objectName);
        return found && found->property("opened").toBool();
    }, timeoutMs);
}

bool UiTest::waitVisible(const QString &objectName, int timeoutMs)
{
    QQuickItem *found = nullptr;
    return QTest::qWaitFor([&] {
        found = item(objectName);
        return found && found->isVisible() && found->opacity() > 0.99;
    }, timeoutMs);
}

void UiTest::click(const QString &objectName)
{
    QQuickItem *target = item(objectName);
    QVERIFY2(target, qPrintable(objectName));
    const QPointF centre = target->mapToScene(QPointF(target->width() / 2, target->height() / 2));
    QTest::mouseClick(m_demo.window, Qt::LeftButton, {}, centre.toPoint());
}

QQuickItem *UiTest::bubble(const std::function<bool(QObject *model)> &match) const
{
    auto *list = item(QStringLiteral("messageList"));
    if (!list)
        return nullptr;
    auto *content = list->property("contentItem").value<QQuickItem *>();
    if (!content)
        return nullptr;
    const QList<QQuickItem *> children = content->childItems();
    for (QQuickItem *child : children) {
        auto *model = child->property("model").value<QObject *>();
        if (model && child->isVisible() && match(model))
            return child;
    }
    return nullptr;
}

void UiTest::openConversation(const QString &name, const QString &id)
{
    if (!item(QStringLiteral("chatPage")) || !item(QStringLiteral("chatPage"))->isVisible()) {
        click(QStringLiteral("nav-chat"));
        QVERIFY(waitVisible(QStringLiteral("chatPage")));
    }
    const auto row = [&]() -> QQuickItem * {
        QList<QQuickItem *> queue{item(QStringLiteral("conversationList"))};
        while (!queue.isEmpty()) {
            QQuickItem *current = queue.takeFirst();
            if (!current)
                continue;
            if (current->objectName() == u"conversationRow" && accessibleName(current).startsWith(name))
                return current;
            queue += current->childItems();
        }
        return nullptr;
    };
    // The list may still move as the sync settles: click again until it is open.
    QVERIFY(QTest::qWaitFor([&] {
        QQuickItem *found = row();
        if (!found)
            return false;
        QTest::mouseClick(m_demo.window, Qt::LeftButton, {}, found->mapToScene(QPointF(found->width() / 2, found->height() / 2)).toPoint());
        return QTest::qWaitFor([&] { return item(QStringLiteral("chatPage"))->property("currentId").toString() == id; }, 1000);
    }, 20000));
}

void UiTest::initTestCase()
{
    QString why;
    QVERIFY2(m_demo.open(QStringLiteral("PlazaUiTest"), QSize(), &why), qPrintable(why));
    QVERIFY2(m_demo.signIn(QStringLiteral("amelie"), QStringLiteral("a passphrase for the UI test"), &why), qPrintable(why));
    // The Wallet tab, through its shortcut.
    QTest::keyClick(m_demo.window, Qt::Key_3, Qt::ControlModifier);
    QVERIFY(waitVisible(QStringLiteral("walletPage")));
    QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("walletBalance")) && item(QStringLiteral("walletBalance"))->isVisible(),
                             10000);
}

void UiTest::cleanup()
{
    // A QML warning is a failure, whichever test made it.
    const QString warnings = m_demo.takeWarnings();
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings));
    // Between user actions, no connection the UI thread writes through keeps a statement on a
    // row: it would pin an old snapshot, and the next write there would fail with
    // SQLITE_BUSY_SNAPSHOT once sync has committed (a message stayed unsent that way).
    if (!m_demo.app || !m_demo.app->chat->outbox())
        return;
    QCOMPARE(m_demo.app->chat->outbox()->db().unfinishedStatements(), 0);
    QCOMPARE(m_demo.app->feed->store()->db().unfinishedStatements(), 0);
    QCOMPARE(m_demo.app->wallet->outbox()->db().unfinishedStatements(), 0);
}

void UiTest::walkTabOrder(QStringList *names)
{
    QList<QQuickItem *> order;
    // Tab walks every post of the feed (TabThrough): after a few, Ctrl+End leaves the list.
    QQuickItem *feed = item(QStringLiteral("feedList"));
    int inFeed = 0;
    for (int i = 0; i < 120; ++i) {
        if (inFeed == 12) {
            QTest::keyClick(m_demo.window, Qt::Key_End, Qt::ControlModifier);
            QVERIFY2(!feed->isAncestorOf(m_demo.window->activeFocusItem()), "Ctrl+End did not leave the feed");
        } else {
            QTest::keyClick(m_demo.window, Qt::Key_Tab);
        }
        QQuickItem *focused = m_demo.window->activeFocusItem();
        if (focused && feed && feed->isVisible() && feed->isAncestorOf(focused))
            ++inFeed;
        else if (inFeed > 0)
            inFeed = -1; // left it once: Tab goes on as usual
        QVERIFY2(focused, "Tab left nothing focused");
        // Controls show focus only when it came from the keyboard (visualFocus); a list's
        // current row shows it as highlighted. Check it now, while it has the focus.
        const QVariant visual = focused->property("visualFocus");
        if (visual.isValid()) {
            QVERIFY2(visual.toBool() || focused->property("highlighted").toBool(),
                     qPrintable(u"focus not shown: " + describe(focused)));
        }
        if (!order.isEmpty() && focused == order.constFirst())
            break;
        order.append(focused);
    }
    QStringList seen;
    for (QQuickItem *focused : std::as_const(order))
        seen << describe(focused);
    QVERIFY2(order.size() < 120, qPrintable(u"Tab never came back to the first control:\n" + seen.mid(0, 40).join(u'\n')));
    QVERIFY2(order.size() >= 3, qPrintable(seen.join(u'\n')));
    for (QQuickItem *focused : std::as_const(order)) {
        // A TextField inside a FormField carries the field's name; a control its own.
        QVERIFY2(!accessibleName(focused).trimmed().isEmpty(), qPrintable(u"no accessible name: " + describe(focused)));
        *names << focused->objectName();
    }
    // Shift+Tab goes back the same way.
    QTest::keyClick(m_demo.window, Qt::Key_Backtab);
    QCOMPARE(m_demo.window->activeFocusItem(), order.constLast());
    names->append(seen.join(u'\n')); // last: the whole walk, for messages
}

void UiTest::tabOrderOfEveryTab_data()
{
    QTest::addColumn<QString>("open");       // a tab's nav button, or "settings" (Ctrl+,)
    QTest::addColumn<QString>("page");       // what shows once it is open
    QTest::addColumn<QStringList>("reached"); // controls Tab must reach there
    QTest::newRow("wallet") << QStringLiteral("nav-wallet") << QStringLiteral("walletPage")
                            << QStringList{QStringLiteral("accountButton"), QStringLiteral("sendButton"),
                                           QStringLiteral("requestButton"), QStringLiteral("payLinkButton"),
                                           QStringLiteral("historySearch"), QStringLiteral("exportButton"),
                                           QStringLiteral("kindFilter"), QStringLiteral("directionFilter_in"),
                                           QStringLiteral("nav-savings")};
    QTest::newRow("feed") << QStringLiteral("nav-feed") << QStringLiteral("feedPage")
                          << QStringList{QStringLiteral("nav-feed"), QStringLiteral("nav-chat"), QStringLiteral("accountButton"),
                                         QStringLiteral("timeline_discover"), QStringLiteral("composerEditor"),
                                         QStringLiteral("replyAction"), QStringLiteral("repostAction"),
                                         QStringLiteral("likeAction"), QStringLiteral("bookmarkAction")};
    QTest::newRow("chat") << QStringLiteral("nav-chat") << QStringLiteral("chatPage")
                          << QStringList{QStringLiteral("chatSearchField"), QStringLiteral("newConversationButton"),
                                         QStringLiteral("conversationRow")};
    QTest::newRow("savings") << QStringLiteral("nav-savings") << QStringLiteral("savingsPage")
                             << QStringList{QStringLiteral("depositButton"), QStringLiteral("withdrawButton"),
                                            QStringLiteral("monthlyDepositField"), QStringLiteral("newGoalButton")};
    QTest::newRow("settings") << QStringLiteral("settings") << QStringLiteral("settingsSheet")
                              << QStringList{QStringLiteral("themeChoice"), QStringLiteral("languageChoice"),
                                             QStringLiteral("notificationsSwitch"), QStringLiteral("changeLockButton")};
}

void UiTest::tabOrderOfEveryTab()
{
    QFETCH(QString, open);
    QFETCH(QString, page);
    QFETCH(QStringList, reached);
    if (open == u"settings") {
        QTest::keyClick(m_demo.window, Qt::Key_Comma, Qt::ControlModifier);
        QVERIFY(waitOpened(page));
    } else {
        click(open);
        QVERIFY(waitVisible(page));
    }
    QTest::qWait(300); // the page's first data (a list's rows are in the order too)
    QStringList names;
    walkTabOrder(&names);
    if (QTest::currentTestFailed())
        return;
    const QString walk = names.takeLast();
    for (const QString &expected : std::as_const(reached)) {
        QVERIFY2(names.contains(expected),
                 qPrintable(QStringLiteral("%1 is not in the tab order:\n%2").arg(expected, walk)));
    }
    if (open == u"settings") {
        QTest::keyClick(m_demo.window, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!popup(page)->property("visible").toBool(), 5000);
    }
}

void UiTest::sendMoneyThroughTheSheet()
{
    ApiProbe &api = *m_demo.api;
    const QString bruno = m_demo.login(QStringLiteral("bruno"));
    QVERIFY(!bruno.isEmpty());

    click(QStringLiteral("nav-wallet"));
    QVERIFY(waitVisible(QStringLiteral("walletPage")));
    click(QStringLiteral("sendButton"));
    QVERIFY(waitOpened(QStringLiteral("sendSheet")));
    // The search field has the focus: type, wait for the server's answer, Enter takes the first.
    typeText(m_demo.window, QStringLiteral("bru"));
    QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("recipientResults"))->property("count").toInt() >= 1, 10000);
    QTest::keyClick(m_demo.window, Qt::Key_Return);
    QVERIFY(waitVisible(QStringLiteral("amountField")));

    // A refused amount keeps Review disabled and says why.
    typeText(m_demo.window, QStringLiteral("12.505"));
    QTRY_VERIFY(!item(QStringLiteral("amountField"))->property("error").toString().isEmpty());
    QVERIFY(!item(QStringLiteral("reviewButton"))->isEnabled());
    QTest::keyClick(m_demo.window, Qt::Key_Backspace);
    QTRY_VERIFY(item(QStringLiteral("amountField"))->property("error").toString().isEmpty());
    QVERIFY(item(QStringLiteral("reviewButton"))->isEnabled());

    QTest::keyClick(m_demo.window, Qt::Key_Return); // to the note
    typeText(m_demo.window, QStringLiteral("UI test lunch"));
    QTest::keyClick(m_demo.window, Qt::Key_Return); // Review
    QVERIFY(waitVisible(QStringLiteral("reviewAmount")));
    QCOMPARE(item(QStringLiteral("reviewAmount"))->property("text").toString(), QStringLiteral("€12.50"));

    // First payment: set the app lock (PIN twice), which then confirms the payment.
    QVERIFY(waitVisible(QStringLiteral("lockSecretField")));
    typeText(m_demo.window, QStringLiteral("2580"));
    QTest::keyClick(m_demo.window, Qt::Key_Return);
    typeText(m_demo.window, QStringLiteral("2580"));
    QTest::keyClick(m_demo.window, Qt::Key_Return);
    QVERIFY(waitVisible(QStringLiteral("sendResultText"), 20000));
    QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("sendResultText"))->property("text").toString().contains(u"sent to"),
                             10000);
    QVERIFY(m_demo.app->lock->configured());
    // The PIN field that had the focus is gone with its step: the focus is on Done.
    QTRY_COMPARE_WITH_TIMEOUT(m_demo.window->activeFocusItem(), item(QStringLiteral("sendDoneButton")), 5000);

    // Bruno got exactly one payment of 12.50 with that note.
    const auto history = api.get(QStringLiteral("/v1/wallet/transactions?query=UI%20test%20lunch"), bruno);
    QCOMPARE(history.status, 200);
    const QJsonArray items = history.json.value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 1);
    const QJsonObject tx = items.at(0).toObject();
    QCOMPARE(tx.value(QStringLiteral("direction")).toString(), QStringLiteral("in"));
    QCOMPARE(tx.value(QStringLiteral("amount")).toObject().value(QStringLiteral("amount")).toInteger(), 1250);

    // And the row shows up in Amélie's history through sync, without a reload.
    click(QStringLiteral("sendDoneButton"));
    QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("historyList"))->property("count").toInt() > 0, 10000);
}

void UiTest::postTextIsNeverMarkup_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("styled");
    QTest::newRow("plain") << QStringLiteral("café & co") << QStringLiteral("café &amp; co");
    QTest::newRow("markup") << QStringLiteral("<b>hi</b><img src=x>") << QStringLiteral("&lt;b&gt;hi&lt;/b&gt;&lt;img src=x&gt;");
    QTest::newRow("link") << QStringLiteral("see https://plaza.example/a?b=1&c=2.")
                          << QStringLiteral("see <a href=\"https://plaza.example/a?b=1&amp;c=2\">https://plaza.example/a?b=1&amp;c=2</a>.");
    QTest::newRow("quote in a link") << QStringLiteral("http://x.y/\"onmouseover=alert(1)")
                                     << QStringLiteral("<a href=\"http://x.y/\">http://x.y/</a>&quot;onmouseover=alert(1)");
    QTest::newRow("javascript is not a link") << QStringLiteral("javascript:alert(1)") << QStringLiteral("javascript:alert(1)");
    QTest::newRow("lines") << QStringLiteral("a\nb") << QStringLiteral("a<br>b");
}

void UiTest::postTextIsNeverMarkup()
{
    QFETCH(QString, text);
    QFETCH(QString, styled);
    QCOMPARE(Format().linkify(text), styled);
}

void UiTest::chatKeysAndMoneyInAConversation()
{
    // The Chat tab with real keys: Enter sends what Shift+Enter split in lines; Send money
    // and Request in the conversation put a payment and a request card there.
    ApiProbe &api = *m_demo.api;
    const QString bruno = m_demo.login(QStringLiteral("bruno"));
    QVERIFY(!bruno.isEmpty());
    const auto newest = [&]() -> QJsonObject {
        const auto page = api.get(QStringLiteral("/v1/conversations/c_1/messages?limit=1"), bruno);
        const QJsonArray items = page.json.value(QStringLiteral("items")).toArray();
        return items.isEmpty() ? QJsonObject() : items.at(0).toObject();
    };

    // The previous test's sheet has finished closing (its fade-out takes input until then).
    QTRY_VERIFY_WITH_TIMEOUT(!popup(QStringLiteral("sendSheet"))->property("visible").toBool(), 5000);
    click(QStringLiteral("nav-chat"));
    QVERIFY(waitVisible(QStringLiteral("chatPage")));
    // Bruno's row, by what a screen reader hears. The list may still move as the sync
    // settles (a row can slide under the pointer): click again until Bruno's chat is open.
    const auto brunoRow = [&]() -> QQuickItem * {
        QList<QQuickItem *> queue{item(QStringLiteral("conversationList"))};
        while (!queue.isEmpty()) {
            QQuickItem *current = queue.takeFirst();
            if (!current)
                continue;
            if (accessibleName(current).startsWith(u"Bruno Carvalho"))
                return current;
            queue += current->childItems();
        }
        return nullptr;
    };
    QVERIFY(QTest::qWaitFor([&] {
        QQuickItem *row = brunoRow();
        if (!row)
            return false;
        QTest::mouseClick(m_demo.window, Qt::LeftButton, {}, row->mapToScene(QPointF(row->width() / 2, row->height() / 2)).toPoint());
        return QTest::qWaitFor([&] { return item(QStringLiteral("chatPage"))->property("currentId").toString() == u"c_1"; }, 1000);
    }, 20000));
    QTRY_COMPARE(m_demo.window->activeFocusItem() ? m_demo.window->activeFocusItem()->objectName() : QString(), QStringLiteral("chatComposer"));

    typeText(m_demo.window, QStringLiteral("Line one"));
    QTest::keyClick(m_demo.window, Qt::Key_Return, Qt::ShiftModifier);
    typeText(m_demo.window, QStringLiteral("line two"));
    QTest::keyClick(m_demo.window, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(newest().value(QStringLiteral("text")).toString(), QStringLiteral("Line one\nline two"), 20000);
    QCOMPARE(item(QStringLiteral("chatComposer"))->property("text").toString(), QString());

    // Send money here: Bruno is the one chosen; the lock set earlier confirms it.
    click(QStringLiteral("chatSendMoneyButton"));
    QVERIFY(waitOpened(QStringLiteral("chatSendSheet")));
    QVERIFY(waitVisible(QStringLiteral("amountField")));
    typeText(m_demo.window, QStringLiteral("3.20"));
    QTest::keyClick(m_demo.window, Qt::Key_Return);
    typeText(m_demo.window, QStringLiteral("Popcorn"));
    QTest::keyClick(m_demo.window, Qt::Key_Return);
    QVERIFY(waitVisible(QStringLiteral("lockSecretField")));
    typeText(m_demo.window, QStringLiteral("2580"));
    QTest::keyClick(m_demo.window, Qt::Key_Return);
    QVERIFY(waitVisible(QStringLiteral("sendResultText"), 20000));
    QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("sendResultText"))->property("text").toString().contains(u"sent to"), 10000);
    // The payment is the conversation's newest message, for exactly that amount.
    QTRY_COMPARE_WITH_TIMEOUT(newest().value(QStringLiteral("kind")).toString(), QStringLiteral("payment"), 10000);
    const QJsonObject payment = newest().value(QStringLiteral("payment")).toObject();
    QCOMPARE(payment.value(QStringLiteral("amount")).toObject().value(QStringLiteral("amount")).toInteger(), 320);
    QCOMPARE(newest().value(QStringLiteral("text")).toString(), QStringLiteral("Popcorn"));
    click(QStringLiteral("sendDoneButton"));
    QTRY_VERIFY_WITH_TIMEOUT(!popup(QStringLiteral("chatSendSheet"))->property("visible").toBool(), 5000);

    // Request here: the request names Bruno, and its card (amount, note, link) is sent.
    click(QStringLiteral("chatRequestMoneyButton"));
    QVERIFY(waitOpened(QStringLiteral("chatRequestSheet")));
    QVERIFY(waitVisible(QStringLiteral("requestAmountField")));
    typeText(m_demo.window, QStringLiteral("7"));
    QTest::keyClick(m_demo.window, Qt::Key_Return);
    typeText(m_demo.window, QStringLiteral("Tickets"));
    QTest::keyClick(m_demo.window, Qt::Key_Return);
    QString text;
    QTRY_VERIFY_WITH_TIMEOUT((text = newest().value(QStringLiteral("text")).toString()).contains(u"plaza://pay/"), 10000);
    QVERIFY2(text.startsWith(QStringLiteral("€7.00 — Tickets\n")), qPrintable(text));
    const QString requestId = text.section(QStringLiteral("plaza://pay/"), 1).trimmed();
    m_myRequest = requestId;
    const auto request = api.get(QStringLiteral("/v1/payment-requests/") + requestId, bruno);
    QCOMPARE(request.status, 200);
    QCOMPARE(request.json.value(QStringLiteral("payer")).toObject().value(QStringLiteral("handle")).toString(), QStringLiteral("bruno"));
    QCOMPARE(request.json.value(QStringLiteral("amount")).toObject().value(QStringLiteral("amount")).toInteger(), 700);
    QTest::keyClick(m_demo.window, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(!popup(QStringLiteral("chatRequestSheet"))->property("visible").toBool(), 5000);

    // Bruno asks in the chat; Amélie pays his card from the timeline (Pay…, then the lock).
    const QJsonObject body{{QStringLiteral("amount"), QJsonObject{{QStringLiteral("amount"), 450}, {QStringLiteral("currency"), QStringLiteral("EUR")}}},
                           {QStringLiteral("note"), QStringLiteral("Taxi")}};
    const auto asked = api.send("POST", QStringLiteral("/v1/payment-requests"), QJsonDocument(body).toJson(), bruno,
                                {{"Idempotency-Key", QUuid::createUuid().toByteArray(QUuid::WithoutBraces)},
                                 {"Content-Type", "application/json"}});
    QCOMPARE(asked.status, 201);
    const QString theirs = asked.json.value(QStringLiteral("id")).toString();
    m_theirRequest = theirs;
    const QJsonObject card{{QStringLiteral("client_id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                           {QStringLiteral("text"), QString(QStringLiteral("€4.50 — Taxi\nplaza://pay/") + theirs)}};
    QCOMPARE(api.send("POST", QStringLiteral("/v1/conversations/c_1/messages"), QJsonDocument(card).toJson(), bruno,
                      {{"Content-Type", "application/json"}})
                 .status,
             201);
    QVERIFY(waitVisible(QStringLiteral("payRequestButton"), 15000));
    // The new card is at the bottom once the list has followed it.
    QQuickItem *list = item(QStringLiteral("messageList"));
    QTRY_VERIFY_WITH_TIMEOUT([&] {
        QQuickItem *pay = item(QStringLiteral("payRequestButton"));
        const QRectF shown = list->mapRectToScene(QRectF(0, 0, list->width(), list->height()));
        return pay && shown.contains(pay->mapToScene(QPointF(pay->width() / 2, pay->height() / 2)));
    }(), 10000);
    click(QStringLiteral("payRequestButton"));
    QVERIFY(waitOpened(QStringLiteral("chatPayLinkSheet")));
    QVERIFY(waitVisible(QStringLiteral("lockSecretField")));
    typeText(m_demo.window, QStringLiteral("2580"));
    QTest::keyClick(m_demo.window, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(api.get(QStringLiteral("/v1/payment-requests/") + theirs, bruno).json.value(QStringLiteral("status")).toString(),
                              QStringLiteral("paid"), 15000);
}

void UiTest::paidRequestCardsChangeLive()
{
    // Item 2 of issue 13: after a request card is paid, the payer's card no longer offers
    // Pay… and says Paid, and so does the requester's — live, without reopening the chat.
    QVERIFY(!m_myRequest.isEmpty() && !m_theirRequest.isEmpty());
    // The pay sheet of the previous test says it is paid; Escape closes it.
    QTRY_VERIFY_WITH_TIMEOUT(popup(QStringLiteral("chatPayLinkSheet"))->property("opened").toBool(), 5000);
    // The sheet cannot be closed while the payment is in flight (the server may have marked the
    // request paid before this client heard back): Escape works once it shows its result.
    QTRY_COMPARE_WITH_TIMEOUT(popup(QStringLiteral("chatPayLinkSheet"))->property("step").toString(), QStringLiteral("result"), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(popup(QStringLiteral("chatPayLinkSheet"))->property("closable").toBool(), 15000);
    QTest::keyClick(m_demo.window, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(!popup(QStringLiteral("chatPayLinkSheet"))->property("visible").toBool(), 5000);
    QCOMPARE(item(QStringLiteral("chatPage"))->property("currentId").toString(), QStringLiteral("c_1"));
    const auto card = [&](const QString &requestId) {
        return bubble([&](QObject *m) { return m->property("requestId").toString() == requestId; });
    };
    const auto shown = [](QQuickItem *parent, const char *name) {
        auto *child = parent ? parent->findChild<QQuickItem *>(QString::fromLatin1(name)) : nullptr;
        return child && child->isVisible() ? child : nullptr;
    };
    // Bruno's card, which Amélie paid at the end of the previous test.
    QTRY_VERIFY_WITH_TIMEOUT(card(m_theirRequest) && shown(card(m_theirRequest), "requestStateLabel"), 15000);
    QCOMPARE(shown(card(m_theirRequest), "requestStateLabel")->property("text").toString(), QStringLiteral("Paid"));
    QVERIFY(!shown(card(m_theirRequest), "payRequestButton"));
    // The amount is the request's, in the reader's locale (the card's text said "€4.50" too).
    QCOMPARE(card(m_theirRequest)->property("model").value<QObject *>()->property("formattedAmount").toString(), QStringLiteral("€4.50"));

    // Amélie's own card: open, offering Show request, until Bruno pays it through the API.
    QVERIFY(card(m_myRequest));
    QVERIFY(shown(card(m_myRequest), "showRequestButton"));
    QVERIFY(!shown(card(m_myRequest), "requestStateLabel"));
    ApiProbe &api = *m_demo.api;
    const QString bruno = m_demo.login(QStringLiteral("bruno"));
    const auto paid = api.send("POST", QStringLiteral("/v1/payment-requests/%1/pay").arg(m_myRequest), "{}", bruno,
                               {{"Idempotency-Key", QUuid::createUuid().toByteArray(QUuid::WithoutBraces)},
                                {"Content-Type", "application/json"}});
    QVERIFY2(paid.status == 200 || paid.status == 201, qPrintable(QString::number(paid.status)));
    QTRY_VERIFY_WITH_TIMEOUT(shown(card(m_myRequest), "requestStateLabel"), 15000);
    QCOMPARE(shown(card(m_myRequest), "requestStateLabel")->property("text").toString(), QStringLiteral("Paid"));
    QVERIFY(!shown(card(m_myRequest), "showRequestButton"));
}

void UiTest::messageMenuCopiesTextAndAmount()
{
    // Right-click on a message: Copy text puts its text on the clipboard; on a payment, Copy
    // amount puts the amount as the reader's locale writes it. The keyboard (Shift+F10 on the
    // list's current message) opens the same menu.
    QClipboard *clipboard = QGuiApplication::clipboard();
    QVERIFY(clipboard);
    QQuickItem *list = item(QStringLiteral("messageList"));
    QVERIFY(list);
    const auto rightClick = [&](QQuickItem *target) {
        const QRectF at = sceneRect(target);
        // The bubble's column is at one side; its first line is inside it at either side.
        const bool own = target->property("own").toBool();
        const QPoint point(int(own ? at.right() - 30 : at.left() + 30), int(at.top() + 20));
        QTest::mouseClick(m_demo.window, Qt::RightButton, {}, point);
    };
    const auto trigger = [&](const QString &name) {
        QTRY_VERIFY_WITH_TIMEOUT(popup(QStringLiteral("messageMenu")) && popup(QStringLiteral("messageMenu"))->property("opened").toBool(), 5000);
        QQuickItem *entry = nullptr;
        QTRY_VERIFY((entry = item(name)) && entry->isVisible());
        // The menu has laid its items out (a frame after it opened): the entry is inside it.
        QTRY_VERIFY_WITH_TIMEOUT([&] {
            auto *content = popup(QStringLiteral("messageMenu"))->property("contentItem").value<QQuickItem *>();
            return content && sceneRect(content).contains(sceneRect(entry).center());
        }(), 5000);
        QTest::mouseClick(m_demo.window, Qt::LeftButton, {}, sceneRect(entry).center().toPoint());
        QTRY_VERIFY_WITH_TIMEOUT(!popup(QStringLiteral("messageMenu"))->property("visible").toBool(), 5000);
    };

    QQuickItem *lines = bubble([](QObject *m) { return m->property("text").toString() == u"Line one\nline two"; });
    QVERIFY(lines);
    QVERIFY(sceneRect(list).contains(sceneRect(lines).topLeft()));
    clipboard->clear();
    rightClick(lines);
    trigger(QStringLiteral("copyMessageTextItem"));
    QTRY_COMPARE(clipboard->text(), QStringLiteral("Line one\nline two"));

    QQuickItem *payment = bubble([](QObject *m) {
        return m->property("kind").toString() == u"payment" && m->property("body").toString() == u"Popcorn";
    });
    QVERIFY(payment);
    rightClick(payment);
    QTRY_VERIFY_WITH_TIMEOUT(popup(QStringLiteral("messageMenu"))->property("opened").toBool(), 5000);
    QVERIFY(!item(QStringLiteral("retryMessageItem")) || !item(QStringLiteral("retryMessageItem"))->isVisible());
    trigger(QStringLiteral("copyMessageAmountItem"));
    QTRY_COMPARE(clipboard->text(), QStringLiteral("€3.20"));

    // The keyboard: the list's current message (the newest when it takes the focus), Shift+F10,
    // Enter on the first item.
    list->forceActiveFocus(Qt::TabFocusReason);
    QTRY_VERIFY(list->hasActiveFocus());
    const int newest = list->property("count").toInt() - 1;
    QTRY_COMPARE(list->property("currentIndex").toInt(), newest);
    clipboard->clear();
    QTest::keyClick(m_demo.window, Qt::Key_F10, Qt::ShiftModifier);
    QTRY_VERIFY_WITH_TIMEOUT(popup(QStringLiteral("messageMenu"))->property("opened").toBool(), 5000);
    QTest::keyClick(m_demo.window, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(!popup(QStringLiteral("messageMenu"))->property("visible").toBool(), 5000);
    QTRY_VERIFY(list->hasActiveFocus()); // back where the keyboard was
    QTest::keyClick(m_demo.window, Qt::Key_Up);
    QTRY_COMPARE(list->property("currentIndex").toInt(), newest - 1);
    // What the first item of the current message's menu copies: a text's text, a money
    // message's note, or else its amount.
    auto *current = list->property("currentItem").value<QQuickItem *>();
    QVERIFY(current);
    const QObject *model = current->property("model").value<QObject *>();
    QString expected = model->property("kind").toString() == u"text" ? model->property("text").toString()
                                                                     : model->property("body").toString();
    if (expected.isEmpty())
        expected = model->property("formattedAmount").toString();
    QVERIFY(!expected.isEmpty());
    QVERIFY(!expected.contains(u"plaza://"));
    QTest::keyClick(m_demo.window, Qt::Key_Menu);
    QTRY_VERIFY_WITH_TIMEOUT(popup(QStringLiteral("messageMenu"))->property("opened").toBool(), 5000);
    QTest::keyClick(m_demo.window, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(!popup(QStringLiteral("messageMenu"))->property("visible").toBool(), 5000);
    QTRY_COMPARE(clipboard->text(), expected);
}

void UiTest::chatLandsOnTheFirstUnreadAndFollowsTheNewest()
{
    // Bruno starts a group with Amélie: eighty messages she reads, then thirty she has not
    // (more than two pages of fifty: one more is read from the cache at the top, below).
    ApiProbe &api = *m_demo.api;
    const QString bruno = m_demo.login(QStringLiteral("bruno"));
    const QString amelie = m_demo.login(QStringLiteral("amelie"));
    const auto json = [](const QJsonObject &o) { return QJsonDocument(o).toJson(); };
    const QList<QPair<QByteArray, QByteArray>> asJson{{"Content-Type", "application/json"}};
    const auto created = api.send("POST", QStringLiteral("/v1/conversations"),
                                  json({{QStringLiteral("title"), QStringLiteral("Scroll club")},
                                        {QStringLiteral("member_ids"), QJsonArray{m_demo.app->session->userId()}}}),
                                  bruno, asJson);
    QCOMPARE(created.status, 201);
    const QString group = created.json.value(QStringLiteral("id")).toString();
    m_scrollClub = group;
    const auto say = [&](const QString &text) {
        const auto r = api.send("POST", QStringLiteral("/v1/conversations/%1/messages").arg(group),
                                json({{QStringLiteral("client_id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                                      {QStringLiteral("text"), text}}),
                                bruno, asJson);
        return r.json.value(QStringLiteral("id")).toString();
    };
    QString lastRead;
    for (int i = 0; i < 80; ++i)
        lastRead = say(QStringLiteral("read %1").arg(i, 2, 10, QLatin1Char('0')));
    QCOMPARE(api.send("POST", QStringLiteral("/v1/conversations/%1/read").arg(group), json({{QStringLiteral("up_to"), lastRead}}),
                      amelie, asJson)
                 .status / 100,
             2);
    for (int i = 0; i < 30; ++i)
        say(QStringLiteral("unread %1\nsecond line").arg(i, 2, 10, QLatin1Char('0')));

    // The list says 30 unread; opening the group lands on the first of them, under its divider.
    if (!item(QStringLiteral("chatPage")) || !item(QStringLiteral("chatPage"))->isVisible()) {
        click(QStringLiteral("nav-chat"));
        QVERIFY(waitVisible(QStringLiteral("chatPage")));
    }
    QTRY_VERIFY_WITH_TIMEOUT([&] {
        QList<QQuickItem *> queue{item(QStringLiteral("conversationList"))};
        while (!queue.isEmpty()) {
            QQuickItem *current = queue.takeFirst();
            if (current && accessibleName(current) == u"Scroll club, 30 unread")
                return true;
            if (current)
                queue += current->childItems();
        }
        return false;
    }(), 20000);
    openConversation(QStringLiteral("Scroll club"), group);
    QQuickItem *list = item(QStringLiteral("messageList"));
    QQuickItem *page = item(QStringLiteral("chatPage"));
    QTRY_VERIFY_WITH_TIMEOUT(!page->property("landingPending").toBool() && list->property("count").toInt() >= 50, 10000);
    const auto textIs = [](const QString &text) { return [text](QObject *m) { return m->property("text").toString() == text; }; };
    QQuickItem *first = nullptr;
    QTRY_VERIFY((first = bubble(textIs(QStringLiteral("unread 00\nsecond line")))));
    const QRectF viewport = sceneRect(list);
    QVERIFY2(viewport.contains(sceneRect(first)), "the first unread message is in full view");
    QQuickItem *divider = first->findChild<QQuickItem *>(QStringLiteral("unreadDivider"));
    QVERIFY(divider && divider->isVisible());
    QVERIFY(viewport.contains(sceneRect(divider)));
    // Above it, what was read; below, more than a window's worth: the jump button offers the rest.
    QQuickItem *newestUnread = bubble(textIs(QStringLiteral("unread 29\nsecond line")));
    QVERIFY(!newestUnread || !viewport.contains(sceneRect(newestUnread)));
    QTRY_VERIFY(item(QStringLiteral("jumpToNewestButton")) && item(QStringLiteral("jumpToNewestButton"))->isVisible());

    // Sending lands at the newest: fully in view, clear of the jump button (hidden there) and
    // above the composer.
    QTRY_COMPARE(m_demo.window->activeFocusItem() ? m_demo.window->activeFocusItem()->objectName() : QString(), QStringLiteral("chatComposer"));
    typeText(m_demo.window, QStringLiteral("Newest from Amelie"));
    QTest::keyClick(m_demo.window, Qt::Key_Return);
    QQuickItem *mine = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((mine = bubble(textIs(QStringLiteral("Newest from Amelie")))), 10000);
    QQuickItem *composer = item(QStringLiteral("chatComposer"));
    const auto newestClear = [&] {
        mine = bubble(textIs(QStringLiteral("Newest from Amelie")));
        if (!mine)
            return false;
        const QRectF r = sceneRect(mine);
        QQuickItem *jump = item(QStringLiteral("jumpToNewestButton"));
        const bool underJump = jump && jump->isVisible() && sceneRect(jump).intersects(r);
        return sceneRect(list).contains(r) && !underJump && r.bottom() <= sceneRect(composer).top();
    };
    QTRY_VERIFY_WITH_TIMEOUT(newestClear(), 10000);
    // …and stays so once it is sent (the state line changes under it).
    QTRY_VERIFY_WITH_TIMEOUT(mine->property("model").value<QObject *>()->property("state").toString() == u"sent", 15000);
    QTRY_VERIFY(newestClear());
    QVERIFY(!item(QStringLiteral("jumpToNewestButton")) || !item(QStringLiteral("jumpToNewestButton"))->isVisible());

    // Reading older messages (a drag up): a new message below moves nothing, and is counted.
    const QPoint middle = sceneRect(list).center().toPoint();
    const qreal endY = list->property("contentY").toReal();
    // A drag down the list, slowly (no flick): the content follows the pointer.
    const QPoint grab(middle.x(), int(sceneRect(list).top()) + 40);
    QTest::mousePress(m_demo.window, Qt::LeftButton, {}, grab);
    for (int step = 1; step <= 20; ++step)
        QTest::mouseMove(m_demo.window, grab + QPoint(0, step * 20), 20);
    QTest::mouseRelease(m_demo.window, Qt::LeftButton, {}, grab + QPoint(0, 400), 300);
    QTRY_VERIFY_WITH_TIMEOUT(!list->property("moving").toBool(), 5000);
    QVERIFY2(list->property("contentY").toReal() < endY - 200, "the drag scrolled up");
    QTRY_VERIFY_WITH_TIMEOUT(!page->property("followEnd").toBool() && !list->property("moving").toBool(), 5000);
    QTRY_VERIFY(item(QStringLiteral("jumpToNewestButton")) && item(QStringLiteral("jumpToNewestButton"))->isVisible());
    QQuickItem *anchor = bubble(textIs(QStringLiteral("unread 20\nsecond line")));
    if (!anchor || !sceneRect(list).contains(sceneRect(anchor))) {
        const QList<QQuickItem *> children = list->property("contentItem").value<QQuickItem *>()->childItems();
        for (QQuickItem *child : children) {
            if (child->property("model").value<QObject *>() && sceneRect(list).contains(sceneRect(child))) {
                anchor = child;
                break;
            }
        }
    }
    QVERIFY(anchor);
    const qreal anchorY = sceneRect(anchor).top();
    const int before = list->property("count").toInt();
    say(QStringLiteral("While you were reading"));
    QTRY_COMPARE_WITH_TIMEOUT(list->property("count").toInt(), before + 1, 15000);
    QTest::qWait(200); // a frame or two for anything that would move it
    QCOMPARE(sceneRect(anchor).top(), anchorY);
    QCOMPARE(page->property("newBelow").toInt(), 1);

    // Scrolled to the top, the older page comes from the cache above what is shown: nothing moves.
    QVERIFY(QMetaObject::invokeMethod(list, "positionViewAtBeginning"));
    QQuickItem *top = nullptr;
    {
        const QList<QQuickItem *> children = list->property("contentItem").value<QQuickItem *>()->childItems();
        for (QQuickItem *child : children) {
            if (child->property("model").value<QObject *>() && sceneRect(list).contains(sceneRect(child))
                && (!top || sceneRect(child).top() < sceneRect(top).top()))
                top = child;
        }
    }
    QVERIFY(top);
    const QString topText = top->property("model").value<QObject *>()->property("text").toString();
    const qreal topY = sceneRect(top).top();
    const int shown = list->property("count").toInt();
    QTRY_VERIFY_WITH_TIMEOUT(list->property("count").toInt() > shown, 10000);
    QTest::qWait(200); // a frame or two for anything that would move it
    QQuickItem *sameTop = bubble(textIs(topText));
    QVERIFY(sameTop);
    QCOMPARE(sceneRect(sameTop).top(), topY);
    QVERIFY(!page->property("followEnd").toBool());
    click(QStringLiteral("jumpToNewestButton"));
    QQuickItem *latest = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((latest = bubble(textIs(QStringLiteral("While you were reading"))))
                                 && sceneRect(list).contains(sceneRect(latest)),
                             5000);
    QTRY_VERIFY(!item(QStringLiteral("jumpToNewestButton")) || !item(QStringLiteral("jumpToNewestButton"))->isVisible());

}

void UiTest::cleanupTestCase()
{
    m_demo.close();
    const QStringList warnings = m_demo.warnings ? m_demo.warnings->take() : QStringList();
    m_demo.warnings.reset();
    QVERIFY2(warnings.isEmpty(), qPrintable(u"QML warnings:\n" + warnings.join(u'\n')));
}

// Return presses what has the focus (sidebar items, buttons, segments), each tab and an unlock
// leave the focus on a control that shows, and Tab through the feed scrolls what it reaches
// into view.
void UiTest::keyboardActivatesAndFocuses()
{
    // The pay-link sheet of the last test is still open over the chat: close it.
    if (QObject *left = popup(QStringLiteral("chatPayLinkSheet")); left && left->property("visible").toBool()) {
        QVERIFY(QMetaObject::invokeMethod(left, "close"));
        QTRY_VERIFY_WITH_TIMEOUT(!left->property("visible").toBool(), 5000);
    }
    const auto focusIn = [this](const QString &objectName) {
        QQuickItem *page = item(objectName);
        for (QQuickItem *it = m_demo.window->activeFocusItem(); it; it = it->parentItem()) {
            if (it == page)
                return true;
        }
        return false;
    };
    // Return on a sidebar item opens its tab, and the tab puts the focus on its main control.
    for (const QString &tab : {QStringLiteral("savings"), QStringLiteral("feed"), QStringLiteral("wallet")}) {
        QQuickItem *nav = item(u"nav-" + tab);
        QVERIFY(nav);
        nav->forceActiveFocus(Qt::TabFocusReason);
        QTest::keyClick(m_demo.window, Qt::Key_Return);
        QVERIFY2(waitVisible(tab + u"Page"), qPrintable(tab));
        QTRY_VERIFY2_WITH_TIMEOUT(focusIn(tab + u"Page"), qPrintable(tab + u": " + describe(m_demo.window->activeFocusItem())), 5000);
        QVERIFY(m_demo.window->activeFocusItem()->isVisible());
    }

    // Return on a focused button presses it; a segment says it is the chosen one.
    QQuickItem *moneyIn = item(QStringLiteral("directionFilter_in"));
    QQuickItem *all = item(QStringLiteral("directionFilter_all"));
    QVERIFY(moneyIn && all);
    QVERIFY(all->property("checked").toBool());
    moneyIn->forceActiveFocus(Qt::TabFocusReason);
    QTest::keyClick(m_demo.window, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(moneyIn->property("checked").toBool(), 5000);
    QVERIFY(!all->property("checked").toBool());
    QTest::keyClick(m_demo.window, Qt::Key_Return); // the chosen segment stays chosen
    QVERIFY(moneyIn->property("checked").toBool());
    all->forceActiveFocus(Qt::TabFocusReason);
    QTest::keyClick(m_demo.window, Qt::Key_Enter);
    QTRY_VERIFY_WITH_TIMEOUT(all->property("checked").toBool(), 5000);
    QVERIFY(!moneyIn->property("checked").toBool());

    // Tab through the feed: every control reached inside the list is inside its viewport.
    QTest::keyClick(m_demo.window, Qt::Key_1, Qt::ControlModifier);
    QVERIFY(waitVisible(QStringLiteral("feedPage")));
    auto *list = qobject_cast<QQuickItem *>(item(QStringLiteral("feedList")));
    QVERIFY(list);
    QTRY_VERIFY_WITH_TIMEOUT(list->property("count").toInt() > 3, 10000);
    auto *content = list->property("contentItem").value<QQuickItem *>();
    QVERIFY(content);
    // Each control reached is checked to be in view; together they must span more than three
    // viewports, so the list had to scroll and build posts that were not there when the walk
    // began (Tab used to leave the list after the last post built and start again at its top).
    // Measured in content coordinates: contentY alone moves when posts arrive above or the
    // saved position is restored.
    qreal reachedTop = std::numeric_limits<qreal>::max();
    qreal reachedBottom = std::numeric_limits<qreal>::lowest();
    int inList = 0;
    int pictures = 0; // the demo's posts with photos: each photo is reached (and shown) too
    // Each post has several stops (author, actions, its "…" menu, its photos), and the earlier
    // tests put their own posts above the demo's photos: Tab on until a photo was reached and the
    // list had to scroll (or the feed's end: the demo has about a hundred posts).
    int presses = 0;
    QStringList lastStops; // the last few, for a failure's message
    QStringList firstStops;
    for (; presses < 400; ++presses) {
        if (inList > 6 && pictures > 0 && reachedBottom - reachedTop > 3 * list->height())
            break;
        QTest::keyClick(m_demo.window, Qt::Key_Tab);
        QQuickItem *focused = m_demo.window->activeFocusItem();
        QVERIFY(focused);
        if (!content->isAncestorOf(focused))
            continue;
        ++inList;
        if (inList <= 3) {
            QString post;
            for (QQuickItem *up = focused; up && up != content; up = up->parentItem()) {
                if (auto *m = up->property("model").value<QObject *>(); m && m->property("authorHandle").isValid()) {
                    post = m->property("authorHandle").toString() + u": "_s + m->property("text").toString().left(40)
                         + u", %1 photos"_s.arg(m->property("images").toList().size());
                    break;
                }
            }
            firstStops << describe(focused) + u" @%1 (contentY %2) [%3]"_s.arg(focused->mapToItem(content, QPointF(0, 0)).y()).arg(list->property("contentY").toReal()).arg(post);
        }
        lastStops << describe(focused) + u" @%1"_s.arg(focused->mapToItem(content, QPointF(0, 0)).y());
        if (lastStops.size() > 12)
            lastStops.removeFirst();
        if (QByteArray(focused->metaObject()->className()).startsWith("MediaTile"))
            ++pictures;
        QTRY_VERIFY2_WITH_TIMEOUT(focused->mapToItem(list, QPointF(0, 0)).y() >= 0
                                      && focused->mapToItem(list, QPointF(0, focused->height())).y() <= list->height(),
                                  qPrintable(u"out of view: "_s + describe(focused)
                                             + u" at %1–%2 in a %3 px list (contentY %4 of %5, origin %6, %7 posts)"_s
                                                   .arg(focused->mapToItem(list, QPointF(0, 0)).y())
                                                   .arg(focused->mapToItem(list, QPointF(0, focused->height())).y())
                                                   .arg(list->height())
                                                   .arg(list->property("contentY").toReal())
                                                   .arg(list->property("contentHeight").toReal())
                                                   .arg(list->property("originY").toReal())
                                                   .arg(list->property("count").toInt())),
                                  2000);
        reachedTop = std::min(reachedTop, focused->mapToItem(content, QPointF(0, 0)).y());
        reachedBottom = std::max(reachedBottom, focused->mapToItem(content, QPointF(0, focused->height())).y());
    }
    QVERIFY2(inList > 6, "Tab did not go through the posts");
    QVERIFY2(pictures > 0, qPrintable(u"Tab went past the posts' photos (%1 presses, %2 stops in the list, %3 posts; the first and last stops: %4)"_s
                                          .arg(presses)
                                          .arg(inList)
                                          .arg(list->property("count").toInt())
                                          .arg(firstStops.join(u"; ") + u" … "_s + lastStops.join(u"; "))));
    QVERIFY2(reachedBottom - reachedTop > 3 * list->height(),
             qPrintable(u"Tab reached only %1 px of posts in a %2 px feed: it never went past the posts first built"_s
                            .arg(reachedBottom - reachedTop)
                            .arg(list->height())));
    // Shift+Tab walks back up, post by post, each control in view. (Above or level with the one
    // before, both measured after the press: rows built on the way may move them all.)
    QPointer<QQuickItem> previous = m_demo.window->activeFocusItem();
    for (int i = 0; i < 15; ++i) {
        QTest::keyClick(m_demo.window, Qt::Key_Backtab, Qt::ShiftModifier);
        QQuickItem *focused = m_demo.window->activeFocusItem();
        QVERIFY(focused);
        QVERIFY2(content->isAncestorOf(focused), qPrintable(u"Shift+Tab left the feed at "_s + describe(focused)));
        if (previous && content->isAncestorOf(previous)) {
            QVERIFY2(focused->mapToItem(content, QPointF(0, 0)).y() <= previous->mapToItem(content, QPointF(0, 0)).y() + 1,
                     qPrintable(u"Shift+Tab went down to "_s + describe(focused)));
        }
        previous = focused;
        QTRY_VERIFY2_WITH_TIMEOUT(focused->mapToItem(list, QPointF(0, 0)).y() >= 0
                                      && focused->mapToItem(list, QPointF(0, focused->height())).y() <= list->height(),
                                  qPrintable(u"out of view after Shift+Tab: "_s + describe(focused)),
                                  2000);
    }

    // Tab into the list from the composer lands on the first post in view, wherever the list
    // was scrolled to (Qt's own chain takes the row built first, which can be any).
    QMetaObject::invokeMethod(list, "positionViewAtIndex", Q_ARG(int, 6), Q_ARG(int, 0 /* ListView.Beginning */));
    QQuickItem *editor = item(QStringLiteral("composerEditor"));
    QVERIFY(editor);
    editor->forceActiveFocus(Qt::OtherFocusReason);
    const auto indexAtY = [list](qreal y) {
        int index = -1;
        QMetaObject::invokeMethod(list, "indexAt", Q_RETURN_ARG(int, index), Q_ARG(qreal, list->width() / 2), Q_ARG(qreal, y));
        return index;
    };
    qreal settledY = -1;
    QTRY_VERIFY_WITH_TIMEOUT(std::exchange(settledY, list->property("contentY").toReal()) == list->property("contentY").toReal()
                                 && !list->property("moving").toBool(),
                             5000);
    const qreal viewTop = list->property("contentY").toReal();
    int firstInView = -1;
    for (qreal y = viewTop; firstInView < 0 && y < viewTop + list->height(); y += 2)
        firstInView = indexAtY(y);
    QVERIFY(firstInView >= 5);
    QQuickItem *entered = nullptr;
    for (int press = 0; press < 6 && !(entered && content->isAncestorOf(entered)); ++press) { // past the composer's buttons
        QTest::keyClick(m_demo.window, Qt::Key_Tab);
        entered = m_demo.window->activeFocusItem();
    }
    QVERIFY2(entered && content->isAncestorOf(entered), qPrintable(describe(entered)));
    QQuickItem *enteredRow = entered;
    while (enteredRow->parentItem() != content)
        enteredRow = enteredRow->parentItem();
    const int enteredIndex = indexAtY(enteredRow->y() + enteredRow->height() / 2);
    QVERIFY2(enteredIndex == firstInView || enteredIndex == firstInView + 1, // the next, when the first shows only in part
             qPrintable(u"Tab entered the feed at post %1; the first in view was %2"_s.arg(enteredIndex).arg(firstInView)));

    // After an unlock the focus is on a control that shows, in the tab, not in a hidden field.
    QVERIFY(m_demo.app->lock->configured()); // set by sendMoneyThroughTheSheet (2580)
    QTest::keyClick(m_demo.window, Qt::Key_3, Qt::ControlModifier);
    QVERIFY(waitVisible(QStringLiteral("walletPage")));
    QTest::keyClick(m_demo.window, Qt::Key_L, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(m_demo.app->lock->locked(), 5000);
    QVERIFY(waitVisible(QStringLiteral("lockScreen")));
    QTRY_VERIFY_WITH_TIMEOUT(m_demo.window->activeFocusItem()
                                 == item(QStringLiteral("unlockField"))->property("input").value<QQuickItem *>(),
                             5000);
    typeText(m_demo.window, QStringLiteral("2580"));
    QTest::keyClick(m_demo.window, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(!m_demo.app->lock->locked(), 10000);
    QTRY_VERIFY2_WITH_TIMEOUT(focusIn(QStringLiteral("walletPage")), qPrintable(describe(m_demo.window->activeFocusItem())), 5000);
    QVERIFY(m_demo.window->activeFocusItem()->isVisible());
}

// The conversation left open in Chat is not read while another tab shows: what arrives there
// stays unread (the list counts it) until the user comes back to it.
void UiTest::messagesStayUnreadWhileAnotherTabShows()
{
    QQuickItem *chatPage = item(QStringLiteral("chatPage"));
    QVERIFY(chatPage && !m_scrollClub.isEmpty());
    QCOMPARE(chatPage->property("currentId").toString(), m_scrollClub); // left open by an earlier test
    QVERIFY(waitVisible(QStringLiteral("walletPage")));                // where the last test ended
    QVERIFY(!chatPage->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(m_demo.window->isActive(), 5000);

    ApiProbe &api = *m_demo.api;
    const QString bruno = m_demo.login(QStringLiteral("bruno"));
    const QList<QPair<QByteArray, QByteArray>> asJson{{"Content-Type", "application/json"}};
    const auto say = [&](const QString &text) {
        const auto r = api.send("POST", QStringLiteral("/v1/conversations/%1/messages").arg(m_scrollClub),
                                QJsonDocument(QJsonObject{{QStringLiteral("client_id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                                                          {QStringLiteral("text"), text}})
                                    .toJson(),
                                bruno, asJson);
        QCOMPARE(r.status, 201);
    };
    const auto listSays = [&](const QString &name) {
        QList<QQuickItem *> queue{item(QStringLiteral("conversationList"))};
        while (!queue.isEmpty()) {
            QQuickItem *current = queue.takeFirst();
            if (current && accessibleName(current) == name)
                return true;
            if (current)
                queue += current->childItems();
        }
        return false;
    };
    // One message, then a second once the first is in: had the first been marked read on
    // arrival, the count could never reach two (the mark covers it, whenever it lands).
    say(QStringLiteral("Are you looking at your wallet?"));
    QTRY_VERIFY_WITH_TIMEOUT(listSays(QStringLiteral("Scroll club, 1 unread")), 15000);
    say(QStringLiteral("Still there?"));
    QTRY_VERIFY_WITH_TIMEOUT(listSays(QStringLiteral("Scroll club, 2 unread")), 15000);

    // Back in Chat, at the end of the conversation: read.
    QTest::keyClick(m_demo.window, Qt::Key_2, Qt::ControlModifier);
    QVERIFY(waitVisible(QStringLiteral("chatPage")));
    QTRY_VERIFY_WITH_TIMEOUT(listSays(QStringLiteral("Scroll club")), 15000);
}

QTEST_MAIN(UiTest)

#include "tst_ui.moc"
