// SPDX-License-Identifier: MIT
#pragma once

// Exactly-once money movements (docs/api.md "Idempotency"). The key, the request's
// fingerprint and the whole response are stored in the same database transaction as
// the effect, so an answer lost on the way back can always be replayed and a retry
// can never move money twice.

#include "common/result.h"
#include "response.h"
#include "storage.h"

#include <functional>
#include <optional>

namespace plaza::server {

class ServerDb;
struct RequestContext;

namespace idempotency {

//! How long a key is kept: at least this long after its first use.
inline constexpr qint64 kRetentionMs = 24LL * 3600 * 1000;
//! The header every money-moving POST must carry.
inline constexpr char kHeader[] = "Idempotency-Key";

//! What the effect of a request answers: the success Response, or the Error that refused it.
using Effect = std::function<Result<Response>()>;
//! A check before a first try (the step-up before money moves): the Error that refuses
//! the request now, or nothing. Its refusal is answered but never stored with the key, so
//! the same key goes through once the check passes; a stored answer is replayed without it.
using Gate = std::function<std::optional<Error>()>;

//! Runs \a effect at most once per (caller, Idempotency-Key):
//! - no or malformed key: 400 validation_failed (field "Idempotency-Key"), nothing runs;
//! - a stored key with the same fingerprint (method, path, canonical body): the stored
//!   status and body with "Idempotent-Replayed: true", nothing runs;
//! - a stored key with another fingerprint: 409 idempotency_key_reused;
//! - otherwise \a effect runs inside one write transaction (its writes and events are
//!   part of it). A success, or a refusal by a rule (402, 403, 404, 409, 422), is stored
//!   with the key in that same transaction (a refusal's writes rolled back first); a
//!   malformed request (400) or a server error (5xx) stores nothing, so the key stays free.
//! \a gate, when given, runs in that transaction before \a effect, only when the key is new.
//!
//! The transaction first takes the caller's money lock (moneyLock()), so that one user's
//! keyed requests run one after the other on every process: a key is looked up only once
//! an earlier request with it has committed, and a limit checked is not spent meanwhile.
//! \a isolation RowLocks runs it READ COMMITTED: for effects whose other writes are ordered
//! by row locks (ledger.h post(): the two accounts FOR UPDATE, in id order), so that
//! concurrent transfers wait for each other instead of failing to serialize.
[[nodiscard]] Response run(ServerDb &db, qint64 nowMs, const RequestContext &ctx, const Effect &effect,
                           const Gate &gate = {}, Storage::Isolation isolation = Storage::Isolation::Serializable);

//! The name of \a userId's money lock (Storage::lockKey(); apart from other advisory locks).
[[nodiscard]] constexpr qint64 moneyLock(qint64 userId)
{
    return (qint64(0x6d6f) << 48) | (userId & ((qint64(1) << 48) - 1)); // "mo"
}

} // namespace idempotency

} // namespace plaza::server
