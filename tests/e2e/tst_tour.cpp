// SPDX-License-Identifier: MIT
// The tour: the real window in-process (offscreen, 1024×700) against the real plaza-server --demo
// opens every page and sheet that --page knows, and the three file dialogs (Export CSV, Save QR
// code, Send feedback), in English and French, light and dark, and saves a screenshot of each in
// <build>/screenshots/tour/. Any QML warning fails the row it happened in, and so does text a
// user cannot read whole: a Text/Label elided or clipped with no tooltip to read it in full, a
// "(s)" plural, a time of day with seconds.
#include "appcontext.h"
#include "links.h"
#include "preferences.h"
#include "inprocessapp.h"
#include "common/languageloader.h"
#include "qmlwarnings.h"
#include "common/testserver.h"

#include "session/session.h"

#include <QAbstractItemModel>
#include <QDir>
#include <QElapsedTimer>
#include <QScopeGuard>
#include <QGuiApplication>
#include <QImage>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

Q_IMPORT_QML_PLUGIN(PlazaPlugin)
Q_IMPORT_QML_PLUGIN(Plaza_DesktopPlugin)

using namespace plaza;
using plaza::test::QmlWarningRecorder;
using plaza::test::TestServer;

namespace {
constexpr auto kDemoPassword = "plaza-demo-2026";
constexpr int kWidth = 1024;
constexpr int kHeight = 700;

//! What a page of the tour shows once it has settled: a sheet (a Popup, by objectName) that
//! is open, a file dialog that is visible, or only the page.
struct Stop {
    QString name;   //!< row and file name
    QString page;   //!< what --page takes ("" when the test opens it itself)
    QString popup;  //!< the Popup that must be open
    QString dialog; //!< the FileDialog that must be visible
};

//! The first value of \a role in \a model, or "".
QString firstValue(QObject *modelObject, const QByteArray &role)
{
    auto *model = qobject_cast<QAbstractItemModel *>(modelObject);
    if (!model || model->rowCount() == 0)
        return {};
    const auto roles = model->roleNames();
    for (auto it = roles.cbegin(); it != roles.cend(); ++it)
        if (it.value() == role)
            return model->data(model->index(0, 0), it.key()).toString();
    return {};
}

//! The \a role of the row whose \a keyRole is \a key.
QString valueWhere(QObject *modelObject, const QByteArray &keyRole, const QString &key, const QByteArray &role)
{
    auto *model = qobject_cast<QAbstractItemModel *>(modelObject);
    if (!model)
        return {};
    const int keyId = model->roleNames().key(keyRole, -1);
    const int id = model->roleNames().key(role, -1);
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(keyId).toString() == key)
            return model->index(row, 0).data(id).toString();
    }
    return {};
}

//! Whether \a item, or one of its three nearest ancestors, carries a ToolTip with text: the
//! attached object is a QObject child of the item it is attached to.
bool hasToolTip(QQuickItem *item)
{
    for (int depth = 0; item && depth < 4; ++depth, item = item->parentItem()) {
        for (QObject *child : item->children())
            if (child->inherits("QQuickToolTipAttached") && !child->property("text").toString().isEmpty())
                return true;
    }
    return false;
}

//! \a item's rectangle in the scene, cut by every clipping ancestor: empty when scrolled away.
QRectF visibleRect(QQuickItem *item)
{
    QRectF rect = item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
    for (QQuickItem *up = item->parentItem(); up; up = up->parentItem()) {
        if (up->clip())
            rect &= up->mapRectToScene(QRectF(0, 0, up->width(), up->height()));
        if (rect.isEmpty())
            break;
    }
    return rect;
}

double sceneOpacity(QQuickItem *item)
{
    double opacity = 1;
    for (; item; item = item->parentItem())
        opacity *= item->opacity();
    return opacity;
}

//! Every Text (and button) on screen under \a root: what a user can read.
QList<QQuickItem *> textsOnScreen(QQuickItem *root, const QRectF &window, const char *type = "QQuickText")
{
    QList<QQuickItem *> found;
    QList<QQuickItem *> queue{root};
    while (!queue.isEmpty()) {
        QQuickItem *current = queue.takeFirst();
        if (!current->isVisible() || current->opacity() < 0.01)
            continue;
        if (current->inherits(type) && !current->property("text").toString().isEmpty()
            && sceneOpacity(current) > 0.5 && !visibleRect(current).intersected(window).isEmpty())
            found.append(current);
        queue += current->childItems();
    }
    return found;
}

//! Text that people wrote, shown as is: a chat message, a post, a conversation's preview.
bool isUserText(QQuickItem *item)
{
    static const QStringList lists{QStringLiteral("messageList"), QStringLiteral("conversationList"),
                                   QStringLiteral("searchResults"), QStringLiteral("feedList"),
                                   QStringLiteral("threadList"), QStringLiteral("profilePosts")};
    for (QQuickItem *up = item; up; up = up->parentItem())
        if (lists.contains(up->objectName()))
            return true;
    return item->property("preview").toBool();
}

QString describe(QQuickItem *item)
{
    QStringList path;
    for (QQuickItem *up = item; up && path.size() < 4; up = up->parentItem())
        if (!up->objectName().isEmpty())
            path.prepend(up->objectName());
    return QStringLiteral("\"%1\" (%2)").arg(item->property("text").toString().left(80), path.join(u'/'));
}
} // namespace

class TourTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void tour_data();
    void tour();
    void cleanupTestCase();

private:
    QQuickItem *item(const QString &objectName) const { return m_app->item(objectName); }
    //! Closes every open sheet and file dialog, as Escape would.
    void closeEverything();
    void switchTo(const QString &language, const QString &theme);
    //! Text that a user cannot read whole, or that reads wrong, on screen now.
    QStringList textDefects() const;
    void save(const QString &name);

    std::unique_ptr<QmlWarningRecorder> m_qmlWarnings;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<InProcessApp> m_app;
    QQuickWindow *m_window = nullptr;
    QString m_language = QStringLiteral("en");
    QString m_theme = QStringLiteral("light");
    QString m_conversation;
    QString m_hike; //!< the demo group with the hike photos
    QString m_request;
    QDir m_shots;
};

void TourTest::initTestCase()
{
    m_qmlWarnings = std::make_unique<QmlWarningRecorder>();
    // As main() does: English too comes from its .qm (the plural forms of "%n posts").
    QCOMPARE(LanguageLoader::install(*QCoreApplication::instance(), QStringLiteral("en")), QStringLiteral("en"));
    QQuickStyle::setStyle(QStringLiteral("Basic"));
    m_shots = QDir(QStringLiteral(PLAZA_SCREENSHOT_DIR "/tour"));
    QVERIFY(m_shots.mkpath(QStringLiteral(".")));
    m_server = std::make_unique<TestServer>(QStringList{QStringLiteral("--demo")});
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    m_app = std::make_unique<InProcessApp>(m_server->url(), QStringLiteral("PlazaTourTest"));
    QString why;
    QVERIFY2(m_app->load(&why), qPrintable(why));
    m_window = m_app->window;
    m_window->setMinimumSize(QSize(kWidth, kHeight).boundedTo(m_window->minimumSize()));
    m_window->resize(kWidth, kHeight);
    m_window->show();
    m_window->requestActivate();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    QVERIFY2(m_app->signIn(QStringLiteral("amelie"), QString::fromLatin1(kDemoPassword),
                           QStringLiteral("a passphrase for the tour"), &why),
             qPrintable(why));
    QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("shell")) && item(QStringLiteral("shell"))->isVisible(), 10000);
    // A conversation and a request of the demo's, for the pages that take an id. A tab is built
    // the first time it is shown: show Chat, then Wallet.
    m_app->links->requestPage(QStringLiteral("chat"));
    QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("conversationList")), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!firstValue(item(QStringLiteral("conversationList"))->property("model").value<QObject *>(),
                                         "id").isEmpty(),
                             15000);
    m_conversation = firstValue(item(QStringLiteral("conversationList"))->property("model").value<QObject *>(), "id");
    // The hike group, with the demo's photos.
    QTRY_VERIFY_WITH_TIMEOUT(!(m_hike = valueWhere(item(QStringLiteral("conversationList"))->property("model").value<QObject *>(),
                                                   "title", QStringLiteral("Weekend hike 🥾"), "id"))
                                  .isEmpty(),
                             15000);
    m_app->links->requestPage(QStringLiteral("wallet"));
    QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("requestsPanel")), 10000);
    QObject *requests = item(QStringLiteral("requestsPanel"))->findChild<QObject *>(QStringLiteral("requestsModel"));
    QVERIFY(requests);
    QTRY_VERIFY_WITH_TIMEOUT(!firstValue(requests, "id").isEmpty(), 15000);
    m_request = firstValue(requests, "id");
    const QStringList warnings = m_qmlWarnings->take();
    QVERIFY2(warnings.isEmpty(), qPrintable(u"QML warnings:\n" + warnings.join(u'\n')));
}

void TourTest::cleanup()
{
    const QStringList warnings = m_qmlWarnings->take();
    QVERIFY2(warnings.isEmpty(), qPrintable(u"QML warnings:\n" + warnings.join(u'\n')));
}

void TourTest::tour_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("theme");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("page");
    QTest::addColumn<QString>("popup");
    QTest::addColumn<QString>("dialog");
    // The ids are known once signed in: "@conversation" and "@request" stand for them.
    const QList<Stop> stops{
        {QStringLiteral("feed"), QStringLiteral("feed"), {}, {}},
        {QStringLiteral("feed-discover"), QStringLiteral("feed/discover"), {}, {}},
        {QStringLiteral("feed-thread"), QStringLiteral("feed/thread"), QStringLiteral("threadSheet"), {}},
        {QStringLiteral("feed-profile"), QStringLiteral("feed/profile"), QStringLiteral("profileSheet"), {}},
        {QStringLiteral("feed-why"), QStringLiteral("feed/why"), QStringLiteral("whySheet"), {}},
        {QStringLiteral("chat"), QStringLiteral("chat"), {}, {}},
        {QStringLiteral("chat-conversation"), QStringLiteral("chat/@conversation"), {}, {}},
        {QStringLiteral("chat-send"), QStringLiteral("chat/@conversation/send"), QStringLiteral("chatSendSheet"), {}},
        {QStringLiteral("chat-request"), QStringLiteral("chat/@conversation/request"), QStringLiteral("chatRequestSheet"), {}},
        {QStringLiteral("chat-new"), QStringLiteral("chat/new"), QStringLiteral("newConversationSheet"), {}},
        {QStringLiteral("chat-new-group"), QStringLiteral("chat/new-group"), QStringLiteral("newConversationSheet"), {}},
        {QStringLiteral("chat-search"), QStringLiteral("chat/search/cafe"), {}, {}},
        {QStringLiteral("chat-photos"), QStringLiteral("chat/@hike"), {}, {}},
        {QStringLiteral("chat-viewer"), QStringLiteral("chat/@hike/photos"), QStringLiteral("chatMediaViewer"), {}},
        {QStringLiteral("wallet"), QStringLiteral("wallet"), {}, {}},
        {QStringLiteral("wallet-send"), QStringLiteral("wallet/send"), QStringLiteral("sendSheet"), {}},
        {QStringLiteral("wallet-send-bruno"), QStringLiteral("wallet/send/bruno"), QStringLiteral("sendSheet"), {}},
        {QStringLiteral("wallet-request"), QStringLiteral("wallet/request"), QStringLiteral("requestSheet"), {}},
        {QStringLiteral("wallet-request-shown"), QStringLiteral("wallet/request/@request"), QStringLiteral("requestSheet"), {}},
        {QStringLiteral("wallet-save-qr"), QStringLiteral("wallet/request/@request"), QStringLiteral("requestSheet"), QStringLiteral("qrSaveDialog")},
        {QStringLiteral("wallet-paylink"), QStringLiteral("@paylink"), QStringLiteral("payLinkSheet"), {}},
        {QStringLiteral("wallet-transaction"), QStringLiteral("@transaction"), QStringLiteral("transactionSheet"), {}},
        {QStringLiteral("wallet-topup"), QStringLiteral("wallet/topup"), QStringLiteral("topUpSheet"), {}},
        {QStringLiteral("wallet-export"), QStringLiteral("wallet/export"), {}, QStringLiteral("exportDialog")},
        {QStringLiteral("savings"), QStringLiteral("savings"), {}, {}},
        {QStringLiteral("savings-deposit"), QStringLiteral("savings/deposit"), QStringLiteral("savingsMoveSheet"), {}},
        {QStringLiteral("savings-withdraw"), QStringLiteral("savings/withdraw"), QStringLiteral("savingsMoveSheet"), {}},
        {QStringLiteral("savings-goal"), QStringLiteral("savings/goal"), QStringLiteral("goalSheet"), {}},
        {QStringLiteral("settings"), QStringLiteral("settings"), QStringLiteral("settingsSheet"), {}},
        {QStringLiteral("settings-security"), QStringLiteral("settings/security"), QStringLiteral("settingsSheet"), {}},
        {QStringLiteral("settings-two-factor"), QStringLiteral("settings/two-factor"), QStringLiteral("settingsSheet"), {}},
        {QStringLiteral("settings-two-factor-scan"), QStringLiteral("@two-factor-scan"), QStringLiteral("settingsSheet"), {}},
        {QStringLiteral("settings-password"), QStringLiteral("settings/password"), QStringLiteral("changePasswordSheet"), {}},
        {QStringLiteral("settings-delete-account"), QStringLiteral("settings/delete-account"), QStringLiteral("deleteAccountSheet"), {}},
        {QStringLiteral("settings-storage"), QStringLiteral("settings/storage"), QStringLiteral("settingsSheet"), {}},
        {QStringLiteral("switcher"), QStringLiteral("switcher"), QStringLiteral("quickSwitcher"), {}},
        {QStringLiteral("feedback"), QStringLiteral("feedback"), {}, QStringLiteral("feedbackDialog")},
    };
    for (const char *language : {"en", "fr"})
        for (const char *theme : {"light", "dark"})
            for (const Stop &stop : stops)
                QTest::addRow("%s-%s-%s", language, theme, qPrintable(stop.name))
                    << QString::fromLatin1(language) << QString::fromLatin1(theme) << stop.name << stop.page
                    << stop.popup << stop.dialog;
}

void TourTest::closeEverything()
{
    QList<QObject *> open;
    QList<QQuickItem *> queue{m_window->contentItem()};
    while (!queue.isEmpty()) {
        QQuickItem *current = queue.takeFirst();
        for (QObject *child : current->children()) {
            const bool popup = child->inherits("QQuickPopup");
            const bool dialog = child->inherits("QQuickAbstractDialog");
            if ((popup || dialog) && child->property("visible").toBool()) {
                open.append(child);
                QMetaObject::invokeMethod(child, dialog ? "reject" : "close");
            }
        }
        queue += current->childItems();
    }
    for (QObject *object : std::as_const(open))
        QTRY_VERIFY2_WITH_TIMEOUT(!object->property("visible").toBool(), qPrintable(object->objectName()), 5000);
    // The chats' search stays typed in after chat/search: the next page starts without it.
    if (QQuickItem *search = item(QStringLiteral("chatSearchField")))
        search->setProperty("text", QString());
}

void TourTest::switchTo(const QString &language, const QString &theme)
{
    if (theme != m_theme) {
        m_app->preferences->setThemeMode(theme);
        m_theme = theme;
    }
    if (language != m_language) {
        QSignalSpy switched(m_app->preferences.get(), &Preferences::languageSwitched);
        m_app->preferences->setLanguage(language);
        QVERIFY(switched.wait(5000));
        QCOMPARE(m_app->preferences->languageInUse(), language);
        m_language = language;
    }
}

QStringList TourTest::textDefects() const
{
    static const QRegularExpression sPlural(QStringLiteral("\\w\\((s|e?s|x)\\)"));
    static const QRegularExpression sSeconds(QStringLiteral("\\b\\d{1,2}:\\d{2}:\\d{2}\\b"));
    // An amount in the other language's format: "€12.50" in French, "12,50 €" in English (the
    // window formats in the language it speaks; a binding that did not follow a switch shows it).
    static const QRegularExpression sEnglishMoney(QStringLiteral("€\\s?\\d"));
    static const QRegularExpression sFrenchMoney(QStringLiteral("\\d,\\d\\d\\s?€"));
    const QRegularExpression &foreignMoney = m_language == u"fr" ? sEnglishMoney : sFrenchMoney;
    QStringList defects;
    const QRectF window(0, 0, m_window->width(), m_window->height());
    for (QQuickItem *text : textsOnScreen(m_window->contentItem(), window)) {
        const QString shown = text->property("text").toString();
        // A preview in a list row (a conversation's last message) is elided by design: the
        // whole text is one click away. Such a Text says so with `property bool preview: true`.
        if (text->property("truncated").toBool() && !hasToolTip(text) && !text->property("preview").toBool())
            defects << u"elided with no tooltip: " + describe(text);
        if (sPlural.match(shown).hasMatch())
            defects << u"a \"(s)\" plural: " + describe(text);
        if (sSeconds.match(shown).hasMatch())
            defects << u"a time with seconds: " + describe(text);
        // What people wrote (messages, posts, notes) is theirs; the check is for what the app formats.
        if (foreignMoney.match(shown).hasMatch() && !isUserText(text))
            defects << u"an amount formatted for the other language: " + describe(text);
    }
    // A button whose label is wider than the button spills over its edges.
    for (QQuickItem *button : textsOnScreen(m_window->contentItem(), window, "QQuickAbstractButton")) {
        const double content = button->property("implicitContentWidth").toDouble();
        if (content > button->width() - 4)
            defects << QStringLiteral("a button's label wider than the button (%1 > %2 px): ").arg(content).arg(button->width())
                           + describe(button);
    }
    return defects;
}

void TourTest::save(const QString &name)
{
    const QImage shot = m_window->grabWindow();
    QVERIFY(!shot.isNull());
    QVERIFY(shot.save(m_shots.filePath(name + u".png")));
}

void TourTest::tour()
{
    QFETCH(QString, language);
    QFETCH(QString, theme);
    QFETCH(QString, name);
    QFETCH(QString, page);
    QFETCH(QString, popup);
    QFETCH(QString, dialog);

    QElapsedTimer timer;
    timer.start();
    const auto timing = qScopeGuard([&] { qInfo("%s: %lld ms", QTest::currentDataTag(), timer.elapsed()); });
    closeEverything();
    switchTo(language, theme);
    if (QTest::currentTestFailed())
        return;
    page.replace(QStringLiteral("@conversation"), m_conversation).replace(QStringLiteral("@request"), m_request)
        .replace(QStringLiteral("@hike"), m_hike);

    m_app->context->setPageSettled(false);
    if (page == u"@paylink") {
        m_app->links->requestPage(QStringLiteral("wallet"));
        QCOMPARE(m_app->links->openLink(u"plaza://pay/" + m_request), QString());
    } else if (page == u"@transaction") {
        m_app->links->requestPage(QStringLiteral("wallet"));
        QQuickItem *list = item(QStringLiteral("historyList"));
        QVERIFY(list);
        QTRY_VERIFY_WITH_TIMEOUT(list->property("count").toInt() > 0, 10000);
        QQuickItem *row = nullptr;
        QVERIFY(QMetaObject::invokeMethod(list, "itemAtIndex", Q_RETURN_ARG(QQuickItem *, row), Q_ARG(int, 0)));
        QVERIFY(row);
        const QPointF centre = row->mapToScene(QPointF(row->width() / 2, row->height() / 2));
        QTest::mouseClick(m_window, Qt::LeftButton, {}, centre.toPoint());
    } else if (page == u"@two-factor-scan") {
        // Enrolment's second stage: the QR code and the secret, after the password (the
        // secret stays pending on the server until a code confirms it).
        m_app->links->requestPage(QStringLiteral("settings/two-factor"));
        QTRY_VERIFY_WITH_TIMEOUT(m_app->context->pageSettled(), 20000);
        QQuickItem *password = item(QStringLiteral("totpPasswordField"));
        QQuickItem *next = item(QStringLiteral("totpPasswordContinue"));
        QVERIFY(password && next);
        QTRY_VERIFY_WITH_TIMEOUT(password->isVisible(), 5000);
        password->setProperty("text", QString::fromLatin1(kDemoPassword));
        QTRY_VERIFY_WITH_TIMEOUT(next->isEnabled(), 5000);
        QVERIFY(QMetaObject::invokeMethod(next, "clicked"));
        QQuickItem *qr = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((qr = item(QStringLiteral("totpQrCode"))) && qr->isVisible()
                                     && qr->property("status").toInt() == 1 /* Image.Ready */, 15000);
    } else {
        m_app->links->requestPage(page);
        QTRY_VERIFY2_WITH_TIMEOUT(m_app->context->pageSettled(), qPrintable(page + u" never settled"), 20000);
    }
    if (!popup.isEmpty()) {
        QTRY_VERIFY2_WITH_TIMEOUT(m_app->popup(popup) && m_app->popup(popup)->property("opened").toBool(),
                                  qPrintable(popup + u" did not open"), 10000);
    }
    if (dialog == u"qrSaveDialog") {
        QQuickItem *button = item(QStringLiteral("saveQrButton"));
        QTRY_VERIFY_WITH_TIMEOUT((button = item(QStringLiteral("saveQrButton"))) && button->isVisible(), 15000);
        const QPointF centre = button->mapToScene(QPointF(button->width() / 2, button->height() / 2));
        QTest::mouseClick(m_window, Qt::LeftButton, {}, centre.toPoint());
    }
    if (!dialog.isEmpty()) {
        QTRY_VERIFY2_WITH_TIMEOUT(m_app->popup(dialog) && m_app->popup(dialog)->property("visible").toBool(),
                                  qPrintable(dialog + u" did not open: " + m_qmlWarnings->take().join(u'\n')), 10000);
    }
    // Pictures, fonts and list delegates of the last change land in the next frames.
    QTest::qWait(150);
    save(language + u'-' + theme + u'-' + name);
    const QStringList defects = textDefects();
    QVERIFY2(defects.isEmpty(), qPrintable(defects.join(u'\n')));
}

void TourTest::cleanupTestCase()
{
    if (m_app)
        closeEverything();
    m_window = nullptr;
    m_app.reset();
    const QStringList warnings = m_qmlWarnings ? m_qmlWarnings->take() : QStringList();
    m_qmlWarnings.reset();
    QVERIFY2(warnings.isEmpty(), qPrintable(u"QML warnings:\n" + warnings.join(u'\n')));
}

QTEST_MAIN(TourTest)

#include "tst_tour.moc"
