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
//! "plaza-cli: \a message" and a line break on standard error: the one line of a refusal.
void printError(const QString &message);
//! "photo.jpg: 3.0 of 12.0 MiB" (in the user's language and figures) on standard error, on one line that rewrites itself (a line
//! break once \a done reaches \a total; nothing when the total is unknown).
void printProgress(const QString &name, qint64 done, qint64 total);
//! The language plaza-cli speaks (LanguageLoader::installForTerminal's answer, "en" until
//! main() sets it) and the server its errors name: what describe() needs.
void setMessageLanguage(const QString &language);
void setMessageServer(const QString &serverUrl);
//! True while plaza-cli speaks English: the core's own English messages are shown as they are.
[[nodiscard]] bool messagesInEnglish();
//! The sentence for \a error: in English the core's own message (it names the field or the
//! limit), in any other language the core's table of error sentences (common/errortext.h,
//! the desktop's) for its code and its details' reason or field.
[[nodiscard]] QString errorSentence(const Error &error);
//! \a error with \a sentence (already in the user's language) as what errorSentence() says of it:
//! for the errors plaza-cli words itself.
[[nodiscard]] Error withSentence(Error error, const QString &sentence);
//! "code: sentence" ("code : phrase" in French), the one line a refused command prints on
//! standard error: the code stays as it is, for scripts.
[[nodiscard]] QString describe(const Error &error);
//! The Error of a failure known by its names only (a Session's errorCode(), errorMessage(),
//! errorField() and errorReason()).
[[nodiscard]] Error errorFrom(const QString &code, const QString &message, const QString &field = {},
                              const QString &reason = {});
//! describe() of an error known by its code name only (a Session's errorCode(), its
//! errorMessage(), errorField() and errorReason()); in English without a message, the code alone.
[[nodiscard]] QString describe(const QString &code, const QString &message, const QString &field = {},
                               const QString &reason = {});
//! What a command prints when the money moved but the server's answer is not what api-v1 says:
//! "<done> — the server's answer could not be read (protocol: <why>)".
[[nodiscard]] QString unreadableAnswer(const QString &done, const Error &error);
//! An api-v1 Money object ({"amount": minor units, "currency"}), never through double (answers are
//! read with the protocol codecs).
[[nodiscard]] QJsonObject moneyJson(const Money &money);

} // namespace plaza::cli
