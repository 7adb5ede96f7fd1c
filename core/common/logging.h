// SPDX-License-Identifier: MIT
#pragma once

// Every logging category of Plaza, in one place. Never log a token, a key, a
// password, an amount or a message body: log ids and sizes instead.
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcNet)      // plaza.net
Q_DECLARE_LOGGING_CATEGORY(lcWs)       // plaza.ws
Q_DECLARE_LOGGING_CATEGORY(lcSync)     // plaza.sync
Q_DECLARE_LOGGING_CATEGORY(lcDb)       // plaza.db
Q_DECLARE_LOGGING_CATEGORY(lcSecurity) // plaza.security
Q_DECLARE_LOGGING_CATEGORY(lcWallet)   // plaza.wallet
Q_DECLARE_LOGGING_CATEGORY(lcSavings)  // plaza.savings
Q_DECLARE_LOGGING_CATEGORY(lcChat)     // plaza.chat
Q_DECLARE_LOGGING_CATEGORY(lcFeed)     // plaza.feed
Q_DECLARE_LOGGING_CATEGORY(lcApp)      // plaza.app
Q_DECLARE_LOGGING_CATEGORY(lcServer)   // plaza.server
