// SPDX-License-Identifier: MIT
#pragma once

#include "apiprobe.h"
#include "common/testserver.h"
#include "inprocessapp.h"
#include "qmlwarnings.h"

#include <QSize>
#include <QString>
#include <QStringList>

#include <memory>

class QQuickWindow;

namespace plaza::test {

//! The demo accounts' password (plaza-server --demo).
inline constexpr auto kDemoPassword = "plaza-demo-2026";

//! How the in-process window suites start: plaza-server --demo on loopback, the real window in this
//! process (en_US, the Basic style) shown and active, every QML warning recorded, and a probe of the
//! server's API for what other devices and other people do. Each step says why it failed.
struct DemoWindow {
    //! Starts the server and the window (resized to \a size when it is valid); false with the
    //! reason in \a why. Call it from initTestCase(), after QTest's message handler is in place.
    [[nodiscard]] bool open(const QString &keychainService, QSize size, QString *why);
    //! Signs \a handle in with the demo password, sets \a passphrase for the cache and waits for
    //! the shell; false with the reason in \a why.
    [[nodiscard]] bool signIn(const QString &handle, const QString &passphrase, QString *why);
    //! An access token of \a handle's, signed in from another device; empty on failure.
    [[nodiscard]] QString login(const QString &handle);
    //! Asks Links for \a page ("chat", "feed"…) and waits until the item \a objectName shows.
    [[nodiscard]] bool showPage(const QString &page, const QString &objectName, QString *why);
    //! The QML warnings recorded since the last call, as one failure message (empty: none).
    [[nodiscard]] QString takeWarnings();
    //! The window, then the server.
    void close();

    std::unique_ptr<QmlWarningRecorder> warnings;
    std::unique_ptr<TestServer> server;
    std::unique_ptr<InProcessApp> app;
    std::unique_ptr<ApiProbe> api;
    QQuickWindow *window = nullptr;
};

} // namespace plaza::test
