// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace plaza::test {

//! A throw-away self-signed certificate for 127.0.0.1 (made with the openssl tool).
struct SelfSignedCertificate {
    QString certPath;
    QString keyPath;
    QString error; //!< empty on success
};

//! Writes cert.pem and key.pem into \a dir.
[[nodiscard]] SelfSignedCertificate makeSelfSignedCertificate(const QString &dir);

} // namespace plaza::test
