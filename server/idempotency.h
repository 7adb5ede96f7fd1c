// SPDX-License-Identifier: MIT
#pragma once

// Exactly-once money movements (docs/api.md "Idempotency"). The key, the request's
// fingerprint and the whole response are stored in the same database transaction as
// the effect, so an answer lost on the way back can always be replayed and a retry
// can never move money twice.

#include "common/result.h"
#include "response.h"

#include <functional>

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

//! Runs \a effect at most once per (caller, Idempotency-Key):
//! - no or malformed key: 400 validation_failed (field "Idempotency-Key"), nothing runs;
//! - a stored key with the same fingerprint (method, path, canonical body): the stored
//!   status and body with "Idempotent-Replayed: true", nothing runs;
//! - a stored key with another fingerprint: 409 idempotency_key_reused;
//! - otherwise \a effect runs inside one write transaction (its writes and events are
//!   part of it). A success, or a refusal by a rule (402, 403, 404, 409, 422), is stored
//!   with the key in that same transaction (a refusal's writes rolled back first); a
//!   malformed request (400) or a server error (5xx) stores nothing, so the key stays free.
[[nodiscard]] Response run(ServerDb &db, qint64 nowMs, const RequestContext &ctx, const Effect &effect);

} // namespace idempotency

} // namespace plaza::server
