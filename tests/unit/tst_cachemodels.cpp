// SPDX-License-Identifier: MIT
// The wallet's models over a real SQLCipher cache with nothing but storage::Cache injected:
// no Session, no keychain, no server. The test writes the file itself (the sync's applier,
// as the writer thread would) and publishes each batch on the cache's change stream, then
// checks that the models read it, update by id (never a reset for a few rows), follow the
// cache's freshness, and let go when it closes.

#include "common/modeltester.h"

#include "protocol/types.h"
#include "storage/cache.h"
#include "storage/cacheschema.h"
#include "storage/database.h"
#include "sync/eventapplier.h"
#include "wallet/transactionsmodel.h"
#include "wallet/walletsummary.h"

#include <QJsonObject>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace plaza;

namespace {

const QString kSelf = QStringLiteral("u_me");

QJsonObject money(qint64 minor)
{
    return {{QStringLiteral("amount"), minor}, {QStringLiteral("currency"), QStringLiteral("EUR")}};
}

protocol::Event transaction(qint64 seq, const QString &id, const QString &createdAt, qint64 minor,
                            const QString &status = QStringLiteral("completed"))
{
    protocol::User ana;
    ana.id = QStringLiteral("u_ana");
    ana.handle = QStringLiteral("ana");
    ana.displayName = QStringLiteral("Ana");
    const QJsonObject friendUser = ana.toJson();
    const QJsonObject data{{QStringLiteral("id"), id},
                           {QStringLiteral("kind"), QStringLiteral("transfer")},
                           {QStringLiteral("direction"), QStringLiteral("in")},
                           {QStringLiteral("status"), status},
                           {QStringLiteral("amount"), money(minor)},
                           {QStringLiteral("counterparty"), friendUser},
                           {QStringLiteral("note"), QStringLiteral("lunch")},
                           {QStringLiteral("created_at"), createdAt}};
    return {seq, QStringLiteral("transaction.created"), data};
}

protocol::Event walletUpdated(qint64 seq, qint64 balance)
{
    const QJsonObject limits{{QStringLiteral("per_payment"), money(100000)},
                             {QStringLiteral("daily"), money(200000)},
                             {QStringLiteral("remaining_today"), money(200000)}};
    const QJsonObject data{{QStringLiteral("balance"), money(balance)},
                           {QStringLiteral("available"), money(balance)},
                           {QStringLiteral("verification"), QStringLiteral("full")},
                           {QStringLiteral("limits"), limits},
                           {QStringLiteral("as_of"), QStringLiteral("2026-03-02T10:00:00Z")}};
    return {seq, QStringLiteral("wallet.updated"), data};
}

} // namespace

class TestCacheModels : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    QByteArray m_key;
    std::unique_ptr<storage::Database> m_writer;
    std::unique_ptr<sync::EventApplier> m_applier;

    //! Writes \a events as the writer thread would and returns what the batch changed.
    storage::ChangeSet apply(const QList<protocol::Event> &events)
    {
        auto changes = m_applier->applyBatch(events, events.constLast().seq);
        if (!changes)
            qFatal("apply: %s", qPrintable(changes.error().message));
        if (changes->skipped != 0)
            qFatal("apply: %d events skipped as malformed", changes->skipped);
        return *changes;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("cache-%1.db").arg(QRandomGenerator::global()->generate()));
        m_key.resize(32);
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(m_key.data()), 8);
        auto opened = storage::openCache(m_path, m_key);
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
        m_writer = std::move(opened).value();
        m_applier = std::make_unique<sync::EventApplier>(*m_writer, kSelf);
        QVERIFY(m_applier->load());
    }

    void cleanup()
    {
        m_applier.reset();
        m_writer.reset();
    }

    void readsAndUpdatesByIdWithNoSession()
    {
        apply({transaction(1, QStringLiteral("t_1"), QStringLiteral("2026-03-01T09:00:00Z"), 1000),
               transaction(2, QStringLiteral("t_2"), QStringLiteral("2026-03-01T10:00:00Z"), 2000),
               transaction(3, QStringLiteral("t_3"), QStringLiteral("2026-03-01T11:00:00Z"), 3000, QStringLiteral("pending"))});

        storage::Cache cache;
        cache.attach(m_path, m_key, kSelf);
        cache.setOpen(true);
        wallet::TransactionsModel model;
        test::checkModel(&model);
        model.setCache(&cache);
        QCOMPARE(model.rowCount(), 3);
        const int amountRole = model.roleNames().key("amountMinor", -1);
        const int idRole = model.roleNames().key("id", -1);
        const int statusRole = model.roleNames().key("status", -1);
        QVERIFY(amountRole >= 0 && idRole >= 0 && statusRole >= 0);
        QCOMPARE(model.data(model.index(0), idRole).toString(), QStringLiteral("t_3")); // newest first
        QCOMPARE(model.data(model.index(2), amountRole).toLongLong(), 1000);

        // A batch with one new transaction and one changed: an insert at the top and a
        // dataChanged for the changed row; no reset.
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        cache.publish(apply({transaction(4, QStringLiteral("t_4"), QStringLiteral("2026-03-01T12:00:00Z"), 4000),
                             transaction(5, QStringLiteral("t_3"), QStringLiteral("2026-03-01T11:00:00Z"), 3000)}));
        QCOMPARE(resets.count(), 0);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), 0);
        QCOMPARE(model.data(model.index(0), idRole).toString(), QStringLiteral("t_4"));
        QCOMPARE(model.data(model.index(1), idRole).toString(), QStringLiteral("t_3"));
        QCOMPARE(model.data(model.index(1), statusRole).toString(), QStringLiteral("completed"));
        QVERIFY(changed.count() >= 1);

        // A batch the model has no business with changes nothing.
        resets.clear();
        inserted.clear();
        changed.clear();
        cache.publish(apply({walletUpdated(6, 10000)}));
        QCOMPARE(resets.count(), 0);
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(changed.count(), 0);
    }

    void followsFreshnessAndLetsGoWhenClosed()
    {
        apply({walletUpdated(1, 12345), transaction(2, QStringLiteral("t_1"), QStringLiteral("2026-03-01T09:00:00Z"), 1000)});
        storage::Cache cache;
        wallet::WalletSummary summary;
        wallet::TransactionsModel model;
        test::checkModel(&model);
        summary.setCache(&cache);
        model.setCache(&cache);
        QVERIFY(!summary.loaded()); // nothing attached yet: nothing to show, no error
        QCOMPARE(model.rowCount(), 0);

        QSignalSpy opened(&cache, &storage::Cache::openChanged);
        cache.attach(m_path, m_key, kSelf);
        QCOMPARE(opened.count(), 0); // attached (connections can be opened), not yet open to models
        QCOMPARE(model.rowCount(), 0);
        cache.setOpen(true);
        QCOMPARE(opened.count(), 1);
        QVERIFY(summary.loaded());
        QCOMPARE(summary.balanceMinor(), 12345);
        QCOMPARE(model.rowCount(), 1);

        // Offline until the socket is up and a sync caught up.
        QVERIFY(model.stale());
        QVERIFY(summary.stale());
        QSignalSpy modelStale(&model, &wallet::TransactionsModel::staleChanged);
        QSignalSpy summaryStale(&summary, &wallet::WalletSummary::staleChanged);
        cache.setLive(true);
        cache.setSyncedAt(QDateTime::currentDateTimeUtc());
        QVERIFY(modelStale.count() >= 1);
        QVERIFY(summaryStale.count() >= 1);
        QVERIFY(!model.stale());
        QVERIFY(!summary.stale());

        // Closed: the key is gone, the models empty, and no connection can be opened.
        cache.detach();
        QVERIFY(!cache.isOpen());
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!summary.loaded());
        auto again = cache.openConnection();
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::CacheLocked);
    }

    void aWrongKeyIsAnErrorNotAnEmptyList()
    {
        apply({transaction(1, QStringLiteral("t_1"), QStringLiteral("2026-03-01T09:00:00Z"), 1000)});
        QByteArray wrong = m_key;
        wrong[0] = char(wrong[0] ^ 0x5a);
        storage::Cache cache;
        cache.attach(m_path, wrong, kSelf);
        cache.setOpen(true);
        wallet::TransactionsModel model;
        test::checkModel(&model);
        model.setCache(&cache);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.error().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCacheModels)
#include "tst_cachemodels.moc"
