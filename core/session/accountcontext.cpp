// SPDX-License-Identifier: MIT
#include "accountcontext.h"

#include "sync/syncengine.h"

namespace plaza {

sync::CacheWriter *AccountContext::writer() const
{
    SyncEngine *engine = syncEngine();
    return engine ? engine->writer() : nullptr;
}

} // namespace plaza
