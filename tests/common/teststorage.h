// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QTemporaryDir>

namespace plaza::test {

//! A fresh, empty storage for one plaza-server (or one in-process ServerDb): a temporary data
//! folder, and on PostgreSQL also a database of its own (CREATE DATABASE t_<random> on the
//! cluster of PLAZA_PG_URL), dropped when this goes.
//!
//! Which engine: PLAZA_TEST_STORAGE=postgres (the ctest entries suffixed _pg) or SQLite.
//! On PostgreSQL without PLAZA_PG_URL the tests skip (PLAZA_VERIFY_START), unless
//! PLAZA_REQUIRE_PG=1 (scripts/test, CI): then they fail.
class TestStorage
{
public:
    TestStorage();
    ~TestStorage();
    TestStorage(const TestStorage &) = delete;
    TestStorage &operator=(const TestStorage &) = delete;

    //! False with a reason in error() when the storage could not be made.
    [[nodiscard]] bool isValid() const { return m_error.isEmpty(); }
    [[nodiscard]] QString error() const { return m_error; }
    //! As plaza-server's --storage takes it: "sqlite:DIR" or "postgres:URL".
    [[nodiscard]] QString spec() const;
    [[nodiscard]] QString dataDir() const { return m_dir.path(); }
    [[nodiscard]] bool postgres() const { return !m_pgUrl.isEmpty(); }
    //! The database's URL on PostgreSQL, else empty.
    [[nodiscard]] QString pgUrl() const { return m_pgUrl; }

    //! True when the tests run on PostgreSQL (PLAZA_TEST_STORAGE=postgres).
    [[nodiscard]] static bool wantPostgres();
    //! Why the tests cannot run here and skip (PostgreSQL wanted, no PLAZA_PG_URL, and
    //! PLAZA_REQUIRE_PG unset); empty when they run (or must fail instead of skipping).
    [[nodiscard]] static QString skipReason();

private:
    QTemporaryDir m_dir;
    QString m_pgUrl;
    QString m_pgName;
    QString m_error;
};

} // namespace plaza::test

//! In a test function: skips when the storage the run asks for is not there (see
//! TestStorage), then starts \a server or fails with its error.
#define PLAZA_VERIFY_START(server)                                                                                     \
    do {                                                                                                               \
        if (const QString plazaSkip = plaza::test::TestStorage::skipReason(); !plazaSkip.isEmpty())                    \
            QSKIP(qPrintable(plazaSkip));                                                                              \
        QVERIFY2((server).start(), qPrintable((server).lastError()));                                                  \
    } while (false)

//! In a test function: skips like PLAZA_VERIFY_START, then checks that \a storage was made.
#define PLAZA_VERIFY_STORAGE(storage)                                                                                  \
    do {                                                                                                               \
        if (const QString plazaSkip = plaza::test::TestStorage::skipReason(); !plazaSkip.isEmpty())                    \
            QSKIP(qPrintable(plazaSkip));                                                                              \
        QVERIFY2((storage).isValid(), qPrintable((storage).error()));                                                  \
    } while (false)
