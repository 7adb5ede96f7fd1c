#!/usr/bin/env bash
# How many keyed transfers a second PostgreSQL itself can commit on this machine (issue 19),
# with no HTTP and no plaza-server in the way: the ceiling under bench_server_wallet's figures.
# Starts a throw-away cluster with full durability (scripts/pg-cluster start --durable: fsync
# and synchronous commits on), lets plaza-server make its schema and 64 users with wallets
# (bench_server_wallet, a few transfers), then runs pgbench against the two functions of
# bench/pg_transfer_ceiling.sql: each a whole keyed transfer in one call (one round trip, plans
# cached), "full" with every statement plaza-server sends for one today, "min" with only the
# writes and locks a transfer needs. Each pgbench transaction is the session look-up plus one
# call; client i moves money between users 2i+1 and 2i+2 (either way at random, so that no
# balance runs out), so no two clients share an account (no lock waits: the best case, as
# bench_server_wallet's "spread"). pgbench runs on the same two cores,
# as the HTTP clients of bench_server_wallet do. A last line runs "min" with synchronous_commit
# off, for reference only (not for money): what the CPU alone would allow without WAL flushes.
# Not a test: it prints its figures.
#   bench/pg_transfer_ceiling.sh [BUILD_DIR=build/ci] [SECONDS=10] [CLIENTS="1 2 4 8 16 32"]
# Target (issue 19): >= 2,000 keyed transfers/s end to end; this is what is left for HTTP,
# JSON and plaza-server once PostgreSQL has done its part.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-build/ci}"
seconds="${2:-10}"
clients="${3:-1 2 4 8 16 32}"
[ -x "$build/bin/bench_server_wallet" ] || { echo "build bench_server_wallet in $build first" >&2; exit 2; }
pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$pgbin/pgbench" ] || { echo "pgbench is missing (scripts/deps.sh --test installs postgresql)" >&2; exit 2; }

eval "$("$here/../scripts/pg-cluster" start --durable)"
trap '"$here/../scripts/pg-cluster" stop "$PLAZA_PG_DIR"' EXIT
"$build/bin/bench_server_wallet" --scale --transfers-only --requests 64 --clients 1 \
  --storage "postgres:$PLAZA_PG_URL" >/dev/null
psql "$PLAZA_PG_URL" -q -v ON_ERROR_STOP=1 -f "$here/pg_transfer_ceiling.sql"
users=$(psql "$PLAZA_PG_URL" -Atc "SELECT count(*) FROM accounts WHERE kind = 'wallet' AND user_id IS NOT NULL")
max=0
for c in $clients; do [ "$c" -gt "$max" ] && max=$c; done
[ "$users" -ge $((2 * max)) ] || { echo "$users users: too few for $max clients paying apart" >&2; exit 1; }

script="$PLAZA_PG_DIR/transfer.pgbench"
host=$(sed -E 's|.*@([^:/]+):([0-9]+)/.*|\1|' <<<"$PLAZA_PG_URL")
port=$(sed -E 's|.*@([^:/]+):([0-9]+)/.*|\2|' <<<"$PLAZA_PG_URL")
db=${PLAZA_PG_URL##*/}
run() { # FUNCTION CLIENTS [PGOPTIONS]
  cat >"$script" <<EOF
\\set d random(0, 1)
\\set p (:client_id * 2) + 1 + :d
\\set q (:client_id * 2) + 2 - :d
\\set k random(1, 1000000000000)
SELECT s.id, s.user_id, i.last_seen_at FROM sessions s LEFT JOIN session_info i ON i.session_id = s.id WHERE s.user_id = :p LIMIT 1;
SELECT plaza_bench_transfer_$1(:p, :q, 'k' || :k);
EOF
  local out tps lat failed
  out=$(PGOPTIONS="${3:-}" "$pgbin/pgbench" -h "$host" -p "$port" -U plaza -n -M prepared -f "$script" -c "$2" -j 2 \
    -T "$seconds" "$db" 2>&1) || { echo "$out" >&2; exit 1; }
  tps=$(sed -nE 's/^tps = ([0-9.]+) .*/\1/p' <<<"$out")
  lat=$(sed -nE 's/^latency average = ([0-9.]+ ms).*/\1/p' <<<"$out")
  failed=$(sed -nE 's/^number of failed transactions: ([0-9]+).*/\1/p' <<<"$out")
  printf '  %-4s %2s clients: %6.0f transfers/s, latency average %s, %s failed (load %s)%s\n' "$1" "$2" "${tps:-0}" \
    "${lat:-?}" "${failed:-?}" "$(cut -d' ' -f1-3 /proc/loadavg)" "${3:+  [$3]}"
}
echo "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}'), fsync and synchronous_commit on, $users users, ${seconds} s per run"
for fn in full min; do
  for c in $clients; do run "$fn" "$c"; done
done
run min 4 "-c synchronous_commit=off"
