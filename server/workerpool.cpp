// SPDX-License-Identifier: MIT
#include "workerpool.h"

#include "protocol/types.h"

#include <QThread>

#include <sys/resource.h>
#include <unistd.h>

namespace plaza::server {

WorkerPool::WorkerPool(int threads, int maxQueued, QObject *parent)
    : QObject(parent), m_maxQueued(std::max(1, maxQueued))
{
    m_pool.setMaxThreadCount(threads > 0 ? threads : std::max(1, QThread::idealThreadCount()));
    // Idle threads stay: a login should not pay for starting one.
    m_pool.setExpiryTimeout(-1);
}

WorkerPool::~WorkerPool()
{
    m_pool.clear();
    m_pool.waitForDone();
}

Response WorkerPool::busy()
{
    const Error error = makeError(ErrorCode::RateLimited, QStringLiteral("The server is busy; try again shortly."),
                                  {{QStringLiteral("retry_after"), 1}});
    return Response::json(503, protocol::errorToJson(error)).withHeader(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1"));
}

void WorkerPool::lowerThisThreadsPriority()
{
    // QThread::LowPriority does nothing under Linux's default scheduler; a per-thread nice
    // does: the event loop (nice 0) gets a core first whenever it has something to do.
    thread_local bool lowered = false;
    if (lowered)
        return;
    lowered = true;
    setpriority(PRIO_PROCESS, id_t(gettid()), 10);
}

} // namespace plaza::server
