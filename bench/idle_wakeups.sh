#!/usr/bin/env bash
# Idle cost of the app: how often its threads wake while nobody touches it. Starts
# plaza-server --demo on a free loopback port, then runs bin/plaza under Xvfb with a window
# manager (openbox, so that a window can be minimised as on a desktop) in each state, waits for
# it to be on screen and a settling time, and counts the voluntary context switches of all its
# threads (/proc/PID/task/*/status: a thread went to sleep and something woke it) over SECONDS.
# Involuntary switches (preemption) are left out: they count the machine's load, not the app.
# States: the sign-in screen (no account; its focused field blinks a cursor), each tab signed in
# as @amelie (--page TAB), the window minimised (xdotool windowminimize, checked in
# _NET_WM_STATE), and the lock screen (PLAZA_TEST_LOCK_PIN; its PIN field is focused and blinks).
# Not a test: it prints its figures.
#   bench/idle_wakeups.sh [BUILD_DIR=build/ci] [SECONDS=20] [STATE…]
# Target (issue 13): 0 wakeups/s beyond a focused cursor's blink (about 2/s).
set -euo pipefail
if [ -z "${PLAZA_IDLE_XVFB:-}" ]; then
  PLAZA_IDLE_XVFB=1 exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi
build="${1:-build/ci}"
seconds="${2:-20}"
shift $(($# > 2 ? 2 : $#))
only=("$@")
settle=5
bin="$build/bin"
[ -x "$bin/plaza" ] && [ -x "$bin/plaza-server" ] || { echo "build plaza and plaza-server in $build first" >&2; exit 2; }
command -v xdotool >/dev/null && command -v openbox >/dev/null ||
  echo "xdotool and openbox are missing (scripts/deps.sh --test): the minimised state is skipped" >&2

work=$(mktemp -d "${TMPDIR:-/tmp}/plaza-idle.XXXXXX")
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
if command -v openbox >/dev/null; then
  openbox --sm-disable >"$work/openbox.log" 2>&1 &
  pids+=($!)
  sleep 1
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin/plaza-server" --listen 127.0.0.1 --port "$port" --data "$work/server" --demo >"$work/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do grep -q "listening on" "$work/server.log" && break; sleep 0.1; done
url="http://127.0.0.1:$port"

switches() { # voluntary context switches of every thread of $1
  local total=0 f n
  for f in /proc/"$1"/task/*/status; do
    n=$(awk '/^voluntary_ctxt_switches/ {s += $2} END {print s + 0}' "$f" 2>/dev/null || echo 0)
    total=$((total + n))
  done
  echo "$total"
}

wanted() { [ ${#only[@]} -eq 0 ] && return 0; local s; for s in "${only[@]}"; do [ "$s" = "$1" ] && return 0; done; return 1; }

# measure NAME MARKER ACTION ARGS…: one app run, counted once MARKER is in its output (or at
# once, for an empty MARKER) and ACTION (a shell function of the pid, or "none") has run;
# prints "NAME  wakeups/s"
measure() {
  local name=$1 marker=$2 action=$3; shift 3
  wanted "$name" || return 0
  local dir="$work/$name" log="$work/$name.log"
  mkdir -p "$dir"
  PLAZA_KEY_BACKEND=passphrase PLAZA_TEST_PASSPHRASE="idle bench passphrase" PLAZA_DEMO_PASSWORD=plaza-demo-2026 \
    LANG=C.UTF-8 QT_QPA_PLATFORM=xcb \
    "$bin/plaza" --data-dir "$dir/data" --config-dir "$dir/config" --theme light "$@" >"$log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  for _ in $(seq 1 300); do
    [ -z "$marker" ] && break
    grep -q "$marker" "$log" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || { echo "$name: plaza exited:"; cat "$log"; return 1; }
    sleep 0.1
  done
  [ -z "$marker" ] || grep -q "$marker" "$log" || { echo "$name: never said \"$marker\":"; cat "$log"; return 1; }
  if [ "$action" != none ]; then "$action" "$pid" || { echo "$name: $action failed"; return 1; }; fi
  sleep "$settle"
  local before after
  before=$(switches "$pid")
  sleep "$seconds"
  after=$(switches "$pid")
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  awk -v n="$name" -v d=$((after - before)) -v s="$seconds" 'BEGIN { printf "%-22s %7.1f wakeups/s (%d in %d s)\n", n, d / s, d, s }'
}

minimise() { # iconifies the window of pid $1, as a desktop's minimise button does
  local win
  win=$(xdotool search --sync --onlyvisible --pid "$1" --name Plaza | head -n1)
  [ -n "$win" ] || return 1
  xdotool windowminimize --sync "$win"
  xprop -id "$win" _NET_WM_STATE | grep -q _NET_WM_STATE_HIDDEN
}

# A state that fails says why and the others still run.
set +e
measure signin "" none --server http://127.0.0.1:9
for page in feed chat wallet savings; do
  measure "shown-$page" "plaza: shell shown" none --server "$url" --sign-in-as amelie --page "$page"
done
if command -v xdotool >/dev/null && command -v openbox >/dev/null; then
  measure minimised-wallet "plaza: shell shown" minimise --server "$url" --sign-in-as amelie --page wallet
  measure minimised-feed "plaza: shell shown" minimise --server "$url" --sign-in-as amelie --page feed
fi
PLAZA_TEST_LOCK_PIN=2468 measure locked "plaza: app locked" none --server "$url" --sign-in-as amelie --page wallet
# The two screens with a focused field, minimised: what is left once the cursor stops blinking.
if command -v xdotool >/dev/null && command -v openbox >/dev/null; then
  signin_minimise() { sleep 2; minimise "$1"; } # the sign-in screen has no marker: let it map first
  measure signin-minimised "" signin_minimise --server http://127.0.0.1:9
  PLAZA_TEST_LOCK_PIN=2468 measure locked-minimised "plaza: app locked" minimise --server "$url" --sign-in-as amelie --page wallet
fi
