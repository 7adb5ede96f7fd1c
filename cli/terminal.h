// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "money/money.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace plaza::cli {

//! One line from standard input, without its line break; a null QString at end of input.
[[nodiscard]] QString readStdinLine();
//! Asks on the terminal with echo off (POSIX termios); falls back to a plain line read
//! when standard input is not a terminal.
[[nodiscard]] QString promptSecret(const QString &prompt);
//! True if standard input is a terminal.
[[nodiscard]] bool stdinIsTerminal();

//! Writes \a line and a line break to standard output, flushed (the commands' answers).
void printLine(const QString &line);
//! "photo.jpg: 3.0 of 12.0 MiB" on standard error, on one line that rewrites itself (a line
//! break once \a done reaches \a total; nothing when the total is unknown).
void printProgress(const QString &name, qint64 done, qint64 total);
//! "code: message", the one line a refused command prints on standard error.
[[nodiscard]] QString describe(const Error &error);
//! What a command prints when the money moved but the server's answer is not what api-v1 says:
//! "<done> — the server's answer could not be read (protocol: <why>)".
[[nodiscard]] QString unreadableAnswer(const QString &done, const Error &error);
//! An api-v1 Money object ({"amount": minor units, "currency"}), never through double (answers are
//! read with the protocol codecs).
[[nodiscard]] QJsonObject moneyJson(const Money &money);

} // namespace plaza::cli
