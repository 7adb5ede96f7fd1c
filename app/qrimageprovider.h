// SPDX-License-Identifier: MIT
#pragma once

#include <QImage>
#include <QQuickImageProvider>
#include <QString>

//! `image://qr/<percent-encoded text>`: a QR code (libqrencode, error correction M) of the
//! text, black on white with the standard four-module quiet zone whatever the theme, so
//! phones can always read it. Modules are whole pixels scaled to the requested size.
class QrImageProvider : public QQuickImageProvider
{
public:
    QrImageProvider();
    QImage requestImage(const QString &id, QSize *size, const QSize &requestedSize) override;

    //! The QR code of \a text, about \a pixels wide (null image if it does not fit a QR code).
    [[nodiscard]] static QImage render(const QString &text, int pixels);
};
