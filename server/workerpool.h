// SPDX-License-Identifier: MIT
#pragma once

#include "response.h"

#include <QObject>
#include <QThreadPool>

#include <functional>
#include <memory>

namespace plaza::server {

//! Slow, pure work (password hashing: ~70 ms of Argon2 each) off the event loop, on a
//! fixed number of threads that run at a lower CPU priority (nice 10) than the event
//! loop, so that routing and short requests keep their latency while hashes run.
//! Bounded: at most maxQueued jobs run or wait at once; one more is answered 503
//! rate_limited with Retry-After at once, without being queued.
//! The work must not touch the database (its connection belongs to the event loop):
//! read what it needs first, hash on the pool, write in the continuation.
class WorkerPool : public QObject
{
public:
    //! \a threads 0: one per core.
    WorkerPool(int threads, int maxQueued, QObject *parent = nullptr);
    //! Waits for the running jobs; their continuations are dropped.
    ~WorkerPool() override;

    //! Runs \a work on the pool, then \a finish with its result on this object's thread
    //! (the event loop): the answer is what \a finish returns. The 503 when full.
    template<typename T>
    [[nodiscard]] Response answerLater(std::function<T()> work, std::function<Response(T)> finish)
    {
        if (m_inFlight >= m_maxQueued)
            return busy();
        ++m_inFlight;
        auto pending = std::make_shared<PendingAnswer>();
        auto job = std::make_shared<std::pair<std::function<T()>, std::function<Response(T)>>>(std::move(work), std::move(finish));
        m_pool.start([this, job, pending] {
            lowerThisThreadsPriority();
            auto result = std::make_shared<T>(job->first());
            QMetaObject::invokeMethod(
                this,
                [this, job, pending, result] {
                    --m_inFlight;
                    pending->deliver(job->second(std::move(*result)));
                },
                Qt::QueuedConnection);
        });
        return Response::later(pending);
    }

    //! Jobs running or waiting now.
    [[nodiscard]] int inFlight() const { return m_inFlight; }
    [[nodiscard]] int threads() const { return m_pool.maxThreadCount(); }

private:
    [[nodiscard]] static Response busy();
    static void lowerThisThreadsPriority();

    QThreadPool m_pool;
    int m_maxQueued;
    int m_inFlight = 0;
};

} // namespace plaza::server
