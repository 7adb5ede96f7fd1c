// SPDX-License-Identifier: MIT
#include "demoseed.h"

#include "common/logging.h"
#include "demochat.h"
#include "credentials.h"
#include "demofeed.h"
#include "demomedia.h"
#include "demosavings.h"
#include "demowallet.h"
#include "serverdb.h"
#include "users.h"

#include <QHash>

namespace plaza::server {

namespace {

struct DemoPerson {
    const char16_t *handle;
    const char16_t *displayName;
    bool merchant;
};

constexpr DemoPerson kPeople[] = {
    {u"amelie", u"Amélie Laurent", false},
    {u"bruno", u"Bruno Carvalho", false},
    {u"chloe", u"Chloé Dubois", false},
    {u"david", u"David Okafor", false},
    {u"emma", u"Emma Schneider", false},
    {u"farid", u"Farid Haddad", false},
    {u"giulia", u"Giulia Rossi", false},
    {u"cafe_lumiere", u"Café Lumière", true},
    {u"lumen_bikes", u"Lumen Bikes", true}, // the demo advertiser (demofeed.cpp)
};

struct DemoFollow {
    const char16_t *from;
    const char16_t *to;
};

constexpr DemoFollow kFollows[] = {
    {u"amelie", u"bruno"}, {u"amelie", u"chloe"}, {u"amelie", u"cafe_lumiere"}, {u"amelie", u"emma"},
    {u"bruno", u"amelie"}, {u"bruno", u"david"},  {u"chloe", u"amelie"},        {u"chloe", u"cafe_lumiere"},
    {u"david", u"amelie"}, {u"david", u"farid"},  {u"emma", u"amelie"},         {u"emma", u"giulia"},
    {u"farid", u"david"},  {u"farid", u"cafe_lumiere"}, {u"giulia", u"emma"},   {u"giulia", u"chloe"},
};

} // namespace

Status seedDemo(ServerDb &db, MediaStore &store, qint64 nowMs)
{
    auto seeded = db.meta(QStringLiteral("demo_seeded"));
    if (!seeded)
        return seeded.error();
    auto users = db.integer(QStringLiteral("SELECT count(*) FROM users"));
    if (!users)
        return users.error();
    if (!seeded->isEmpty() || users->value_or(0) > 0) {
        qCInfo(lcServer) << "demo data: the database is not empty, nothing seeded";
        return {};
    }

    // Hashing is the slow part: do it before the write transaction.
    QHash<QString, QString> hashes;
    for (const DemoPerson &p : kPeople) {
        auto hash = credentials::hashPassword(QString::fromUtf16(kDemoPassword));
        if (!hash)
            return hash.error();
        hashes.insert(QString::fromUtf16(p.handle), *hash);
    }

    // Painting and encoding the photos is slow too.
    DemoPictures pictures;
    if (auto st = pictures.paint(store); !st)
        return st;

    return db.write([&]() -> Status {
        QHash<QString, qint64> idOf;
        qint64 t = nowMs - 3600 * 1000; // an hour ago, a second apart, so activity has an order
        for (const DemoPerson &p : kPeople) {
            const QString handle = QString::fromUtf16(p.handle);
            NewUser user{handle, QString::fromUtf16(p.displayName),
                         p.merchant ? QStringLiteral("merchant") : QStringLiteral("person"), p.merchant,
                         hashes.value(handle)};
            auto id = createUser(db, user, t += 1000);
            if (!id)
                return id.error();
            idOf.insert(handle, *id);
        }
        for (const DemoFollow &f : kFollows) {
            auto changed = follow(db, idOf.value(QString::fromUtf16(f.from)), idOf.value(QString::fromUtf16(f.to)), t += 1000);
            if (!changed)
                return changed.error();
        }
        // The hike photos are David's, the latte Café Lumière's, the dinner Bruno's.
        auto ownerOf = [&idOf](const QString &scene) {
            if (scene == u"latte")
                return idOf.value(QStringLiteral("cafe_lumiere"));
            if (scene == u"dinner")
                return idOf.value(QStringLiteral("bruno"));
            return idOf.value(QStringLiteral("david"));
        };
        if (auto st = pictures.record(db, ownerOf, nowMs - 3 * 3600 * 1000); !st)
            return st;
        if (auto st = seedDemoChat(db, idOf, pictures, nowMs); !st)
            return st;
        // Savings first: their deposits are the oldest movements (see seedDemoSavings).
        if (auto st = seedDemoSavings(db, idOf, nowMs); !st)
            return st;
        if (auto st = seedDemoWallet(db, idOf, nowMs); !st)
            return st;
        if (auto st = seedDemoFeed(db, idOf, pictures, nowMs); !st)
            return st;
        if (auto st = db.setMeta(QStringLiteral("demo_seeded"), QString::number(nowMs)); !st)
            return st;
        qCInfo(lcServer) << "demo data seeded:" << idOf.size() << "accounts";
        return {};
    });
}

} // namespace plaza::server
