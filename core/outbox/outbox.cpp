// SPDX-License-Identifier: MIT
#include "outbox/outbox.h"

#include "common/logging.h"
#include "storage/cache.h"

#include <QTimer>

namespace plaza::outbox {

OutboxBase::OutboxBase(RetryPolicy policy, std::function<sync::CacheWriter *()> writer, storage::Cache *cache,
                       QObject *parent)
    : QObject(parent), m_writer(std::move(writer)), m_cache(cache), m_retry(policy)
{
    connect(&m_retry, &RetryTimer::due, this, &OutboxBase::kick);
}

OutboxBase::~OutboxBase() = default;

void OutboxBase::open()
{
    if (m_open)
        return;
    ++m_generation;
    m_open = true;
}

void OutboxBase::close()
{
    // Tries in flight see the generation move and end without touching the cache; the
    // writes already handed to the writer land before it closes (it runs them in order).
    ++m_generation;
    m_open = false;
    m_again = false;
    m_inFlight.clear();
    m_retry.stop();
    forgetOnTheirWay();
}

void OutboxBase::kick()
{
    if (!m_open)
        return;
    if (m_running) {
        m_again = true;
        return;
    }
    if (m_kickQueued)
        return;
    m_kickQueued = true;
    // Not a coroutine lambda: its captures would dangle once the timer dropped it.
    QTimer::singleShot(0, this, [this] {
        m_kickQueued = false;
        if (!m_open)
            return;
        if (m_running) {
            m_again = true;
            return;
        }
        runRound();
    });
}

void OutboxBase::reconnected()
{
    m_retry.answered(); // a new connection: the back-off starts again
    kick();
}

void OutboxBase::publish(const storage::RowChanges &changes) const
{
    if (m_cache)
        m_cache->publishWritten(changes);
}

void OutboxBase::roundStopped(const Error &why)
{
    if (why.code != ErrorCode::Cancelled)
        qCWarning(lcOutbox) << "a round stopped, kept for later:" << why.codeName();
}

Error OutboxBase::closedError()
{
    return makeError(ErrorCode::Cancelled, QStringLiteral("the outbox closed"));
}

Error OutboxBase::notOpenError()
{
    return makeError(ErrorCode::CacheLocked, QStringLiteral("The outbox is not open: the session is not ready."));
}

} // namespace plaza::outbox
