#!/usr/bin/env bash
# Time comes from one clock on each side (core/common/clock.h for the client, server/clock.h
# for the server), so tests can move it and nothing depends on the day the suite runs.
# Fails on any other read of the wall clock in product code (tests are free to use it).
set -euo pipefail
root="${1:?usage: no-direct-clock.sh SOURCE_DIR}"
cd "$root"
cpp='QDateTime::currentDateTime|QDate::currentDate|QTime::currentTime|currentMSecsSinceEpoch|currentSecsSinceEpoch|std::chrono::system_clock|[^a-z_]time\(nullptr\)|[^a-z_]time\(NULL\)'
qml='new Date\(\)|Date\.now\(\)'
found=$(
  { grep -rnE "$cpp" --include='*.cpp' --include='*.h' core app cli server | grep -vE '^(core/common/clock\.cpp|server/clock\.cpp):' || true
    grep -rnE "$qml" --include='*.qml' --include='*.js' qml || true; } | grep -vE ':[0-9]+:\s*//'
) || true
if [ -n "$found" ]; then
  echo "Read the time from the clock (core/common/clock.h, server/clock.h), not directly:"
  echo "$found"
  exit 1
fi
echo "no direct reads of the wall clock outside core/common/clock.cpp and server/clock.cpp"
