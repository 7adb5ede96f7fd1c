// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <coroutine>
#include <memory>

namespace plaza {

//! `co_await nextSignal(obj, &T::signal[, timeout])`: resumes the coroutine once, on the
//! next emission of the signal (true) or when the timeout passes first (false). Use it
//! instead of QCoro 0.8's `qCoro(obj, &T::signal)`, which this project cannot rely on:
//! that awaiter is connected with a plain queued connection whose slot captures the
//! awaiter itself, so a signal emitted twice before the first delivery (a busy flag that
//! goes true then false, a "finished" emitted by two rounds) delivers the second call into
//! an awaiter that is gone — a write into the coroutine frame after it is freed (QCoro
//! issue 167, fixed only in 0.9). Here the connection is single-shot (Qt removes it at the
//! first emission, so only one call is ever queued) and the slot holds a shared state that
//! the awaiter marks dead when it goes, so a late call or timer does nothing.
//!
//! The emitter must live on the awaiting coroutine's thread (the resumption is queued to it).
template<typename T, typename Signal>
class NextSignal
{
public:
    NextSignal(T *sender, Signal signal, std::chrono::milliseconds timeout = std::chrono::milliseconds(-1))
        : m_sender(sender), m_signal(signal), m_timeout(timeout)
    {
    }
    NextSignal(const NextSignal &) = delete;
    NextSignal &operator=(const NextSignal &) = delete;
    //! Only before it is awaited (QCoro's await_transform may move it).
    NextSignal(NextSignal &&) noexcept = default;
    NextSignal &operator=(NextSignal &&) = delete;
    ~NextSignal()
    {
        if (!m_state)
            return;
        m_state->alive = false;
        QObject::disconnect(m_state->connection);
    }

    [[nodiscard]] bool await_ready() const noexcept { return m_sender.isNull(); }

    void await_suspend(std::coroutine_handle<> awaiting)
    {
        auto state = std::make_shared<State>();
        m_state = state;
        state->connection = QObject::connect(
            m_sender.data(), m_signal, m_sender.data(),
            [state, awaiting](auto &&...) {
                if (!state->alive || state->done)
                    return;
                state->done = true;
                state->fired = true;
                awaiting.resume(); // may destroy the awaiter: touch nothing after this
            },
            Qt::ConnectionType(Qt::QueuedConnection | Qt::SingleShotConnection));
        if (m_timeout.count() >= 0) {
            QTimer::singleShot(m_timeout, m_sender.data(), [state, awaiting] {
                if (!state->alive || state->done)
                    return;
                state->done = true;
                QObject::disconnect(state->connection);
                awaiting.resume();
            });
        }
    }

    //! True when the signal came, false on timeout (or when the sender was already gone).
    [[nodiscard]] bool await_resume() const noexcept { return m_state && m_state->fired; }

private:
    struct State {
        QMetaObject::Connection connection;
        bool alive = true;
        bool done = false;
        bool fired = false;
    };

    QPointer<T> m_sender;
    Signal m_signal;
    std::chrono::milliseconds m_timeout;
    std::shared_ptr<State> m_state;
};

template<typename T, typename Signal>
[[nodiscard]] NextSignal<T, Signal> nextSignal(T *sender, Signal signal,
                                               std::chrono::milliseconds timeout = std::chrono::milliseconds(-1))
{
    return NextSignal<T, Signal>(sender, signal, timeout);
}

} // namespace plaza
