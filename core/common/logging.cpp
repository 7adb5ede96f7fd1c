// SPDX-License-Identifier: MIT
#include "logging.h"

Q_LOGGING_CATEGORY(lcNet, "plaza.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcWs, "plaza.ws", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSync, "plaza.sync", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDb, "plaza.db", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSecurity, "plaza.security", QtInfoMsg)
Q_LOGGING_CATEGORY(lcWallet, "plaza.wallet", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSavings, "plaza.savings", QtInfoMsg)
Q_LOGGING_CATEGORY(lcChat, "plaza.chat", QtInfoMsg)
Q_LOGGING_CATEGORY(lcFeed, "plaza.feed", QtInfoMsg)
Q_LOGGING_CATEGORY(lcApp, "plaza.app", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServer, "plaza.server", QtInfoMsg)
