// SPDX-License-Identifier: MIT
#pragma once

// Helpers for the security tests: find a secret's bytes anywhere under a folder.

#include "common/waittask.h"

#include <QByteArray>
#include <QCoroTask>
#include <QDirIterator>
#include <QEventLoop>
#include <QFile>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace plaza::test {

//! Every spelling of \a key a careless store could write: raw, hex (both cases),
//! base64 and base64url (with and without padding).
inline QList<QByteArray> keySpellings(const QByteArray &key)
{
    return {
        key,
        key.toHex(),
        key.toHex().toUpper(),
        key.toBase64(),
        key.toBase64(QByteArray::Base64UrlEncoding),
        key.toBase64(QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals),
        key.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals),
    };
}

//! Every regular file under \a root, hidden ones included; symlinks are not followed
//! so a link out of the temporary HOME cannot drag the test into the real one.
inline QStringList allFiles(const QString &root)
{
    QStringList files;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System | QDir::NoSymLinks,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    return files;
}

//! The files under \a root that contain any of \a needles.
inline QStringList filesContaining(const QString &root, const QList<QByteArray> &needles)
{
    QStringList hits;
    for (const QString &path : allFiles(root)) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            hits << path + QStringLiteral(" (unreadable)"); // cannot prove it is clean
            continue;
        }
        const QByteArray bytes = file.readAll();
        for (const QByteArray &needle : needles) {
            if (bytes.contains(needle)) {
                hits << path;
                break;
            }
        }
    }
    return hits;
}

} // namespace plaza::test
