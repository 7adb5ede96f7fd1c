// SPDX-License-Identifier: MIT
#pragma once

#include <QProcess>
#include <QStringList>
#include "teststorage.h"
#include <QUrl>

#include <memory>

namespace plaza::test {

//! Runs the real plaza-server on a free loopback port with a fresh storage of its own
//! (TestStorage: a temporary data folder, and a database of its own on PostgreSQL runs).
//! Tests drive it over HTTP/WebSocket exactly as the app does.
class TestServer
{
public:
    //! \a extraArgs e.g. {"--demo"} or {"--test-clock"}.
    explicit TestServer(QStringList extraArgs = {});
    ~TestServer();

    //! Starts the server and waits for its "listening on" line. False (with a reason
    //! in lastError()) if it did not come up within 60 s.
    [[nodiscard]] bool start();
    //! SIGKILL, no goodbye: what a crash or power cut looks like to clients.
    void kill();
    //! SIGTERM and wait for a clean exit.
    [[nodiscard]] bool stop();
    //! Starts again on the same data folder and, if possible, the same port.
    [[nodiscard]] bool restart();

    [[nodiscard]] QUrl url() const { return m_url; }          //!< http://127.0.0.1:PORT
    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] QString dataDir() const { return m_storage.dataDir(); }
    //! Where the server keeps its data, as plaza-server's --storage takes it.
    [[nodiscard]] QString storage() const { return m_storage.spec(); }
    [[nodiscard]] bool postgres() const { return m_storage.postgres(); }
    [[nodiscard]] QString lastError() const { return m_error; }
    [[nodiscard]] QByteArray output() const { return m_output; }

    //! The plaza-server executable next to the test binaries (PLAZA_SERVER_BIN overrides).
    [[nodiscard]] static QString executable();

private:
    QStringList m_args;
    TestStorage m_storage;
    std::unique_ptr<QProcess> m_process;
    QUrl m_url;
    quint16 m_port = 0;
    QString m_error;
    QByteArray m_output;
};

} // namespace plaza::test
