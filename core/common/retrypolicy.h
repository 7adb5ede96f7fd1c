// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QObject>
#include <QTimer>

#include <chrono>

namespace plaza {

//! The one retry policy of the outboxes (messages, posts, payments): whether an answer
//! settles an item, and when to try an unsettled one again.
//!
//! An answer is final when Error::isDefinitive(): the server decided (4xx but 401 and 429,
//! and 501), so the same request would get the same answer — or when the client refused
//! its own stored item (isLocalRefusal: a queued file that is gone or changed). Anything else — a network
//! error, a timeout, 429, 5xx but 501, 401 (the session, not the request) — is tried again
//! with the same client_id or Idempotency-Key. There is no second table of codes: the
//! outboxes used to carry their own copies, which disagreed with Error::isTransient() on
//! 5xx (501 is "not implemented", an answer; every other 5xx is the server failing).
//!
//! When: always on reconnect and at start, plus, for a policy with a back-off, after first,
//! 2·first, 4·first… rounds in a row without an answer, never more than cap apart; any answer
//! starts the back-off again. The one outbox mechanism (outbox::Outbox) follows it.
class RetryPolicy
{
public:
    enum class Verdict {
        Final,    //!< the server answered: mark the item failed (or done), never retry it alone
        TryAgain, //!< no answer worth keeping: same key, another try later
    };

    [[nodiscard]] static Verdict verdict(const Error &error)
    {
        return error.isDefinitive() || isLocalRefusal(error) ? Verdict::Final : Verdict::TryAgain;
    }
    //! The client itself found that the item cannot go as stored (ValidationFailed without an
    //! HTTP status: a queued file that was moved, deleted or changed): the same try would
    //! fail the same way, so it is final like the server's refusal.
    [[nodiscard]] static bool isLocalRefusal(const Error &error)
    {
        return error.httpStatus == 0 && error.code == ErrorCode::ValidationFailed;
    }
    [[nodiscard]] static bool isFinal(const Error &error) { return verdict(error) == Verdict::Final; }

    //! Tries again only when asked (reconnect, start, a retry button): no timer.
    RetryPolicy() = default;
    //! Also on a timer: \a first after the first unanswered round, doubling, at most \a cap.
    RetryPolicy(std::chrono::milliseconds first, std::chrono::milliseconds cap);

    //! Chat messages: a person waits on them — 3 s, doubling up to 30 s.
    [[nodiscard]] static RetryPolicy messages();
    //! Posts and payments: on reconnect, at start and on demand (a payment stays
    //! "awaiting confirmation" in the UI meanwhile, and the user can retry).
    [[nodiscard]] static RetryPolicy posts();
    [[nodiscard]] static RetryPolicy payments();

    [[nodiscard]] bool hasBackoff() const { return m_first.count() > 0; }
    //! The wait after \a rounds (≥ 1) rounds in a row without an answer; 0 without a back-off.
    [[nodiscard]] std::chrono::milliseconds delayAfter(int rounds) const;
    [[nodiscard]] std::chrono::milliseconds first() const { return m_first; }
    [[nodiscard]] std::chrono::milliseconds cap() const { return m_cap; }

private:
    std::chrono::milliseconds m_first{0};
    std::chrono::milliseconds m_cap{0};
};

//! An outbox's retry timer, following its RetryPolicy: unanswered() schedules the next
//! round (due() then), answered() starts the back-off again. Without a back-off it never fires.
class RetryTimer : public QObject
{
    Q_OBJECT
public:
    explicit RetryTimer(RetryPolicy policy, QObject *parent = nullptr);

    //! A round ended without an answer: due() after the policy's next delay.
    void unanswered();
    //! An answer came (or the outbox emptied, or the connection came back): the back-off
    //! starts again; a scheduled round is kept.
    void answered() { m_rounds = 0; }
    //! Nothing scheduled, back-off from the start (the account closed).
    void stop();

    [[nodiscard]] bool isActive() const { return m_timer.isActive(); }
    //! Unanswered rounds in a row.
    [[nodiscard]] int rounds() const { return m_rounds; }
    //! The delay of the round scheduled last.
    [[nodiscard]] std::chrono::milliseconds interval() const { return m_timer.intervalAsDuration(); }
    [[nodiscard]] const RetryPolicy &policy() const { return m_policy; }

Q_SIGNALS:
    void due();

private:
    RetryPolicy m_policy;
    QTimer m_timer;
    int m_rounds = 0;
};

} // namespace plaza
