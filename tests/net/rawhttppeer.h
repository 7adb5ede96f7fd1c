// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QTcpServer>
#include <QUrl>

namespace plaza::test {

//! A bare TCP listener on loopback that plays a misbehaving or exotic HTTP server the
//! real plaza-server never imitates: it records what the client sent and answers with
//! exact bytes, or not at all (silent) to provoke a timeout.
class RawHttpPeer : public QObject
{
    Q_OBJECT
public:
    explicit RawHttpPeer(QObject *parent = nullptr);

    [[nodiscard]] bool listen();
    [[nodiscard]] QUrl url() const;

    //! The raw answer written after each complete request; empty = accept and never answer.
    void setAnswer(QByteArray answer) { m_answer = std::move(answer); }
    //! Head (request line and headers) of every complete request received so far.
    [[nodiscard]] const QList<QByteArray> &requests() const { return m_requests; }
    //! The value of \a header in request \a index (case-insensitive name).
    [[nodiscard]] QByteArray header(qsizetype index, const QByteArray &name) const;

    //! A canned HTTP/1.1 answer.
    [[nodiscard]] static QByteArray answer(int status, const QByteArray &body, const QList<QByteArray> &extraHeaders = {});

private:
    void onReadable(QTcpSocket *socket);

    QTcpServer m_server;
    QByteArray m_answer;
    QList<QByteArray> m_requests;
};

} // namespace plaza::test
