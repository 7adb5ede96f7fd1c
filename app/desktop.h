// SPDX-License-Identifier: MIT
#pragma once

#include "wallet/transactionsmodel.h"

#include <QCoroTask>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>
#include <QVariantMap>
#include <QtQml/qqml.h>

//! The `Desktop` singleton of QML: what the window hands to the rest of the desktop — the
//! clipboard and files the user saves (a CSV export, a QR code, a feedback report). Failures
//! are error codes for Errors.describe ("" on success), never text. The engine makes it.
class Desktop : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
public:
    explicit Desktop(QObject *parent = nullptr);

    Q_INVOKABLE void copyText(const QString &text) const;
    Q_INVOKABLE [[nodiscard]] QString clipboardText() const;
    //! Files on the clipboard for an attachment (Ctrl+V in a composer): local files copied in a
    //! file manager as they are, a copied picture written as a PNG to a private temporary file
    //! (0600, outside the app's folders). File URLs; empty when the clipboard holds neither.
    Q_INVOKABLE [[nodiscard]] QList<QUrl> clipboardFiles() const;
    //! What a composer shows of a file the user picked: {name, size, image (a picture Qt can
    //! read, by its bytes), ok (a readable file)}.
    Q_INVOKABLE [[nodiscard]] QVariantMap fileInfo(const QUrl &file) const;
    //! Writes every row matching \a model's filters as CSV to \a file, off the UI thread;
    //! csvExported() says how it went.
    Q_INVOKABLE void exportCsv(plaza::wallet::TransactionsModel *model, const QUrl &file);
    //! Saves the QR code of \a text as a PNG: "" or an error code ("qr_too_long", "file_write").
    Q_INVOKABLE [[nodiscard]] QString saveQrCode(const QString &text, const QUrl &file) const;
    //! "Send feedback": writes the scrubbed report (version, system, recent log lines) to
    //! \a file: "" or an error code ("file_write").
    Q_INVOKABLE [[nodiscard]] QString writeFeedback(const QUrl &file) const;
    //! A file name in the user's documents folder, as a URL, for save dialogs.
    Q_INVOKABLE [[nodiscard]] QUrl suggestedFile(const QString &name) const;

    //! The codes of the app's own (beyond plaza::errorCodeNames()) these methods can give.
    [[nodiscard]] static QStringList errorCodes();

Q_SIGNALS:
    //! exportCsv() finished: \a error is "" or an error code ("file_write" when the file could
    //! not be written, "storage" or "cache_locked" when the history could not be read).
    void csvExported(const QString &error);

private:
    QCoro::Task<void> exportCsvTask(QPointer<plaza::wallet::TransactionsModel> model, QString path);
};
