// SPDX-License-Identifier: MIT
#pragma once

// Every logging category of Plaza, in one place. Never log a token, a key, a
// password, an amount or a message body: log ids and sizes instead.
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcNet)      // plaza.net
Q_DECLARE_LOGGING_CATEGORY(lcWs)       // plaza.ws
Q_DECLARE_LOGGING_CATEGORY(lcSync)     // plaza.sync
Q_DECLARE_LOGGING_CATEGORY(lcOutbox)   // plaza.outbox
Q_DECLARE_LOGGING_CATEGORY(lcDb)       // plaza.db
Q_DECLARE_LOGGING_CATEGORY(lcSecurity) // plaza.security
Q_DECLARE_LOGGING_CATEGORY(lcWallet)   // plaza.wallet
Q_DECLARE_LOGGING_CATEGORY(lcSavings)  // plaza.savings
Q_DECLARE_LOGGING_CATEGORY(lcChat)     // plaza.chat
Q_DECLARE_LOGGING_CATEGORY(lcFeed)     // plaza.feed
Q_DECLARE_LOGGING_CATEGORY(lcApp)      // plaza.app
Q_DECLARE_LOGGING_CATEGORY(lcServer)   // plaza.server

#include <QStringList>

namespace plaza::logging {

//! Keeps the last \a capacity log messages in memory, for the feedback report: installs a Qt
//! message handler that records each message ("2026-11-23T09:14:03.120Z W plaza.net: …", UTC)
//! and passes it on to the handler that was there before (Qt's default prints to stderr).
//! Lines are stored as logged; FeedbackReport scrubs them when it writes them out. Nothing is
//! written to disk. A second call only changes the capacity. Thread-safe.
void installRingBuffer(qsizetype capacity = 500);
//! The last \a count recorded lines (all of them when negative), oldest first.
[[nodiscard]] QStringList recentLines(qsizetype count = -1);
//! Forgets every recorded line (tests).
void clearRecentLines();

} // namespace plaza::logging
