// SPDX-License-Identifier: MIT
#pragma once

#include <sodium.h>

namespace plaza::security {

//! libsodium must be initialised before randombytes_buf or crypto_pwhash. sodium_init()
//! is thread-safe and idempotent; the static only saves the repeated calls. False only
//! when the OS offers no usable CSPRNG.
inline bool ensureSodium()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

} // namespace plaza::security
