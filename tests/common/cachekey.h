// SPDX-License-Identifier: MIT
#pragma once

// The raw cache key, for tests only: to open the cache file as a second party (a second
// writer, a read-only peek, a row count). Production code has no way to ask for it.

#include "session/session.h"
#include "storage/cache.h"

namespace plaza::storage {
struct CacheTestAccess {
    static QByteArray key(const Cache &cache) { return cache.m_key; }
};
} // namespace plaza::storage

inline QByteArray testCacheKey(const plaza::Session &session)
{
    return plaza::storage::CacheTestAccess::key(*session.cache());
}
