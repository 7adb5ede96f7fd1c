// SPDX-License-Identifier: MIT
// What a screen reader gets: the real plaza app on a real X server (xvfb-run), signed in to the
// real plaza-server --demo with its cache key in a real Secret Service (with-keyring.sh), its
// accessibility tree read over AT-SPI (with-atspi.sh: at-spi-bus-launcher, the registry) by
// tests/e2e/atspi.py, as Orca reads it, and driven through the same bus (actions, text, keys).
//
// Fails on: an interactive element (button, toggle, text field, password field, combo box, list
// item, page tab, check box, radio button) without a name; a chat message whose text is not in
// its name; chat messages in the tree in another order than on screen (oldest first, top to
// bottom); a segmented control (All/Money in/Money out, Following/Discover, PIN/Passphrase) that
// does not say which segment is chosen; the account readable behind the lock screen; focus left
// on nothing visible after an unlock; a tab or sheet that opens without focus on a control.
#include "apiprobe.h"
#include "common/testserver.h"
#include "qmlwarnings.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <functional>
#include <memory>
#include <utility>

using plaza::test::ApiProbe;
using plaza::test::TestServer;

namespace {

constexpr auto kDemoPassword = "plaza-demo-2026";
constexpr int kNotFound = 3; // atspi.py: the app or the node is not in the tree (yet)

//! One node of the tree as atspi.py dumps it (only what is showing).
struct Node {
    QList<int> path;
    QString role;
    QString name;
    QString description;
    QSet<QString> states;
    QRect extents;
    QString text;

    [[nodiscard]] bool has(const QString &state) const { return states.contains(state); }
    [[nodiscard]] bool isInside(const Node &ancestor) const
    {
        return path.size() > ancestor.path.size() && path.mid(0, ancestor.path.size()) == ancestor.path;
    }
    [[nodiscard]] QString describe() const
    {
        QStringList p;
        for (int i : path)
            p << QString::number(i);
        return QStringLiteral("%1 \"%2\" at %3,%4 %5x%6 (path %7)")
            .arg(role, name)
            .arg(extents.x())
            .arg(extents.y())
            .arg(extents.width())
            .arg(extents.height())
            .arg(p.join(u'/'));
    }
};
using Tree = QList<Node>;

//! The roles a user operates, which a screen reader must be able to name.
const QSet<QString> kInteractiveRoles{
    QStringLiteral("push button"), QStringLiteral("toggle button"), QStringLiteral("text"),
    QStringLiteral("password text"), QStringLiteral("combo box"), QStringLiteral("list item"),
    QStringLiteral("page tab"), QStringLiteral("check box"), QStringLiteral("radio button"),
    QStringLiteral("entry"), QStringLiteral("spin button"), QStringLiteral("slider"),
    QStringLiteral("menu item"), QStringLiteral("check menu item"), QStringLiteral("radio menu item"),
};

bool interactive(const Node &node)
{
    return kInteractiveRoles.contains(node.role);
}

QString python()
{
    return QStringLiteral("/usr/bin/python3"); // where Debian's python3-pyatspi is importable
}

QString atspiScript()
{
    return QStringLiteral(PLAZA_ATSPI_SCRIPT);
}

//! Runs atspi.py with \a args; its exit code, stdout into \a out.
int atspi(const QStringList &args, QByteArray *out = nullptr, QString *err = nullptr)
{
    QProcess p;
    p.start(python(), QStringList{atspiScript(), QStringLiteral("Plaza")} + args);
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return -1;
    }
    if (out)
        *out = p.readAllStandardOutput();
    if (err)
        *err = QString::fromUtf8(p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

Tree dump()
{
    QByteArray out;
    if (atspi({QStringLiteral("dump")}, &out) != 0)
        return {};
    Tree tree;
    const QJsonArray nodes = QJsonDocument::fromJson(out).array();
    for (const QJsonValue &v : nodes) {
        const QJsonObject o = v.toObject();
        Node n;
        for (const QJsonValue &i : o.value(QStringLiteral("path")).toArray())
            n.path << i.toInt();
        n.role = o.value(QStringLiteral("role")).toString();
        n.name = o.value(QStringLiteral("name")).toString();
        n.description = o.value(QStringLiteral("description")).toString();
        for (const QJsonValue &s : o.value(QStringLiteral("states")).toArray())
            n.states.insert(s.toString());
        const QJsonArray e = o.value(QStringLiteral("extents")).toArray();
        if (e.size() == 4)
            n.extents = QRect(e[0].toInt(), e[1].toInt(), e[2].toInt(), e[3].toInt());
        n.text = o.value(QStringLiteral("text")).toString();
        tree << n;
    }
    return tree;
}

const Node *find(const Tree &tree, const QString &role, const QString &name)
{
    for (const Node &n : tree) {
        if (n.role == role && n.name == name)
            return &n;
    }
    return nullptr;
}

//! Reads the tree until \a ready says it is there (the app loads, sheets animate in).
Tree waitForTree(const std::function<bool(const Tree &)> &ready, int timeoutMs = 30000)
{
    QDeadlineTimer deadline(timeoutMs);
    Tree tree;
    do {
        tree = dump();
        if (!tree.isEmpty() && ready(tree))
            return tree;
        QTest::qWait(200);
    } while (!deadline.hasExpired());
    return {};
}

Tree waitForNode(const QString &role, const QString &name, int timeoutMs = 30000)
{
    return waitForTree([&](const Tree &t) { return find(t, role, name) != nullptr; }, timeoutMs);
}

//! Every showing interactive element without a name, one per line.
QStringList unnamed(const Tree &tree)
{
    QStringList found;
    for (const Node &n : tree) {
        if (interactive(n) && n.name.trimmed().isEmpty())
            found << n.describe();
    }
    return found;
}

//! The showing interactive element (or list, whose current item the arrows move) that has the
//! keyboard focus, if any.
const Node *focusedControl(const Tree &tree)
{
    for (const Node &n : tree) {
        if ((interactive(n) || n.role == u"list") && n.has(QStringLiteral("focused")))
            return &n;
    }
    return nullptr;
}

QString treeText(const Tree &tree)
{
    QStringList lines;
    for (const Node &n : tree) {
        QStringList states(n.states.cbegin(), n.states.cend());
        states.sort();
        lines << QString(n.path.size() * 2, u' ') + n.describe() + u' ' + states.join(u',')
                     + (n.description.isEmpty() ? QString() : u" desc=\"" + n.description + u'"');
    }
    return lines.join(u'\n');
}

//! Which segment of a segmented control the tree says is chosen: the names of the segments with
//! STATE_CHECKED or STATE_SELECTED (empty when none says so).
QStringList chosenSegments(const Tree &tree, const QStringList &segments)
{
    QStringList chosen;
    for (const QString &name : segments) {
        for (const Node &n : tree) {
            if (interactive(n) && n.name == name
                && (n.has(QStringLiteral("checked")) || n.has(QStringLiteral("selected"))))
                chosen << name;
        }
    }
    return chosen;
}

//! The bin/plaza process, started for one test and killed at its end.
class App
{
public:
    App(const QUrl &server, const QStringList &args, bool signIn = true)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
        env.insert(QStringLiteral("QT_LINUX_ACCESSIBILITY_ALWAYS_ON"), QStringLiteral("1"));
        env.insert(QStringLiteral("PLAZA_DEMO_PASSWORD"), QString::fromLatin1(kDemoPassword));
        env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
        env.remove(QStringLiteral("LANGUAGE"));
        env.remove(QStringLiteral("PLAZA_THEME"));
        env.remove(QStringLiteral("PLAZA_KEY_BACKEND"));
        m_process.setProcessEnvironment(env);
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        QStringList all{QStringLiteral("--server"), server.toString(), QStringLiteral("--data-dir"),
                        m_dirs.filePath(QStringLiteral("data")), QStringLiteral("--config-dir"),
                        m_dirs.filePath(QStringLiteral("config")), QStringLiteral("--theme"), QStringLiteral("light")};
        if (signIn)
            all << QStringLiteral("--sign-in-as") << QStringLiteral("amelie");
        m_process.start(QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("plaza")), all + args);
    }
    ~App() { stop(); }
    App(const App &) = delete;
    App &operator=(const App &) = delete;

    //! Waits for a line of the app's output ("plaza: shell shown").
    bool waitFor(const QString &line, int timeoutMs = 60000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!m_output.contains(line)) {
            if (m_process.state() == QProcess::NotRunning || deadline.hasExpired())
                return false;
            m_process.waitForReadyRead(200);
            m_output += QString::fromUtf8(m_process.readAll());
        }
        return true;
    }
    //! Stops the app; its output (for QML warnings).
    QString stop()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(10000)) {
                m_process.kill();
                m_process.waitForFinished(5000);
            }
        }
        m_output += QString::fromUtf8(m_process.readAll());
        return m_output;
    }
    [[nodiscard]] QString output() const { return m_output; }

private:
    QTemporaryDir m_dirs;
    QProcess m_process;
    QString m_output;
};

} // namespace

class TestAccessibility : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void signInScreen();
    void tabs_data();
    void tabs();
    void sheets_data();
    void sheets();
    void segmentedControls();
    void chatMessages();
    void lockScreen();
    void cleanup();

private:
    //! Starts the app (signed in as @amelie unless \a signIn is false) and waits for its shell.
    std::unique_ptr<App> start(const QStringList &args, bool signIn = true);
    void finish(std::unique_ptr<App> &app);
    QString login(const QString &handle);
    bool say(const QString &token, const QString &conversation, const QString &text);

    std::unique_ptr<TestServer> m_server;
    QStringList m_qmlWarnings;
};

void TestAccessibility::initTestCase()
{
    QVERIFY2(qEnvironmentVariableIsSet("DISPLAY"), "run under xvfb-run (ctest does)");
    QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"), "run under with-keyring.sh and with-atspi.sh (ctest does)");
    QVERIFY2(QFileInfo(QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("plaza"))).isExecutable(),
             "bin/plaza is not built");
    QProcess probe;
    probe.start(python(), {QStringLiteral("-c"), QStringLiteral("import pyatspi")});
    QVERIFY(probe.waitForFinished(30000));
    QVERIFY2(probe.exitCode() == 0, "python3-pyatspi is missing (scripts/deps.sh --test installs it)");
    m_server = std::make_unique<TestServer>(QStringList{QStringLiteral("--demo")});
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
}

void TestAccessibility::cleanup()
{
    const QStringList warnings = std::exchange(m_qmlWarnings, {});
    QVERIFY2(warnings.isEmpty(), qPrintable(u"QML warnings from bin/plaza:\n" + warnings.join(u'\n')));
}

std::unique_ptr<App> TestAccessibility::start(const QStringList &args, bool signIn)
{
    auto app = std::make_unique<App>(m_server->url(), args, signIn);
    if (signIn && !app->waitFor(QStringLiteral("plaza: shell shown"))) {
        qWarning().noquote() << "bin/plaza never showed its shell:\n" << app->stop();
        return nullptr;
    }
    return app;
}

void TestAccessibility::finish(std::unique_ptr<App> &app)
{
    if (app)
        m_qmlWarnings += plaza::test::qmlWarningsIn(app->stop());
    app.reset();
}

QString TestAccessibility::login(const QString &handle)
{
    ApiProbe api(m_server->url());
    const auto reply = api.post(QStringLiteral("/v1/auth/login"),
                                {{QStringLiteral("handle"), handle},
                                 {QStringLiteral("password"), QString::fromLatin1(kDemoPassword)}});
    return reply.json.value(QStringLiteral("access_token")).toString();
}

bool TestAccessibility::say(const QString &token, const QString &conversation, const QString &text)
{
    const QJsonObject message{{QStringLiteral("client_id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                              {QStringLiteral("text"), text}};
    const auto posted = ApiProbe(m_server->url())
                            .send("POST", QStringLiteral("/v1/conversations/%1/messages").arg(conversation),
                                  QJsonDocument(message).toJson(), token, {{"Content-Type", "application/json"}});
    return posted.status == 201;
}

void TestAccessibility::signInScreen()
{
    auto app = start({}, false);
    const Tree tree = waitForNode(QStringLiteral("push button"), QStringLiteral("Sign in"));
    QVERIFY2(!tree.isEmpty(), qPrintable(u"the sign-in screen never showed in the tree\n" + app->stop()));
    const QStringList missing = unnamed(tree);
    QVERIFY2(missing.isEmpty(), qPrintable(u"unnamed:\n" + missing.join(u'\n') + u"\n\n" + treeText(tree)));
    QVERIFY2(find(tree, QStringLiteral("password text"), QStringLiteral("Password")), qPrintable(treeText(tree)));
    finish(app);
}

void TestAccessibility::tabs_data()
{
    QTest::addColumn<QString>("page");
    QTest::addColumn<QString>("readyRole"); // the tab's data is on screen once this node shows
    QTest::addColumn<QString>("readyName");
    QTest::newRow("feed") << QStringLiteral("feed") << QStringLiteral("list") << QStringLiteral("Following");
    QTest::newRow("chat") << QStringLiteral("chat") << QStringLiteral("list") << QStringLiteral("Conversations");
    QTest::newRow("chat-conversation") << QStringLiteral("chat/c_1") << QStringLiteral("list") << QStringLiteral("Messages");
    QTest::newRow("wallet") << QStringLiteral("wallet") << QStringLiteral("list") << QStringLiteral("Transaction history");
    QTest::newRow("savings") << QStringLiteral("savings") << QStringLiteral("push button") << QStringLiteral("Add money");
}

void TestAccessibility::tabs()
{
    QFETCH(QString, page);
    QFETCH(QString, readyRole);
    QFETCH(QString, readyName);
    auto app = start({QStringLiteral("--page"), page});
    QVERIFY(app);
    // Wait for the tab's content and for the focus to have landed in it.
    const Tree tree = waitForTree([&](const Tree &t) {
        const Node *ready = find(t, readyRole, readyName);
        const bool loaded = ready && (ready->role != u"list" || std::any_of(t.cbegin(), t.cend(), [&](const Node &n) {
                                          return n.isInside(*ready) && interactive(n);
                                      }));
        return loaded && focusedControl(t);
    });
    if (tree.isEmpty()) {
        const Tree now = dump();
        QFAIL(qPrintable(u"the " + page + u" tab never showed " + readyName + u" with a focused control\n"
                         + treeText(now)));
    }
    const QStringList missing = unnamed(tree);
    QVERIFY2(missing.isEmpty(), qPrintable(u"unnamed:\n" + missing.join(u'\n') + u"\n\n" + treeText(tree)));
    // The sidebar says which tab this is.
    const QString tabName = page.startsWith(u"chat") ? QStringLiteral("Chat") : page.left(1).toUpper() + page.mid(1);
    QStringList chosen;
    for (const Node &n : tree) {
        if ((n.role == u"page tab" || n.role == u"list item") && (n.has(QStringLiteral("checked")) || n.has(QStringLiteral("selected"))))
            chosen << n.name;
    }
    QVERIFY2(chosen.contains(tabName), qPrintable(u"the sidebar does not say " + tabName + u" is the current tab\n"
                                                 + treeText(tree)));
    finish(app);
}

void TestAccessibility::sheets_data()
{
    QTest::addColumn<QString>("page");
    QTest::addColumn<QString>("readyRole");
    QTest::addColumn<QString>("readyName");
    QTest::newRow("send") << QStringLiteral("wallet/send") << QStringLiteral("text") << QStringLiteral("Name or @handle");
    QTest::newRow("request") << QStringLiteral("wallet/request") << QStringLiteral("text") << QStringLiteral("Amount (EUR)");
    QTest::newRow("settings") << QStringLiteral("settings") << QStringLiteral("combo box") << QStringLiteral("Theme");
    QTest::newRow("topup") << QStringLiteral("wallet/topup") << QStringLiteral("text") << QStringLiteral("Amount (EUR)");
    QTest::newRow("deposit") << QStringLiteral("savings/deposit") << QStringLiteral("text") << QStringLiteral("Amount (EUR)");
    QTest::newRow("new-group") << QStringLiteral("chat/new-group") << QStringLiteral("push button") << QStringLiteral("Group");
}

void TestAccessibility::sheets()
{
    QFETCH(QString, page);
    QFETCH(QString, readyRole);
    QFETCH(QString, readyName);
    auto app = start({QStringLiteral("--page"), page});
    QVERIFY(app);
    const Tree tree = waitForTree([&](const Tree &t) { return find(t, readyRole, readyName) && focusedControl(t); });
    if (tree.isEmpty())
        QFAIL(qPrintable(u"the sheet " + page + u" never showed " + readyName + u" with a focused control\n"
                         + treeText(dump())));
    const QStringList missing = unnamed(tree);
    QVERIFY2(missing.isEmpty(), qPrintable(u"unnamed:\n" + missing.join(u'\n') + u"\n\n" + treeText(tree)));
    finish(app);
}

void TestAccessibility::segmentedControls()
{
    struct Control {
        QString page;
        QStringList segments;
        QString initial;
        QString other;
    };
    const QList<Control> controls{
        {QStringLiteral("wallet"),
         {QStringLiteral("All"), QStringLiteral("Money in"), QStringLiteral("Money out")},
         QStringLiteral("All"),
         QStringLiteral("Money in")},
        {QStringLiteral("feed"),
         {QStringLiteral("Following"), QStringLiteral("Discover")},
         QStringLiteral("Following"),
         QStringLiteral("Discover")},
    };
    for (const Control &c : controls) {
        auto app = start({QStringLiteral("--page"), c.page});
        QVERIFY(app);
        Tree tree = waitForNode(QStringLiteral("push button"), c.other);
        if (tree.isEmpty())
            tree = waitForTree([&](const Tree &t) {
                return std::any_of(t.cbegin(), t.cend(), [&](const Node &n) { return interactive(n) && n.name == c.other; });
            });
        QVERIFY2(!tree.isEmpty(), qPrintable(c.page + u": no " + c.other + u" segment\n" + treeText(dump())));
        QVERIFY2(chosenSegments(tree, c.segments) == QStringList{c.initial},
                 qPrintable(c.page + u": the tree does not say \"" + c.initial + u"\" (alone) is chosen: "
                            + chosenSegments(tree, c.segments).join(u", ") + u"\n" + treeText(tree)));
        // Choose another segment the way a screen reader user does (the node's action).
        const Node *other = nullptr;
        for (const Node &n : tree) {
            if (interactive(n) && n.name == c.other)
                other = &n;
        }
        QVERIFY(other);
        QCOMPARE(atspi({QStringLiteral("press"), other->role, c.other}), 0);
        tree = waitForTree([&](const Tree &t) { return chosenSegments(t, c.segments) == QStringList{c.other}; }, 10000);
        QVERIFY2(!tree.isEmpty(), qPrintable(c.page + u": after choosing \"" + c.other + u"\" the tree says "
                                             + chosenSegments(dump(), c.segments).join(u", ")));
        finish(app);
    }
}

void TestAccessibility::chatMessages()
{
    // Bruno writes, then Amélie answers (which marks everything read, so the conversation opens
    // at its end): both are the newest two messages of c_1, at the bottom of the view.
    const QString bruno = login(QStringLiteral("bruno"));
    const QString amelie = login(QStringLiteral("amelie"));
    QVERIFY(!bruno.isEmpty() && !amelie.isEmpty());
    const QString tag = QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
    const QString first = QStringLiteral("Are we still on for the climbing gym? %1").arg(tag);
    const QString second = QStringLiteral("Yes, Thursday at seven %1").arg(tag);
    QVERIFY(say(bruno, QStringLiteral("c_1"), first));
    QVERIFY(say(amelie, QStringLiteral("c_1"), second));

    auto app = start({QStringLiteral("--page"), QStringLiteral("chat/c_1")});
    QVERIFY(app);
    const auto messagesOf = [](const Tree &t) {
        QList<Node> items;
        const Node *list = find(t, QStringLiteral("list"), QStringLiteral("Messages"));
        if (!list)
            return items;
        for (const Node &n : t) {
            if (n.role == u"list item" && n.isInside(*list) && n.path.size() == list->path.size() + 1)
                items << n;
        }
        return items;
    };
    const auto exposed = [](const Node &n, const QString &text) {
        return n.name.contains(text) || n.description.contains(text);
    };
    const Tree tree = waitForTree([&](const Tree &t) {
        const QList<Node> items = messagesOf(t);
        return std::any_of(items.cbegin(), items.cend(), [&](const Node &n) { return exposed(n, second); });
    });
    if (tree.isEmpty())
        QFAIL(qPrintable(u"the newest message's text is not in the tree (a list \"Messages\" of list items whose "
                         u"name or description holds the text)\n"
                         + treeText(dump())));
    const QList<Node> items = messagesOf(tree);
    int firstAt = -1;
    int secondAt = -1;
    for (int i = 0; i < items.size(); ++i) {
        if (exposed(items[i], first))
            firstAt = i;
        if (exposed(items[i], second))
            secondAt = i;
    }
    QVERIFY2(firstAt >= 0, qPrintable(u"Bruno's message is not exposed\n" + treeText(tree)));
    QVERIFY2(items[firstAt].name.contains(u"Bruno"), qPrintable(u"no sender in " + items[firstAt].describe()));
    QVERIFY2(firstAt < secondAt, qPrintable(u"the older message comes after the newer one in the tree\n" + treeText(tree)));
    // Every message is read in the order it shows: top to bottom.
    for (int i = 1; i < items.size(); ++i) {
        QVERIFY2(items[i - 1].extents.y() <= items[i].extents.y(),
                 qPrintable(u"messages out of visual order:\n" + items[i - 1].describe() + u"\n" + items[i].describe()));
    }
    const QStringList missing = unnamed(tree);
    QVERIFY2(missing.isEmpty(), qPrintable(u"unnamed:\n" + missing.join(u'\n') + u"\n\n" + treeText(tree)));
    finish(app);
}

void TestAccessibility::lockScreen()
{
    auto app = start({QStringLiteral("--page"), QStringLiteral("settings")});
    QVERIFY(app);
    QVERIFY2(!waitForNode(QStringLiteral("push button"), QStringLiteral("Set…")).isEmpty(), qPrintable(treeText(dump())));
    QCOMPARE(atspi({QStringLiteral("press"), QStringLiteral("push button"), QStringLiteral("Set…")}), 0);
    const QString newPin = QStringLiteral("New PIN (4 to 12 digits)");
    Tree tree = waitForNode(QStringLiteral("password text"), newPin);
    QVERIFY2(!tree.isEmpty(), qPrintable(u"the lock sheet has no password field named \"" + newPin + u"\"\n" + treeText(dump())));
    QStringList missing = unnamed(tree);
    QVERIFY2(missing.isEmpty(), qPrintable(u"unnamed:\n" + missing.join(u'\n') + u"\n\n" + treeText(tree)));
    const QStringList kinds{QStringLiteral("PIN"), QStringLiteral("Passphrase")};
    QVERIFY2(chosenSegments(tree, kinds) == QStringList{QStringLiteral("PIN")},
             qPrintable(u"the lock sheet does not say PIN is chosen: " + chosenSegments(tree, kinds).join(u", ") + u"\n"
                        + treeText(tree)));

    // Set a PIN the way a screen reader user would: focus the field, type, Tab, type, Return.
    QCOMPARE(atspi({QStringLiteral("focus"), QStringLiteral("password text"), newPin}), 0);
    QCOMPARE(atspi({QStringLiteral("key"), QStringLiteral("2"), QStringLiteral("5"), QStringLiteral("8"),
                    QStringLiteral("0"), QStringLiteral("Tab"), QStringLiteral("2"), QStringLiteral("5"),
                    QStringLiteral("8"), QStringLiteral("0"), QStringLiteral("Return")}),
             0);
    tree = waitForNode(QStringLiteral("push button"), QStringLiteral("Lock"));
    QVERIFY2(!tree.isEmpty(), qPrintable(u"no Lock button after setting a PIN\n" + treeText(dump())));
    QCOMPARE(atspi({QStringLiteral("press"), QStringLiteral("push button"), QStringLiteral("Lock")}), 0);

    // Locked: the PIN field is named and has the focus, and nothing of the account is readable.
    tree = waitForTree([](const Tree &t) {
        const Node *pin = find(t, QStringLiteral("password text"), QStringLiteral("PIN"));
        return pin && pin->has(QStringLiteral("focused"));
    }, 10000);
    QVERIFY2(!tree.isEmpty(), qPrintable(u"the lock screen's PIN field is not named \"PIN\" or not focused\n" + treeText(dump())));
    missing = unnamed(tree);
    QVERIFY2(missing.isEmpty(), qPrintable(u"unnamed:\n" + missing.join(u'\n') + u"\n\n" + treeText(tree)));
    for (const Node &n : tree) {
        QVERIFY2(!n.name.contains(u'€') && n.name != u"Wallet" && !n.name.contains(u"Amélie"),
                 qPrintable(u"readable behind the lock screen: " + n.describe()));
    }

    // Unlock with the keyboard: the focus goes to a control that shows, not to a hidden field.
    QCOMPARE(atspi({QStringLiteral("key"), QStringLiteral("2"), QStringLiteral("5"), QStringLiteral("8"),
                    QStringLiteral("0"), QStringLiteral("Return")}),
             0);
    tree = waitForTree([](const Tree &t) { return !find(t, QStringLiteral("password text"), QStringLiteral("PIN")) && focusedControl(t); },
                       10000);
    QVERIFY2(!tree.isEmpty(), qPrintable(u"after the unlock no showing control has the focus\n" + treeText(dump())));
    const Node *focused = focusedControl(tree);
    QVERIFY2(focused->extents.width() > 0 && focused->extents.height() > 0, qPrintable(focused->describe()));
    QVERIFY2(focused->role != u"password text", qPrintable(focused->describe()));
    finish(app);
}

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
