#!/usr/bin/env bash
# Idle cost of the app: how often its threads wake while nobody touches it. Starts
# plaza-server --demo on a free loopback port, then for each tab runs bin/plaza signed in as
# @amelie under Xvfb (--page TAB), waits for the first frame and a settling time, and counts
# the context switches of all its threads (/proc/PID/task/*/status, voluntary + involuntary)
# over SECONDS. For comparison in the same run: plaza's own sign-in screen (no account, no
# sync; its focused field blinks a cursor). (Minimised is not measured: Xvfb has no window manager to iconify a window.)
# Not a test: it prints its figures.
#   bench/idle_wakeups.sh [BUILD_DIR=build/ci] [SECONDS=20]
# Target (issue 13): 0 wakeups/s beyond a focused cursor's blink (about 2/s).
set -euo pipefail
if [ -z "${PLAZA_IDLE_XVFB:-}" ]; then
  PLAZA_IDLE_XVFB=1 exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi
build="${1:-build/ci}"
seconds="${2:-20}"
settle=5
bin="$build/bin"
[ -x "$bin/plaza" ] && [ -x "$bin/plaza-server" ] || { echo "build plaza and plaza-server in $build first" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/plaza-idle.XXXXXX")
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin/plaza-server" --listen 127.0.0.1 --port "$port" --data "$work/server" --demo >"$work/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do grep -q "listening on" "$work/server.log" && break; sleep 0.1; done
url="http://127.0.0.1:$port"

switches() { # total context switches of every thread of $1
  local total=0 f n
  for f in /proc/"$1"/task/*/status; do
    n=$(awk '/ctxt_switches/ {s += $2} END {print s + 0}' "$f" 2>/dev/null || echo 0)
    total=$((total + n))
  done
  echo "$total"
}

# measure NAME MARKER ARGS…: one app run, counted once MARKER is in its output (or at
# once, for an empty MARKER); prints "NAME  wakeups/s"
measure() {
  local name=$1 marker=$2; shift 2
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
  sleep "$settle"
  local before after
  before=$(switches "$pid")
  sleep "$seconds"
  after=$(switches "$pid")
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  awk -v n="$name" -v d=$((after - before)) -v s="$seconds" 'BEGIN { printf "%-22s %7.1f wakeups/s (%d in %d s)\n", n, d / s, d, s }'
}

measure baseline-signin "" --server http://127.0.0.1:9
for page in feed chat wallet savings; do
  measure "shown-$page" "plaza: shell shown" --server "$url" --sign-in-as amelie --page "$page"
done
