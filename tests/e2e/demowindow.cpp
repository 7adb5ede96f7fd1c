// SPDX-License-Identifier: MIT
#include "demowindow.h"

#include "links.h"

#include <QJsonObject>
#include <QLocale>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTest>

namespace plaza::test {

namespace {

bool failed(QString *why, const QString &reason)
{
    if (why)
        *why = reason;
    return false;
}

} // namespace

bool DemoWindow::open(const QString &keychainService, QSize size, QString *why)
{
    warnings = std::make_unique<QmlWarningRecorder>();
    QLocale::setDefault(QLocale(QStringLiteral("en_US")));
    QQuickStyle::setStyle(QStringLiteral("Basic"));
    server = std::make_unique<TestServer>(QStringList{ QStringLiteral("--demo") });
    if (!server->start())
        return failed(why, QStringLiteral("plaza-server --demo did not start: ") + server->lastError());
    api = std::make_unique<ApiProbe>(server->url());
    app = std::make_unique<InProcessApp>(server->url(), keychainService);
    if (!app->load(why))
        return false;
    window = app->window;
    if (size.isValid())
        window->resize(size);
    window->show();
    window->requestActivate();
    if (!QTest::qWaitForWindowActive(window))
        return failed(why, QStringLiteral("the window never became active"));
    return true;
}

bool DemoWindow::signIn(const QString &handle, const QString &passphrase, QString *why)
{
    if (!app->signIn(handle, QString::fromLatin1(kDemoPassword), passphrase, why))
        return false;
    if (!QTest::qWaitFor(
            [this] {
                QQuickItem *shell = app->item(QStringLiteral("shell"));
                return shell && shell->isVisible();
            },
            20000))
        return failed(why, QStringLiteral("signed in as ") + handle + QStringLiteral(", but the shell never showed"));
    return true;
}

QString DemoWindow::login(const QString &handle)
{
    const ApiReply reply = api->post(QStringLiteral("/v1/auth/login"),
        { { QStringLiteral("handle"), handle }, { QStringLiteral("password"), QString::fromLatin1(kDemoPassword) } });
    return reply.json.value(QStringLiteral("access_token")).toString();
}

bool DemoWindow::showPage(const QString &page, const QString &objectName, QString *why)
{
    app->links->requestPage(page);
    if (!QTest::qWaitFor(
            [this, &objectName] {
                QQuickItem *found = app->item(objectName);
                return found && found->isVisible();
            },
            10000))
        return failed(why,
            QStringLiteral("asked for the page ") + page + QStringLiteral(", but ") + objectName
                + QStringLiteral(" never showed"));
    return true;
}

QString DemoWindow::takeWarnings()
{
    const QStringList taken = warnings->take();
    if (taken.isEmpty())
        return {};
    return QStringLiteral("QML warnings:\n") + taken.join(u'\n');
}

void DemoWindow::close()
{
    app.reset();
    window = nullptr;
    server.reset();
}

} // namespace plaza::test
