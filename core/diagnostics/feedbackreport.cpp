// SPDX-License-Identifier: MIT
#include "feedbackreport.h"
#include "plazaversion.h"

#include "common/clock.h"
#include "common/logging.h"

#include <QDateTime>
#include <QLocale>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSysInfo>

#include <functional>

namespace plaza {

namespace {

using Replacer = std::function<QString(const QRegularExpressionMatch &)>;

QString replaceEach(const QString &text, const QRegularExpression &re, const Replacer &replacer)
{
    QString out;
    qsizetype last = 0;
    auto it = re.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += QStringView(text).mid(last, m.capturedStart() - last);
        out += replacer(m);
        last = m.capturedEnd();
    }
    out += QStringView(text).mid(last);
    return out;
}

QRegularExpression rx(const QString &pattern, bool caseInsensitive = false)
{
    QRegularExpression re(pattern, caseInsensitive ? QRegularExpression::CaseInsensitiveOption
                                                   : QRegularExpression::NoPatternOption);
    Q_ASSERT_X(re.isValid(), "FeedbackReport", qPrintable(re.errorString()));
    return re;
}

// A key, then what separates it from its value in logs, query strings and JSON:
// "key=", "key: ", "\"key\": \"".
const QString kSep = QStringLiteral(R"((["']?\s*[:=]\s*))");
// A value: quoted (with escapes), or a run up to a separator.
const QString kValue = QStringLiteral(R"(("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s,;&}"']+))");
// A number as people write money: French groups of three ("1 234,56", also with the
// no-break spaces QLocale uses) or digits with dots and commas ("1,234.56", "12,50").
const QString kNumber = QStringLiteral(R"((?:\d{1,3}(?:[ \x{00A0}\x{202F}]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)*))");
const QString kCodes = QStringLiteral("EUR|USD|GBP|CHF|CAD|AUD|SEK|NOK|DKK|PLN|CZK|JPY|KRW|XOF|KWD|BHD|TND|MAD");
const QString kSigns = QStringLiteral("[€$£¥₩]");

struct Rules
{
    // What people wrote: a quoted value, or everything up to the next "key=" or the end of the
    // message, across line breaks (a note can have several lines).
    QRegularExpression textKeys = rx(
        QStringLiteral(R"(\b(text|note|body|message|content|caption|comment|memo|bio)\b)") + kSep
            + QStringLiteral(R"(("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[\s\S]*?(?=\s+[\w.-]+\s*[:=]|$)))"),
        true);
    QRegularExpression secretKeys = rx(
        QStringLiteral(R"(\b(access_token|refresh_token|id_token|token|password|passwd|passphrase|pin|secret)"
                       R"(|client_secret|api[_-]?key|private[_-]?key|db[_-]?key|idempotency[_-]key|key)\b)")
            + kSep + kValue,
        true);
    QRegularExpression authSchemes = rx(QStringLiteral(R"(\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+)"), true);
    QRegularExpression jwt = rx(QStringLiteral(R"(\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)"));
    QRegularExpression email = rx(QStringLiteral(R"(\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b)"));
    QRegularExpression payLink = rx(QStringLiteral(R"(\bplaza://pay/[A-Za-z0-9_-]+)"), true);
    QRegularExpression uuid = rx(QStringLiteral(
        R"(\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b)"));
    QRegularExpression hexRun = rx(QStringLiteral(R"(\b[0-9a-fA-F]{32,}\b)"));
    QRegularExpression base64Run = rx(QStringLiteral(R"((?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{32,}={0,2})"));
    // Minor units and amounts under a money key: amount=1250, "amount_minor": 1250, balance=12.50.
    QRegularExpression moneyKeys = rx(
        QStringLiteral(R"(\b((?:amount|balance|total|fee|price)\w*|\w+_(?:minor|micro|cents))\b)") + kSep
            + QStringLiteral(R"(["']?-?)") + kNumber + QStringLiteral(R"(["']?)"),
        true);
    // A sign or a code, before or after: €12.50, $ 3, 1 234,56 €, 12.50 EUR, USD 3.
    QRegularExpression currencyAmounts = rx(
        QStringLiteral("(?:") + kSigns + QStringLiteral(R"(|\b(?:)") + kCodes + QStringLiteral(R"()\b)[\s\x{00A0}\x{202F}]?-?)")
            + kNumber + QStringLiteral("|-?") + kNumber + QStringLiteral(R"([\s\x{00A0}\x{202F}]?(?:)") + kSigns
            + QStringLiteral(R"(|\b(?:)") + kCodes + QStringLiteral(R"()\b))"));
    // Numbers written as money without a currency: grouped in English ("1,234", "1,234.56")
    // or French ("1 234,56", no-break-space groups), or with two decimals ("12.50", "12,50")
    // unless a unit follows ("12.50 ms"). Versions and addresses (6.4.2, 127.0.0.1) are left.
    QRegularExpression bareAmounts = rx(QStringLiteral(
        R"((?<![\d.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \x{00A0}\x{202F}]\d{3})+,\d{1,2})"
        R"(|\d{1,3}(?:[\x{00A0}\x{202F}]\d{3})+|\d+[.,]\d{2}(?!\s?(?:%|(?:ms|s|us|µs|ns|[KMG]i?B|B|px|Hz|fps)\b))))"
        R"((?![\d]|[.,]\d))"));
    // How QDebug prints a QString, and typographic quotes: more than one word is someone's text.
    QRegularExpression quoted = rx(QStringLiteral(R"("(?:[^"\\]|\\.)*"|“[^”]*”|«[^»]*»)"));
};

const Rules &rules()
{
    static const Rules instance;
    return instance;
}

bool looksLikeKey(QStringView run)
{
    // Paths ("/usr/lib/x86_64-linux-gnu/…") are not keys; random base64 mixes at least two of
    // upper case, lower case and digits.
    if (run.startsWith(u'/') || run.contains(u"//"))
        return false;
    bool upper = false, lower = false, digit = false;
    for (const QChar c : run) {
        upper |= c.isUpper();
        lower |= c.isLower();
        digit |= c.isDigit();
    }
    return int(upper) + int(lower) + int(digit) >= 2;
}

} // namespace

QString FeedbackReport::scrub(const QString &line)
{
    const Rules &r = rules();
    QString s = line;
    s = replaceEach(s, r.textKeys, [](const QRegularExpressionMatch &m) -> QString {
        return m.captured(1) + m.captured(2) + QStringLiteral("[text]");
    });
    s = replaceEach(s, r.secretKeys, [](const QRegularExpressionMatch &m) -> QString {
        return m.captured(1) + m.captured(2) + QStringLiteral("[redacted]");
    });
    s = replaceEach(s, r.authSchemes, [](const QRegularExpressionMatch &m) -> QString {
        return m.captured(1) + QStringLiteral(" [redacted]");
    });
    s.replace(r.jwt, QStringLiteral("[token]"));
    s.replace(r.email, QStringLiteral("[email]"));
    s.replace(r.payLink, QStringLiteral("plaza://pay/[id]"));
    s.replace(r.uuid, QStringLiteral("[id]"));
    s.replace(r.hexRun, QStringLiteral("[key]"));
    s = replaceEach(s, r.base64Run, [](const QRegularExpressionMatch &m) -> QString {
        return looksLikeKey(m.capturedView()) ? QStringLiteral("[key]") : m.captured();
    });
    s = replaceEach(s, r.moneyKeys, [](const QRegularExpressionMatch &m) -> QString {
        return m.captured(1) + m.captured(2) + QStringLiteral("[amount]");
    });
    s.replace(r.currencyAmounts, QStringLiteral("[amount]"));
    s.replace(r.bareAmounts, QStringLiteral("[amount]"));
    s = replaceEach(s, r.quoted, [](const QRegularExpressionMatch &m) -> QString {
        const QStringView inner = m.capturedView().mid(1, m.capturedLength() - 2);
        if (!inner.trimmed().contains(u' ') && !inner.contains(u'\n') && !inner.contains(u'\t'))
            return m.captured();
        return m.captured().left(1) + QStringLiteral("[text]") + m.captured().right(1);
    });
    return s;
}

QString FeedbackReport::build(const QStringList &logLines)
{
    QString report;
    report += QStringLiteral("Plaza feedback report\n");
    report += QStringLiteral("Generated: ") + Clock::instance()->nowUtc().toString(Qt::ISODate) + u'\n';
    report += QStringLiteral("App version: ") + QStringLiteral(PLAZA_VERSION) + u'\n';
    report += QStringLiteral("OS: ") + QSysInfo::prettyProductName() + QStringLiteral(" (") + QSysInfo::kernelType()
        + u' ' + QSysInfo::kernelVersion() + QStringLiteral(", ") + QSysInfo::currentCpuArchitecture() + QStringLiteral(")\n");
    report += QStringLiteral("Qt: ") + QString::fromLatin1(qVersion()) + QStringLiteral(" (built with ")
        + QStringLiteral(QT_VERSION_STR) + QStringLiteral(")\n");
    report += QStringLiteral("Locale: ") + QLocale().name() + u'\n';
    report += QStringLiteral("\nLast %1 log lines (tokens, keys, ids, amounts and texts removed):\n").arg(logLines.size());
    for (const QString &line : logLines)
        report += scrub(line) + u'\n';
    return report;
}

QString FeedbackReport::fromRecentLog(qsizetype lastLines)
{
    return build(logging::recentLines(lastLines));
}

Status FeedbackReport::writeTo(const QString &path, qsizetype lastLines)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return makeError(ErrorCode::Storage, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    file.write(fromRecentLog(lastLines).toUtf8());
    if (!file.commit())
        return makeError(ErrorCode::Storage, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    qCInfo(lcApp) << "feedback report written";
    return {};
}

} // namespace plaza
