// SPDX-License-Identifier: MIT
#include "totp.h"

#include "credentials.h"
#include "requestcontext.h"
#include "serverdb.h"

#include <sodium.h>

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QUrl>
#include <QVariantList>

namespace plaza::server {

namespace totp {

namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
} // namespace

QString base32Encode(const QByteArray &bytes)
{
    QString out;
    quint32 buffer = 0;
    int bits = 0;
    for (char c : bytes) {
        buffer = (buffer << 8) | quint8(c);
        bits += 8;
        while (bits >= 5) {
            out.append(QLatin1Char(kAlphabet[(buffer >> (bits - 5)) & 31]));
            bits -= 5;
        }
    }
    if (bits > 0)
        out.append(QLatin1Char(kAlphabet[(buffer << (5 - bits)) & 31]));
    return out;
}

std::optional<QByteArray> base32Decode(QStringView text)
{
    QByteArray out;
    quint32 buffer = 0;
    int bits = 0;
    for (QChar c : text) {
        if (c == u' ' || c == u'=' || c == u'-')
            continue;
        const char16_t u = c.toUpper().unicode();
        int value = -1;
        if (u >= u'A' && u <= u'Z')
            value = u - u'A';
        else if (u >= u'2' && u <= u'7')
            value = 26 + (u - u'2');
        if (value < 0)
            return std::nullopt;
        buffer = (buffer << 5) | quint32(value);
        bits += 5;
        if (bits >= 8) {
            out.append(char((buffer >> (bits - 8)) & 0xff));
            bits -= 8;
        }
    }
    return out;
}

quint32 hotp(const QByteArray &secret, quint64 counter, int digits)
{
    QByteArray message(8, '\0');
    for (int i = 7; i >= 0; --i) {
        message[i] = char(counter & 0xff);
        counter >>= 8;
    }
    const QByteArray mac = QMessageAuthenticationCode::hash(message, secret, QCryptographicHash::Sha1);
    const int offset = mac.at(mac.size() - 1) & 0x0f;
    const quint32 binary = (quint32(quint8(mac.at(offset)) & 0x7f) << 24) | (quint32(quint8(mac.at(offset + 1))) << 16)
        | (quint32(quint8(mac.at(offset + 2))) << 8) | quint32(quint8(mac.at(offset + 3)));
    quint32 modulo = 1;
    for (int i = 0; i < digits; ++i)
        modulo *= 10;
    return binary % modulo;
}

QString codeAt(const QByteArray &secret, qint64 step, int digits)
{
    return QStringLiteral("%1").arg(hotp(secret, quint64(step), digits), digits, 10, QLatin1Char('0'));
}

std::optional<qint64> match(const QByteArray &secret, QStringView code, qint64 nowMs, qint64 lastUsedStep)
{
    QString digits;
    for (QChar c : code) {
        if (c == u' ')
            continue;
        if (c < u'0' || c > u'9')
            return std::nullopt;
        digits.append(c);
    }
    if (digits.size() != kDigits || secret.isEmpty())
        return std::nullopt;
    const qint64 now = stepAt(nowMs);
    std::optional<qint64> found;
    // Every step of the window is computed, whatever matches, so the time taken says nothing.
    for (qint64 step = now - kWindowSteps; step <= now + kWindowSteps; ++step) {
        const QByteArray expected = codeAt(secret, step).toLatin1();
        const QByteArray given = digits.toLatin1();
        if (sodium_memcmp(expected.constData(), given.constData(), size_t(kDigits)) == 0 && step > lastUsedStep && !found)
            found = step;
    }
    return found;
}

QByteArray newSecret()
{
    QByteArray bytes(kSecretBytes, Qt::Uninitialized);
    randombytes_buf(bytes.data(), size_t(bytes.size()));
    return bytes;
}

QString provisioningUri(const QString &handle, const QString &secretBase32)
{
    const QString label = QString::fromLatin1(QUrl::toPercentEncoding(QStringLiteral("Plaza:") + handle, ":"));
    return QStringLiteral("otpauth://totp/%1?secret=%2&issuer=Plaza&algorithm=SHA1&digits=%3&period=%4")
        .arg(label, secretBase32)
        .arg(kDigits)
        .arg(kStepSeconds);
}

QStringList newRecoveryCodes()
{
    QStringList codes;
    for (int i = 0; i < kRecoveryCodes; ++i) {
        QByteArray bytes(7, Qt::Uninitialized);
        randombytes_buf(bytes.data(), size_t(bytes.size()));
        const QString text = base32Encode(bytes).left(10).toLower(); // 50 bits
        codes.append(text.left(4) + u'-' + text.mid(4, 4) + u'-' + text.mid(8, 2));
    }
    return codes;
}

QByteArray recoveryCodeDigest(QStringView code)
{
    QString normal;
    for (QChar c : code) {
        if (c != u' ' && c != u'-')
            normal.append(c.toUpper());
    }
    return QCryptographicHash::hash(normal.toUtf8(), QCryptographicHash::Sha256);
}

} // namespace totp

namespace stepup {

std::optional<Error> check(ServerDb &db, qint64 nowMs, const RequestContext &ctx, qint64 amountMinor, bool always)
{
    auto row = db.row(
        QStringLiteral("SELECT totp_secret IS NOT NULL, stepup_threshold FROM account_security WHERE user_id = ?1"),
        ctx.userId);
    if (!row)
        return row.error();
    auto &stmt = *row;
    const bool totpOn = *row && stmt->int64(0) != 0;
    const bool hasThreshold = *row && !stmt->isNull(1);
    const qint64 threshold = hasThreshold ? stmt->int64(1) : 0;
    // An account with neither a second factor nor a threshold has nothing stronger than
    // the password its session was opened with: nothing to ask.
    if (!totpOn && !hasThreshold)
        return std::nullopt;

    QString why;
    if (always) {
        why = QStringLiteral("settings");
    } else if (hasThreshold && amountMinor >= threshold) {
        why = QStringLiteral("amount");
    } else {
        auto created = db.integer(QStringLiteral("SELECT created_at FROM session_info WHERE session_id = ?1"), ctx.sessionId);
        if (!created)
            return created.error();
        if (created->has_value() && nowMs - **created < kYoungSessionMs)
            why = QStringLiteral("new_session");
    }
    if (why.isEmpty())
        return std::nullopt;

    const QByteArray token = ctx.header(QByteArrayView(kHeader)).trimmed();
    if (!token.isEmpty() && token.size() <= 256) {
        auto valid = db.integer(QStringLiteral("SELECT 1 FROM step_up_tokens WHERE token_hash = ?1 AND session_id = ?2 "
                                               "AND user_id = ?3 AND expires_at > ?4"),
                                credentials::tokenDigest(token), ctx.sessionId, ctx.userId, nowMs);
        if (!valid)
            return valid.error();
        if (valid->has_value())
            return std::nullopt;
    }
    QVariantList methods{QStringLiteral("password")};
    if (totpOn)
        methods.append(QStringLiteral("totp"));
    QVariantMap details{{QStringLiteral("reason"), QStringLiteral("step_up_required")},
                        {QStringLiteral("why"), why},
                        {QStringLiteral("methods"), methods}};
    if (hasThreshold)
        details.insert(QStringLiteral("threshold"), threshold);
    return makeError(ErrorCode::Forbidden,
                     token.isEmpty() ? QStringLiteral("Confirm with your password or two-factor code before this payment.")
                                     : QStringLiteral("The step-up token is unknown or expired; confirm again."),
                     details);
}

} // namespace stepup

} // namespace plaza::server
