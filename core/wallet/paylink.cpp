// SPDX-License-Identifier: MIT
#include "wallet/paylink.h"

#include "protocol/types.h"

namespace plaza::wallet {

namespace {

Error linkError(const QString &why)
{
    return makeError(ErrorCode::ValidationFailed, QStringLiteral("Not a Plaza payment link: %1").arg(why),
                     {{QStringLiteral("field"), QStringLiteral("link")}});
}

} // namespace

Result<QString> parsePayLink(const QString &link)
{
    // Parsed by hand rather than with QUrl: QUrl normalises (case, percent-encoding, dot
    // segments), and a payment link must mean exactly what it says or nothing.
    static const QString prefix = QStringLiteral("plaza://pay/");
    if (link.isEmpty())
        return linkError(QStringLiteral("empty"));
    if (!link.startsWith(QStringLiteral("plaza:")))
        return linkError(QStringLiteral("the scheme is not plaza"));
    if (!link.startsWith(prefix))
        return linkError(QStringLiteral("not a plaza://pay/ link"));
    const QString id = link.mid(prefix.size());
    if (id.isEmpty())
        return linkError(QStringLiteral("no request id"));
    if (id.contains(u'/'))
        return linkError(QStringLiteral("more than one path segment"));
    if (id.contains(u'?') || id.contains(u'#'))
        return linkError(QStringLiteral("query or fragment not allowed"));
    if (!protocol::isWellFormedId(id))
        return linkError(QStringLiteral("the request id is malformed"));
    return id;
}

QString payLink(const QString &requestId)
{
    return QStringLiteral("plaza://pay/") + requestId;
}

} // namespace plaza::wallet
