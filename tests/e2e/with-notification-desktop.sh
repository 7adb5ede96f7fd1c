#!/bin/sh
# SPDX-License-Identifier: MIT
#
# with-notification-desktop.sh COMMAND [ARGS...]
#
# Runs COMMAND on the X display it was given (xvfb-run) inside a private D-Bus session
# (dbus-run-session) with a real notification server, dunst (org.freedesktop.Notifications,
# its history read back with `dunstctl history`), and a real XEmbed system tray, trayer,
# in a fresh temporary HOME and XDG directories that are removed afterwards. Notifications
# never expire on their own, so a test decides when they go to the history. COMMAND's exit
# code is passed through; a missing tool is a failure (exit 2), never a skip.
#
# Used by ctest through plaza_add_test(... WRAPPER xvfb-run ... with-notification-desktop.sh).
set -eu

if [ $# -eq 0 ]; then
    echo "usage: $0 COMMAND [ARGS...]" >&2
    exit 2
fi
for tool in dbus-run-session dunst dunstctl trayer gdbus busctl; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "with-notification-desktop.sh: $tool is missing (scripts/deps.sh --test installs it)" >&2
        exit 2
    fi
done
if [ -z "${DISPLAY:-}" ]; then
    echo "with-notification-desktop.sh: no DISPLAY (run it under xvfb-run)" >&2
    exit 2
fi

# A fresh temporary HOME (removed on exit); $root is its folder.
fresh_home_prefix=plaza-desktop
. "$(cd "$(dirname "$0")" && pwd)/../common/fresh-home.sh"
unset DBUS_SESSION_BUS_ADDRESS WAYLAND_DISPLAY
# Qt must use the XEmbed tray and the X display, not a desktop it guesses.
unset KDE_SESSION_VERSION KDE_FULL_SESSION XDG_CURRENT_DESKTOP
export QT_QPA_PLATFORM=xcb

cat >"$root/dunstrc" <<'RC'
[global]
    monitor = 0
    follow = none
    idle_threshold = 0
    history_length = 200
    sticky_history = yes
    markup = full
    font = DejaVu Sans 9
[urgency_low]
    timeout = 0
[urgency_normal]
    timeout = 0
[urgency_critical]
    timeout = 0
RC

# Inside the bus: dunst first (waited for on the bus), then trayer; the command; then both stop.
body='
dunst -config "$PLAZA_DUNSTRC" >"$XDG_RUNTIME_DIR/dunst.log" 2>&1 &
dunst=$!
tries=0
until gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
        --method org.freedesktop.DBus.NameHasOwner org.freedesktop.Notifications 2>/dev/null | grep -q true; do
    tries=$((tries + 1))
    if [ $tries -gt 100 ] || ! kill -0 $dunst 2>/dev/null; then
        echo "with-notification-desktop.sh: dunst did not come up" >&2
        cat "$XDG_RUNTIME_DIR/dunst.log" >&2
        kill $dunst 2>/dev/null
        exit 2
    fi
    sleep 0.1
done
trayer --edge top --align right --widthtype pixel --width 160 --height 24 --transparent false \
    >"$XDG_RUNTIME_DIR/trayer.log" 2>&1 &
trayer=$!
status=0
"$@" || status=$?
if [ $status -ne 0 ]; then
    echo "--- dunst log" >&2; tail -n 20 "$XDG_RUNTIME_DIR/dunst.log" >&2
    echo "--- trayer log" >&2; tail -n 20 "$XDG_RUNTIME_DIR/trayer.log" >&2
fi
kill $trayer $dunst 2>/dev/null
wait $trayer 2>/dev/null || true
wait $dunst 2>/dev/null || true
exit $status
'
export PLAZA_DUNSTRC="$root/dunstrc"
status=0
dbus-run-session -- sh -c "$body" sh "$@" || status=$?
exit $status
