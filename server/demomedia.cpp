// SPDX-License-Identifier: MIT
#include "demomedia.h"

#include "media.h"
#include "mediaprocess.h"
#include "mediastore.h"
#include "serverdb.h"

#include <QCryptographicHash>
#include <QFile>
#include <QImage>
#include <QImageWriter>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <QRadialGradient>

namespace plaza::server {

namespace {

constexpr int kWidth = 1280;
constexpr int kHeight = 960;

QPolygonF ridge(int baseY, int amplitude, int seed)
{
    QPolygonF points;
    points << QPointF(0, kHeight);
    quint32 state = quint32(seed) * 2654435761u;
    for (int x = 0; x <= kWidth; x += 40) {
        state = state * 1664525u + 1013904223u;
        const double bump = double(state >> 24) / 255.0;
        points << QPointF(x, baseY - amplitude * (0.4 + 0.6 * bump) * (1.0 + 0.5 * std::sin(x / 170.0 + seed)));
    }
    points << QPointF(kWidth, kHeight);
    return points;
}

void sky(QPainter &p, QColor top, QColor bottom)
{
    QLinearGradient g(0, 0, 0, kHeight);
    g.setColorAt(0, top);
    g.setColorAt(1, bottom);
    p.fillRect(QRect(0, 0, kWidth, kHeight), g);
}

void mountains(QPainter &p, const QList<QColor> &layers, int seed)
{
    for (int i = 0; i < layers.size(); ++i) {
        p.setBrush(layers.at(i));
        p.drawPolygon(ridge(kHeight / 2 + i * 110, 220 - i * 40, seed + i));
    }
}

QImage paintScene(const QString &scene)
{
    QImage image(kWidth, kHeight, QImage::Format_RGB32);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    if (scene == u"ridge") {
        sky(p, QColor(0x3b, 0x5b, 0x9a), QColor(0xf4, 0xa2, 0x61));
        mountains(p, {QColor(0x8d, 0x6a, 0x9f), QColor(0x5e, 0x4b, 0x7a), QColor(0x3a, 0x2e, 0x52), QColor(0x1f, 0x1a, 0x33)}, 3);
    } else if (scene == u"lake") {
        sky(p, QColor(0x6f, 0xa8, 0xdc), QColor(0xd9, 0xec, 0xf7));
        mountains(p, {QColor(0x7a, 0x9e, 0x87), QColor(0x4f, 0x72, 0x5c)}, 11);
        // The lake: the upper half mirrored, darker.
        const QImage upper = image.copy(0, 0, kWidth, kHeight * 2 / 3).mirrored(false, true);
        p.setOpacity(0.55);
        p.drawImage(QPointF(0, kHeight * 2 / 3), upper);
        p.setOpacity(1);
        p.fillRect(QRect(0, kHeight * 2 / 3, kWidth, kHeight / 3), QColor(0x1d, 0x3c, 0x5a, 110));
    } else if (scene == u"summit") {
        sky(p, QColor(0x2b, 0x1e, 0x4a), QColor(0xef, 0x8a, 0x5a));
        QRadialGradient sun(QPointF(kWidth * 0.62, kHeight * 0.42), 120);
        sun.setColorAt(0, QColor(0xff, 0xf1, 0xc9));
        sun.setColorAt(1, QColor(0xff, 0xc8, 0x7a, 0));
        p.setBrush(sun);
        p.drawEllipse(QPointF(kWidth * 0.62, kHeight * 0.42), 120, 120);
        p.setBrush(QColor(0x24, 0x1b, 0x35));
        p.drawPolygon(QPolygonF({QPointF(kWidth * 0.15, kHeight), QPointF(kWidth * 0.55, kHeight * 0.35),
                                 QPointF(kWidth * 0.95, kHeight)}));
    } else if (scene == u"latte") {
        QLinearGradient wood(0, 0, kWidth, kHeight);
        wood.setColorAt(0, QColor(0x8b, 0x5a, 0x2b));
        wood.setColorAt(1, QColor(0x5c, 0x3a, 0x1b));
        p.fillRect(QRect(0, 0, kWidth, kHeight), wood);
        const QPointF c(kWidth / 2.0, kHeight / 2.0);
        p.setBrush(QColor(0xf5, 0xf0, 0xe6));
        p.drawEllipse(c, 330, 330); // saucer
        p.setBrush(QColor(0xff, 0xff, 0xff));
        p.drawEllipse(c, 250, 250); // cup
        p.setBrush(QColor(0xb0, 0x74, 0x45));
        p.drawEllipse(c, 215, 215); // coffee
        QPainterPath heart;
        heart.moveTo(c + QPointF(0, 90));
        heart.cubicTo(c + QPointF(-170, -20), c + QPointF(-80, -150), c + QPointF(0, -60));
        heart.cubicTo(c + QPointF(80, -150), c + QPointF(170, -20), c + QPointF(0, 90));
        p.setBrush(QColor(0xf3, 0xe3, 0xcc));
        p.drawPath(heart);
    } else { // dinner
        for (int y = 0; y < kHeight; y += 80) {
            for (int x = 0; x < kWidth; x += 80)
                p.fillRect(QRect(x, y, 80, 80), ((x + y) / 80) % 2 ? QColor(0xc0, 0x39, 0x2b) : QColor(0xfa, 0xf3, 0xe8));
        }
        const QPointF c(kWidth / 2.0, kHeight / 2.0);
        p.setBrush(QColor(0xff, 0xff, 0xff));
        p.drawEllipse(c, 360, 360);
        p.setBrush(QColor(0xf2, 0xc1, 0x4e));
        p.drawEllipse(c, 230, 200);
        p.setBrush(QColor(0xc0, 0x39, 0x2b));
        for (const QPointF &d : {QPointF(-80, -40), QPointF(60, -70), QPointF(20, 60), QPointF(-40, 90), QPointF(110, 30)})
            p.drawEllipse(c + d, 34, 34);
    }
    p.end();
    return image;
}

const struct {
    const char16_t *scene;
    const char16_t *alt;
} kScenes[] = {
    {u"ridge", u"Mountain ridges at dawn, one behind the other, fading into an orange sky"},
    {u"lake", u"A still lake below green peaks, the sky reflected in the water"},
    {u"summit", u"The summit at sunset, a pale sun beside the dark peak"},
    {u"latte", u"A latte with a heart drawn in the foam, on a wooden table"},
    {u"dinner", u"A plate of pasta with tomatoes on a red and white checked tablecloth"},
};

} // namespace

struct DemoPictures::Painted {
    DemoPicture picture;
    media::Processed processed;
};

Status DemoPictures::paint(MediaStore &store)
{
    int n = 0;
    for (const auto &s : kScenes) {
        const QString scene = QString::fromUtf16(s.scene);
        const QString part = store.workPath(-(++n), u"demo");
        {
            QFile file(part);
            if (!file.open(QIODevice::WriteOnly))
                return makeError(ErrorCode::Storage, QStringLiteral("cannot write %1").arg(part));
            QImageWriter writer(&file, "jpeg");
            writer.setQuality(90);
            if (!writer.write(paintScene(scene)))
                return makeError(ErrorCode::Storage, QStringLiteral("cannot encode the demo picture %1").arg(scene));
        }
        auto sha = media::sha256OfFile(part);
        if (!sha)
            return sha.error();
        auto processed = media::process(part, QFile(part).size(), *sha, scene + QStringLiteral(".jpg"),
                                        store.workPath(-n, u"file"), store.workPath(-n, u"thumb"));
        QFile::remove(part);
        if (!processed)
            return processed.error();
        if (auto st = store.blobs().adopt(processed->filePath, processed->sha256); !st)
            return st;
        if (auto st = store.blobs().adopt(processed->thumbPath, processed->thumbSha256); !st)
            return st;
        auto painted = std::make_shared<Painted>();
        painted->picture = {scene, QString::fromUtf16(s.alt), 0};
        painted->processed = *processed;
        m_painted.append(painted);
    }
    return {};
}

Status DemoPictures::record(ServerDb &db, const std::function<qint64(const QString &)> &ownerOf, qint64 nowMs)
{
    for (const auto &painted : std::as_const(m_painted)) {
        const media::Processed &p = painted->processed;
        auto id = media::insertMedia(db, ownerOf(painted->picture.scene), 0,
                                     {p.kind, p.mime, p.name, p.size, p.sha256, p.width, p.height, p.thumbSha256, p.thumbMime},
                                     nowMs);
        if (!id)
            return id.error();
        painted->picture.mediaId = *id;
    }
    return {};
}

qint64 DemoPictures::mediaId(const QString &scene) const
{
    for (const auto &painted : m_painted) {
        if (painted->picture.scene == scene)
            return painted->picture.mediaId;
    }
    return 0;
}

QString DemoPictures::alt(const QString &scene) const
{
    for (const auto &painted : m_painted) {
        if (painted->picture.scene == scene)
            return painted->picture.alt;
    }
    return {};
}

} // namespace plaza::server
