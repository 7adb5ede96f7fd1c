// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QString>
#include <QStringList>

namespace plaza {

//! The plain-text report a user attaches to feedback ("Send feedback…" in the account menu):
//! app version, OS, Qt version, locale, and the last log lines from the in-memory ring
//! (plaza::logging::installRingBuffer), scrubbed of everything that is the user's business:
//!
//! - tokens: "Bearer …"/"Basic …", JWTs, access/refresh/id tokens, secrets, API keys
//! - passwords and passphrases (password=…, "passphrase": "…")
//! - keys: hex runs of 32+ characters, base64/base64url runs of 32+ that mix letters and digits
//! - payment identifiers: Idempotency-Key values, UUIDs, plaza://pay/<id> links
//! - e-mail addresses
//! - money: amounts with a sign or an ISO code before or after ("€12.50", "1 234,56 €",
//!   "12.50 EUR", "USD 3"), grouped or two-decimal numbers in English or French
//!   ("1,234.56", "1 234,56", "12,50"), and minor-unit integers under amount…=, balance…=,
//!   …_minor=, …_micro= keys
//! - what people wrote: values of text=, note=, body=, message=, content=, caption=,
//!   comment=, memo=, bio= (quoted, or up to the next key or the end of the message, line
//!   breaks included), and any quoted string of more
//!   than one word (how QDebug prints a QString)
//!
//! Everything else survives: categories, error codes, HTTP statuses, counts, cursors,
//! versions, durations ("12.50 ms"), hosts and ports.
class FeedbackReport
{
public:
    //! The last lines of the log ring that go into a report.
    static constexpr qsizetype kDefaultLogLines = 200;

    //! One log line with every rule above applied.
    [[nodiscard]] static QString scrub(const QString &line);

    //! The whole report: a header about this machine and build, then \a logLines scrubbed.
    [[nodiscard]] static QString build(const QStringList &logLines);

    //! build() over the last \a lastLines lines of the log ring.
    [[nodiscard]] static QString fromRecentLog(qsizetype lastLines = kDefaultLogLines);

    //! Writes fromRecentLog() to \a path (UTF-8, replacing the file atomically).
    //! Storage error with the reason on failure.
    [[nodiscard]] static Status writeTo(const QString &path, qsizetype lastLines = kDefaultLogLines);
};

} // namespace plaza
