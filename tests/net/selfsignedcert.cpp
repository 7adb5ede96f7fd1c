// SPDX-License-Identifier: MIT
#include "selfsignedcert.h"

#include <QDir>
#include <QProcess>

namespace plaza::test {

SelfSignedCertificate makeSelfSignedCertificate(const QString &dir)
{
    SelfSignedCertificate out;
    out.certPath = QDir(dir).filePath(QStringLiteral("cert.pem"));
    out.keyPath = QDir(dir).filePath(QStringLiteral("key.pem"));
    QProcess openssl;
    openssl.setProcessChannelMode(QProcess::MergedChannels);
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                   QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                   QStringLiteral("-keyout"), out.keyPath, QStringLiteral("-out"), out.certPath,
                   QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
                   QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1")});
    if (!openssl.waitForFinished(30000) || openssl.exitStatus() != QProcess::NormalExit || openssl.exitCode() != 0)
        out.error = QStringLiteral("openssl failed: ") + QString::fromLocal8Bit(openssl.readAll());
    return out;
}

} // namespace plaza::test
