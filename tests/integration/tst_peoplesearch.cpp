// SPDX-License-Identifier: MIT
// "Search as you type" for the send sheet against the real server, and offline from
// the people the encrypted cache knows.
#include "common/cachekey.h"
#include "integrationutil.h"

#include "common/testserver.h"
#include "net/apiclient.h"
#include "social/peoplesearchmodel.h"

#include <QSignalSpy>
#include <algorithm>
#include <QTest>

using namespace plaza;
using namespace plaza::test;

namespace {
const QString kPassword = QStringLiteral("people search password");

QStringList handles(const PeopleSearchModel &model)
{
    QStringList out;
    for (int i = 0; i < model.rowCount(); ++i)
        out << model.data(model.index(i), PeopleSearchModel::HandleRole).toString();
    return out;
}
} // namespace

class PeopleSearchTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void searchesTheServer();
    void newestQueryWins();
    void offlineSearchesTheCache();
    void initials_data();
    void initials();

private:
    std::unique_ptr<TestServer> m_server;
    SessionFixture m_fixture;
    std::optional<RemoteUser> m_zoe;
    std::optional<RemoteUser> m_zora;
};

void PeopleSearchTest::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    m_zoe = registerUser(m_server->url(), QStringLiteral("zoe"), kPassword);
    m_zora = registerUser(m_server->url(), QStringLiteral("zora"), kPassword);
    QVERIFY(m_zoe && m_zora);
    QVERIFY(createAccount(*m_fixture.session, m_server->url(), uniqueHandle(QStringLiteral("zed")),
                          QStringLiteral("Zed Searcher"), kPassword, QStringLiteral("the cache passphrase")));
}

void PeopleSearchTest::searchesTheServer()
{
    PeopleSearchModel model;
    model.setCache(m_fixture.session->cache());
    model.setApi(m_fixture.session->api());
    QSignalSpy results(&model, &PeopleSearchModel::resultsChanged);
    model.setQuery(QStringLiteral("@zo"));
    QVERIFY(model.loading());
    QVERIFY(results.wait(5000));
    QVERIFY(!model.loading());
    QVERIFY(!model.offline());
    const QStringList found = handles(model);
    QVERIFY2(found.contains(m_zoe->handle) && found.contains(m_zora->handle), qPrintable(found.join(u',')));
    // The signed-in user is never offered (its handle starts with "zed", not "zo").
    model.setQuery(QStringLiteral("ze"));
    QVERIFY(results.wait(5000));
    QVERIFY(!handles(model).contains(m_fixture.session->handle()));
    // A role map for QML.
    model.setQuery(m_zoe->handle);
    QVERIFY(results.wait(5000));
    QCOMPARE(model.count(), 1);
    const QVariantMap row = model.get(0);
    QCOMPARE(row.value(QStringLiteral("handle")).toString(), m_zoe->handle);
    QCOMPARE(row.value(QStringLiteral("userId")).toString(), m_zoe->id);
    // Clearing the query clears the list at once, without asking the server.
    model.setQuery(QString());
    QCOMPARE(model.count(), 0);
    QVERIFY(!model.loading());
}

void PeopleSearchTest::newestQueryWins()
{
    PeopleSearchModel model;
    model.setCache(m_fixture.session->cache());
    model.setApi(m_fixture.session->api());
    QSignalSpy results(&model, &PeopleSearchModel::resultsChanged);
    QSignalSpy answered(m_fixture.session->api(), &net::ApiClient::requestFinished);
    model.setQuery(QStringLiteral("zo"));
    model.searchNow();                       // an answer for "zo" is on its way …
    model.setQuery(m_zora->handle);          // … but the user typed on
    QVERIFY(results.wait(5000));
    QTRY_VERIFY_WITH_TIMEOUT(!model.loading(), 5000);
    // Both answers are in (whichever came last), not "a while has passed": the late "zo"
    // one, when it is the later, must not have replaced the list.
    const auto searches = [&] {
        return std::count_if(answered.cbegin(), answered.cend(),
                             [](const QList<QVariant> &args) { return args.at(0).toString() == u"/v1/users"; });
    };
    QTRY_COMPARE_WITH_TIMEOUT(searches(), 2, 5000);
    QCoreApplication::processEvents(); // the coroutine that got the last answer has run
    QCOMPARE(handles(model), QStringList{m_zora->handle});
}

void PeopleSearchTest::offlineSearchesTheCache()
{
    // Following Zoe puts her in the cache through sync; then the server goes away.
    QVERIFY(follow(*m_zoe, m_fixture.session->userId()));
    QVERIFY(waitTask(m_fixture.session->api()->post(QStringLiteral("/v1/users/%1/follow").arg(m_zoe->id), {})));
    const auto cachedUsers = [this] {
        auto rows = countRows(m_fixture.session->cachePath(), testCacheKey(*m_fixture.session), QStringLiteral("users"));
        return rows ? *rows : qint64(0);
    };
    QTRY_VERIFY_WITH_TIMEOUT(cachedUsers() >= 2, 10000);
    QVERIFY(m_server->stop());

    PeopleSearchModel model;
    model.setCache(m_fixture.session->cache());
    model.setApi(m_fixture.session->api());
    QSignalSpy results(&model, &PeopleSearchModel::resultsChanged);
    model.setQuery(QStringLiteral("zo"));
    QVERIFY(results.wait(20000));
    QVERIFY(model.offline());
    QVERIFY(model.error().isEmpty());
    QVERIFY2(handles(model).contains(m_zoe->handle), qPrintable(handles(model).join(u',')));
    QVERIFY(!handles(model).contains(m_zora->handle)); // never met: not in the cache
    QVERIFY(m_server->start());
}

void PeopleSearchTest::initials_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("initials");
    QTest::newRow("two words") << QStringLiteral("amélie laurent") << QStringLiteral("AL");
    QTest::newRow("three words") << QStringLiteral("Café Lumière Paris") << QStringLiteral("CL");
    QTest::newRow("one word") << QStringLiteral("bruno") << QStringLiteral("B");
    QTest::newRow("spaces") << QStringLiteral("  ") << QStringLiteral("?");
}

void PeopleSearchTest::initials()
{
    QFETCH(QString, name);
    QFETCH(QString, initials);
    QCOMPARE(PeopleSearchModel::initialsOf(name), initials);
}

QTEST_GUILESS_MAIN(PeopleSearchTest)

#include "tst_peoplesearch.moc"
