// SPDX-License-Identifier: MIT
#include "teststorage.h"

#ifdef PLAZA_TEST_POSTGRES
#include <libpq-fe.h>
#endif

#include <QRandomGenerator>
#include <QUrl>

namespace plaza::test {

namespace {

QString adminUrl()
{
    return QString::fromLocal8Bit(qgetenv("PLAZA_PG_URL"));
}

//! Runs one statement on the cluster's maintenance database; an error message or empty.
QString adminExec(const QString &sql)
{
#ifndef PLAZA_TEST_POSTGRES
    Q_UNUSED(sql);
    return QStringLiteral("the tests were built without libpq");
#else
    const QByteArray url = adminUrl().toUtf8();
    PGconn *conn = PQconnectdb(url.constData());
    QString error;
    if (PQstatus(conn) != CONNECTION_OK) {
        error = QStringLiteral("cannot connect to PLAZA_PG_URL: ") + QString::fromUtf8(PQerrorMessage(conn)).trimmed();
    } else {
        PGresult *r = PQexec(conn, sql.toUtf8().constData());
        if (PQresultStatus(r) != PGRES_COMMAND_OK)
            error = QString::fromUtf8(PQresultErrorMessage(r)).trimmed();
        PQclear(r);
    }
    PQfinish(conn);
    return error;
#endif
}

} // namespace

bool TestStorage::wantPostgres()
{
    return qgetenv("PLAZA_TEST_STORAGE") == "postgres";
}

QString TestStorage::skipReason()
{
    if (!wantPostgres() || !adminUrl().isEmpty() || qgetenv("PLAZA_REQUIRE_PG") == "1")
        return {};
    return QStringLiteral("PostgreSQL run without PLAZA_PG_URL (scripts/pg-cluster start); skipped");
}

TestStorage::TestStorage()
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary folder");
        return;
    }
    if (!wantPostgres())
        return;
    if (adminUrl().isEmpty()) {
        m_error = QStringLiteral("PLAZA_TEST_STORAGE=postgres needs PLAZA_PG_URL (scripts/pg-cluster start)");
        return;
    }
    m_pgName = QStringLiteral("t_%1").arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0'));
    if (const QString error = adminExec(QStringLiteral("CREATE DATABASE %1").arg(m_pgName)); !error.isEmpty()) {
        m_error = QStringLiteral("cannot create the test database: ") + error;
        m_pgName.clear();
        return;
    }
    QUrl url(adminUrl());
    url.setPath(QLatin1Char('/') + m_pgName);
    m_pgUrl = url.toString();
}

TestStorage::~TestStorage()
{
    if (!m_pgName.isEmpty())
        (void)adminExec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_pgName));
}

QString TestStorage::spec() const
{
    if (postgres())
        return QStringLiteral("postgres:") + m_pgUrl;
    return QStringLiteral("sqlite:") + m_dir.path();
}

} // namespace plaza::test
