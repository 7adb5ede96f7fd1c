// SPDX-License-Identifier: MIT
#pragma once

// The large account issue 15 measures, made through a real plaza-server's API (shared by
// bench_first_sync and bench_startup): "big" and "friendly", one conversation between them
// with \a messages messages from both sides, \a transfers one-cent transfers from friendly
// to big, and \a posts feed posts from both.

#include "httpload.h"

namespace plaza::bench {

struct LargeAccount {
    Account big;
    Account friendly;
};

//! Registers the two accounts on 127.0.0.1:\a port and makes the history, saying what it
//! made; false (after saying why) if the server refused anything.
[[nodiscard]] bool makeLargeAccount(quint16 port, int messages, int transfers, int posts, LargeAccount *made);

} // namespace plaza::bench
