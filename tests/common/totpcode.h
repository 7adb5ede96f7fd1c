// SPDX-License-Identifier: MIT
#pragma once

// RFC 4648 base32 and RFC 6238 (HMAC-SHA-1, 6 digits, 30 s steps), written for the tests on
// purpose: a test must not trust the server's own code (server/totp.cpp) to check the server.

#include <QByteArray>
#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QString>

namespace plaza::test {

//! The bytes of a base32 secret (letters in either case; spaces and padding ignored).
inline QByteArray base32Decode(const QString &text)
{
    static const QString alphabet = QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
    QByteArray out;
    quint32 buffer = 0;
    int bits = 0;
    for (QChar c : text) {
        const int v = alphabet.indexOf(c.toUpper());
        if (v < 0)
            continue;
        buffer = (buffer << 5) | quint32(v);
        bits += 5;
        if (bits >= 8) {
            out.append(char((buffer >> (bits - 8)) & 0xff));
            bits -= 8;
        }
    }
    return out;
}

//! The 6-digit code of \a secret at \a unixSeconds.
inline QString totpCode(const QByteArray &secret, qint64 unixSeconds)
{
    quint64 counter = quint64(unixSeconds / 30);
    QByteArray message(8, '\0');
    for (int i = 7; i >= 0; --i, counter >>= 8)
        message[i] = char(counter & 0xff);
    const QByteArray mac = QMessageAuthenticationCode::hash(message, secret, QCryptographicHash::Sha1);
    const int o = mac.at(19) & 0x0f;
    const quint32 value = (quint32(quint8(mac.at(o)) & 0x7f) << 24) | (quint32(quint8(mac.at(o + 1))) << 16)
        | (quint32(quint8(mac.at(o + 2))) << 8) | quint32(quint8(mac.at(o + 3)));
    return QStringLiteral("%1").arg(value % 1000000, 6, 10, QLatin1Char('0'));
}

//! The 6-digit code of the base32 secret \a base32 at \a unixSeconds.
inline QString totpCode(const QString &base32, qint64 unixSeconds)
{
    return totpCode(base32Decode(base32), unixSeconds);
}

} // namespace plaza::test
