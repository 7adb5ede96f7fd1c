// SPDX-License-Identifier: MIT
#include "media/attachmentview.h"

#include "media/outgoingfiles.h"
#include "protocol/media.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>
#include <QVariantMap>

namespace plaza::media {

QVariantList attachmentsForQml(const QString &json)
{
    QVariantList out;
    if (json.isEmpty())
        return out;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8());
    if (!doc.isArray())
        return out;
    const QJsonArray list = doc.array();
    for (const QJsonValue &v : list) {
        auto a = protocol::Attachment::fromJson(v.toObject());
        if (!a)
            continue;
        const protocol::Media &m = a->media;
        out.append(QVariantMap{{QStringLiteral("id"), m.id},
                               {QStringLiteral("image"), m.isImage()},
                               {QStringLiteral("mime"), m.mime},
                               {QStringLiteral("name"), m.name},
                               {QStringLiteral("size"), m.size},
                               {QStringLiteral("sha256"), m.sha256},
                               {QStringLiteral("width"), m.width},
                               {QStringLiteral("height"), m.height},
                               {QStringLiteral("alt"), a->alt}});
    }
    return out;
}

QVariantList pendingFilesForQml(const QString &json)
{
    QVariantList out;
    auto files = filesFromJson(json);
    if (!files)
        return out;
    for (const OutgoingFile &f : std::as_const(*files)) {
        out.append(QVariantMap{{QStringLiteral("id"), f.mediaId},
                               {QStringLiteral("image"), f.mime.startsWith(u"image/")},
                               {QStringLiteral("mime"), f.mime},
                               {QStringLiteral("name"), f.name},
                               {QStringLiteral("size"), f.size},
                               {QStringLiteral("sha256"), f.sha256},
                               {QStringLiteral("width"), 0},
                               {QStringLiteral("height"), 0},
                               {QStringLiteral("alt"), f.alt},
                               {QStringLiteral("local"), QUrl::fromLocalFile(f.path)},
                               {QStringLiteral("state"), fileStateName(f.state)},
                               {QStringLiteral("offset"), f.offset}});
    }
    return out;
}

} // namespace plaza::media
