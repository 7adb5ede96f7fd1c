// SPDX-License-Identifier: MIT
#include "desktop.h"

#include "qrimageprovider.h"

#include "common/logging.h"
#include "common/result.h"
#include "diagnostics/feedbackreport.h"
#include "wallet/transactionsmodel.h"

#include <QClipboard>
#include <QDir>
#include <QGuiApplication>
#include <QSaveFile>
#include <QStandardPaths>

namespace {
QString localPath(const QUrl &file)
{
    return file.isLocalFile() ? file.toLocalFile() : file.toString();
}

const QString kFileWrite = QStringLiteral("file_write");
const QString kQrTooLong = QStringLiteral("qr_too_long");
} // namespace

Desktop::Desktop(QObject *parent) : QObject(parent) { }

void Desktop::copyText(const QString &text) const
{
    if (auto *clipboard = QGuiApplication::clipboard())
        clipboard->setText(text);
}

QString Desktop::clipboardText() const
{
    auto *clipboard = QGuiApplication::clipboard();
    return clipboard ? clipboard->text().trimmed() : QString();
}

void Desktop::exportCsv(plaza::wallet::TransactionsModel *model, const QUrl &file)
{
    if (!model) {
        qCWarning(lcApp) << "CSV export without a history model";
        Q_EMIT csvExported(plaza::errorCodeName(plaza::ErrorCode::Unknown));
        return;
    }
    exportCsvTask(model, localPath(file));
}

QCoro::Task<void> Desktop::exportCsvTask(QPointer<plaza::wallet::TransactionsModel> model, QString path)
{
    QPointer<Desktop> self(this);
    auto written = co_await model->exportCsv(path);
    if (!self)
        co_return;
    if (!written) {
        const plaza::Error &error = written.error();
        qCWarning(lcApp) << "CSV export failed:" << error.message;
        // The file itself (walletcsv names its path) or the history read from the cache.
        const bool fileFailed = error.details.contains(QStringLiteral("path"));
        Q_EMIT csvExported(fileFailed ? kFileWrite : error.codeName());
        co_return;
    }
    qCInfo(lcApp) << "exported" << *written << "transactions to CSV";
    Q_EMIT csvExported(QString());
}

QString Desktop::saveQrCode(const QString &text, const QUrl &file) const
{
    const QImage image = QrImageProvider::render(text, 512);
    if (image.isNull())
        return kQrTooLong;
    QSaveFile out(localPath(file));
    if (!out.open(QIODevice::WriteOnly) || !image.save(&out, "PNG") || !out.commit()) {
        qCWarning(lcApp) << "could not save the QR code:" << out.errorString();
        return kFileWrite;
    }
    return {};
}

QString Desktop::writeFeedback(const QUrl &file) const
{
    const plaza::Status written = plaza::FeedbackReport::writeTo(localPath(file));
    if (!written) {
        qCWarning(lcApp) << "could not write the feedback report:" << written.error().message;
        return kFileWrite;
    }
    return {};
}

QStringList Desktop::errorCodes()
{
    return {kFileWrite, kQrTooLong};
}

QUrl Desktop::suggestedFile(const QString &name) const
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (dir.isEmpty())
        dir = QDir::homePath();
    return QUrl::fromLocalFile(QDir(dir).filePath(name));
}
