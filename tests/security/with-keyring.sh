#!/bin/sh
# SPDX-License-Identifier: MIT
#
# with-keyring.sh [--locked] COMMAND [ARGS...]
#
# Runs COMMAND under a real Secret Service: a private D-Bus session (dbus-run-session)
# with gnome-keyring-daemon's secrets component, in a fresh temporary HOME and XDG
# directories that are removed afterwards. COMMAND's exit code is passed through.
#
# By default the login keyring is created (or unlocked) with a test password, so
# QtKeychain reads and writes without a prompt.
#
# With --locked, COMMAND runs twice in the same HOME: first with
# PLAZA_KEYRING_PHASE=prepare on a login keyring created with one password (to plant
# entries), then with PLAZA_KEYRING_PHASE=locked on a daemon given another password, so
# the keyring stays locked. DISPLAY and WAYLAND_DISPLAY are cleared so that no unlock
# prompt can appear: the prompter fails to start and the Secret Service answers at once.
#
# Used by ctest through plaza_add_test(... WRAPPER .../with-keyring.sh).
set -eu

locked=0
if [ "${1:-}" = "--locked" ]; then
    locked=1
    shift
fi
if [ $# -eq 0 ]; then
    echo "usage: $0 [--locked] COMMAND [ARGS...]" >&2
    exit 2
fi
for tool in dbus-run-session gnome-keyring-daemon gdbus; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "with-keyring.sh: $tool is missing (scripts/deps.sh --test installs it)" >&2
        exit 2
    fi
done

# A fresh temporary HOME (removed on exit); $root is its folder.
fresh_home_prefix=plaza-keyring
. "$(cd "$(dirname "$0")" && pwd)/../common/fresh-home.sh"
# Whatever session bus the caller has must not be reachable from inside.
unset DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL SSH_AUTH_SOCK
# QtKeychain picks KWallet on a KDE session; this is the Secret Service path.
unset KDE_SESSION_VERSION KDE_FULL_SESSION
export XDG_CURRENT_DESKTOP=GNOME

# The body that runs inside the private bus: $1 is the password, the rest the command.
# It starts the daemon in the foreground (so its pid is known and it can be stopped),
# waits until org.freedesktop.secrets is on the bus instead of sleeping blindly, runs
# the command, stops the daemon and returns the command's exit code.
body='
password=$1
shift
printf %s "$password" | gnome-keyring-daemon --foreground --unlock --components=secrets \
    >"$XDG_RUNTIME_DIR/gnome-keyring.log" 2>&1 &
daemon=$!
tries=0
until gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
        --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null | grep -q true; do
    tries=$((tries + 1))
    if [ $tries -gt 100 ] || ! kill -0 $daemon 2>/dev/null; then
        echo "with-keyring.sh: gnome-keyring-daemon did not come up" >&2
        cat "$XDG_RUNTIME_DIR/gnome-keyring.log" >&2
        kill $daemon 2>/dev/null
        exit 2
    fi
    sleep 0.1
done
status=0
"$@" || status=$?
kill $daemon 2>/dev/null
wait $daemon 2>/dev/null || true
exit $status
'

password="plaza-test-$$"
status=0
if [ $locked -eq 1 ]; then
    unset DISPLAY WAYLAND_DISPLAY
    # --unlock creates the login keyring with this password when there is none.
    PLAZA_KEYRING_PHASE=prepare dbus-run-session -- sh -c "$body" sh "$password" "$@" || status=$?
    if [ $status -ne 0 ]; then
        echo "with-keyring.sh: the prepare phase failed ($status)" >&2
        exit $status
    fi
    export PLAZA_KEYRING_PHASE=locked
    password="wrong-$password"
fi
dbus-run-session -- sh -c "$body" sh "$password" "$@" || status=$?
exit $status
