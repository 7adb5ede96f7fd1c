// SPDX-License-Identifier: MIT
// bench_startup's baseline: a bare Qt Quick window of the same size and style as Plaza's,
// with four tabs and, on the first, a 1,000-row list. It prints the same start-up trace as
// the app (app/startuptrace.h, PLAZA_STARTUP_TRACE=1); "populated" is the first frame with
// the list's rows and their delegates made.
#include "startuptrace.h"

#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>

namespace {

const char kWindow[] = R"(
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

ApplicationWindow {
    width: 1120
    height: 740
    visible: true
    title: "Bare"
    header: TabBar {
        id: bar
        TabButton { text: "Feed" }
        TabButton { text: "Chat" }
        TabButton { text: "Wallet" }
        TabButton { text: "Savings" }
    }
    StackLayout {
        anchors.fill: parent
        currentIndex: bar.currentIndex
        ListView {
            objectName: "list"
            clip: true
            model: 1000
            delegate: ItemDelegate {
                required property int index
                width: ListView.view.width
                text: "Row " + (index + 1) + " of the list"
            }
            ScrollBar.vertical: ScrollBar { }
        }
        Label { text: "Chat" }
        Label { text: "Wallet" }
        Label { text: "Savings" }
    }
}
)";

} // namespace

int main(int argc, char *argv[])
{
    if (StartupTrace::enabled())
        StartupTrace::say("main", StartupTrace::sinceProcessStartMs()); // as Plaza's main() says it
    QGuiApplication app(argc, argv);
    QQuickStyle::setStyle(QStringLiteral("Basic"));
    QQmlApplicationEngine engine;
    engine.loadData(QByteArray(kWindow));
    if (engine.rootObjects().isEmpty())
        return 1;
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    if (!window)
        return 1;
    if (StartupTrace::enabled()) {
        new StartupTrace(window, [window](QString *detail) {
            QQuickItem *list = StartupTrace::findVisibleItem(window, QStringLiteral("list"));
            const int rows = list ? list->property("count").toInt() : 0;
            QQuickItem *first = nullptr;
            if (rows > 0)
                QMetaObject::invokeMethod(list, "itemAtIndex", Qt::DirectConnection, Q_RETURN_ARG(QQuickItem *, first), Q_ARG(int, 0));
            if (!first)
                return false;
            *detail = QStringLiteral("(%1 rows)").arg(rows);
            return true;
        });
    }
    return QGuiApplication::exec();
}
