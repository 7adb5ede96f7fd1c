// SPDX-License-Identifier: MIT
// Runs the Qt Quick Tests in tests/e2e/qml against the QML module Plaza, linked in
// statically exactly as the app links it. Any QML warning or error during the run fails it.
#include "qmlwarnings.h"

#include <QQmlEngine>
#include <QQuickStyle>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

#include <cstdio>
#include <memory>

Q_IMPORT_QML_PLUGIN(PlazaPlugin)
Q_IMPORT_QML_PLUGIN(Plaza_DesktopPlugin)

class Setup : public QObject
{
    Q_OBJECT
public:
    Setup() { QQuickStyle::setStyle(QStringLiteral("Basic")); }

    std::unique_ptr<plaza::test::QmlWarningRecorder> recorder;

public Q_SLOTS:
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        // Qt 6.4 does not search qrc:/qt/qml by default; the module lives there.
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        // Installed once Qt Test's own handler is in place, so every message still prints.
        if (!recorder)
            recorder = std::make_unique<plaza::test::QmlWarningRecorder>();
    }
};

int main(int argc, char **argv)
{
    QTEST_SET_MAIN_SOURCE_PATH
    Setup setup;
    const int failed = quick_test_main_with_setup(argc, argv, "qml_components", QUICK_TEST_SOURCE_DIR, &setup);
    const QStringList warnings = setup.recorder ? setup.recorder->take() : QStringList();
    setup.recorder.reset();
    if (!warnings.isEmpty()) {
        std::fprintf(stderr, "FAIL: %lld QML warning(s) during the run:\n%s\n", qlonglong(warnings.size()),
                     qPrintable(warnings.join(u'\n')));
        return failed + 1;
    }
    return failed;
}

#include "tst_qmlcomponents.moc"
