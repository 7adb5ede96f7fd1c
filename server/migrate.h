// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace plaza::server {

class ServerDb;

//! `plaza-server migrate --from sqlite:DIR --to postgres:URL` (docs/deploy.md): copies every
//! table of a stopped SQLite deployment into an empty PostgreSQL database in one transaction
//! (the SQLite file is held with BEGIN IMMEDIATE meanwhile, so a server still running on it
//! cannot write), sets each identity sequence past the highest id SQLite ever gave, and
//! checks totals on both sides before the COMMIT. Media files stay where they are: the same
//! --data folder serves them, only their rows move.
namespace migrate {

//! What is compared on both sides; printed by the command.
struct Totals {
    QList<QPair<QString, qint64>> rows; //!< per table, in copy order
    qint64 walletBalances = 0;          //!< sum of every wallet's balance (minor units)
    qint64 accountBalances = 0;         //!< sum of every account's balance, system ones too
    qint64 entriesSum = 0;              //!< the ledger: every entry's amount, must be 0
    qint64 eventsMaxSeq = 0;            //!< the highest seq of the event log
    qint64 eventsCount = 0;
    [[nodiscard]] bool operator==(const Totals &) const = default;
};

struct Report {
    Totals source;
    Totals target;
    qint64 elapsedMs = 0;
};

//! Copies \a source (SQLite) into \a target (PostgreSQL, no data yet). Refuses a target
//! that holds data, a source whose tables the target lacks, and totals that differ (all
//! rolled back: the target stays empty).
[[nodiscard]] Result<Report> copy(ServerDb &source, ServerDb &target);

//! The totals side by side, one line each, for the terminal.
[[nodiscard]] QString format(const Report &report);

//! The subcommand: \a arguments after "migrate". Returns the process's exit code and
//! prints to stdout/stderr.
[[nodiscard]] int run(const QStringList &arguments);

} // namespace migrate
} // namespace plaza::server
