// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace plaza::cli {

//! One line from standard input, without its line break; a null QString at end of input.
[[nodiscard]] QString readStdinLine();
//! Asks on the terminal with echo off (POSIX termios); falls back to a plain line read
//! when standard input is not a terminal.
[[nodiscard]] QString promptSecret(const QString &prompt);
//! True if standard input is a terminal.
[[nodiscard]] bool stdinIsTerminal();

} // namespace plaza::cli
