// SPDX-License-Identifier: MIT
#include "desktop.h"

#include "qrimageprovider.h"

#include "common/logging.h"
#include "common/result.h"
#include "diagnostics/feedbackreport.h"
#include "wallet/transactionsmodel.h"

#include <QClipboard>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QImageReader>
#include <QMimeData>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTemporaryFile>

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

QList<QUrl> Desktop::clipboardFiles() const
{
    QList<QUrl> files;
    auto *clipboard = QGuiApplication::clipboard();
    const QMimeData *data = clipboard ? clipboard->mimeData() : nullptr;
    if (!data)
        return files;
    if (data->hasUrls()) {
        const QList<QUrl> urls = data->urls();
        for (const QUrl &url : urls) {
            if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile())
                files.append(url);
        }
        if (!files.isEmpty())
            return files;
    }
    if (data->hasImage()) {
        const QImage image = qvariant_cast<QImage>(data->imageData());
        QTemporaryFile file(QDir::temp().filePath(QStringLiteral("plaza-pasted-XXXXXX.png")));
        file.setAutoRemove(false);
        if (!image.isNull() && file.open() && image.save(&file, "PNG")) {
            file.close();
            files.append(QUrl::fromLocalFile(file.fileName()));
        } else {
            file.remove();
        }
    }
    return files;
}

QVariantMap Desktop::fileInfo(const QUrl &file) const
{
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    const QFileInfo info(path);
    const bool ok = info.isFile() && info.isReadable();
    // By the bytes, not the name: a "photo.jpg" that is not a picture is sent as a file
    // (and the server decides again from the bytes).
    const bool image = ok && !QImageReader::imageFormat(path).isEmpty();
    return {{QStringLiteral("name"), info.fileName()},
            {QStringLiteral("size"), ok ? info.size() : qint64(0)},
            {QStringLiteral("image"), image},
            {QStringLiteral("ok"), ok}};
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
