#!/bin/sh
# SPDX-License-Identifier: MIT
#
# with-atspi.sh COMMAND [ARGS...]
#
# Runs COMMAND with an AT-SPI accessibility bus on the current session bus, as a desktop with
# a screen reader has: at-spi-bus-launcher (the org.a11y.Bus name and the accessibility bus,
# whose registry at-spi2-registryd is started on demand), and QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1
# so Qt apps publish their tree without an Orca to ask for it. Run it inside a private session
# bus (with-keyring.sh's dbus-run-session) and an X server (xvfb-run): the registry types keys
# through XTest. COMMAND's exit code is passed through.
set -eu
launcher=/usr/libexec/at-spi-bus-launcher
if [ ! -x "$launcher" ] || ! /usr/bin/python3 -c 'import pyatspi' 2>/dev/null; then
    echo "with-atspi.sh: at-spi2-core or python3-pyatspi is missing (scripts/deps.sh --test installs them)" >&2
    exit 2
fi
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
    echo "with-atspi.sh: needs a session bus (run it under with-keyring.sh or dbus-run-session)" >&2
    exit 2
fi
log=$(mktemp "${TMPDIR:-/tmp}/plaza-atspi.XXXXXX")
"$launcher" --launch-immediately >"$log" 2>&1 &
launcher_pid=$!
tries=0
until gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
        --method org.freedesktop.DBus.NameHasOwner org.a11y.Bus 2>/dev/null | grep -q true; do
    tries=$((tries + 1))
    if [ $tries -gt 100 ] || ! kill -0 $launcher_pid 2>/dev/null; then
        echo "with-atspi.sh: at-spi-bus-launcher did not come up" >&2
        cat "$log" >&2
        kill $launcher_pid 2>/dev/null
        rm -f "$log"
        exit 2
    fi
    sleep 0.1
done
export QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1
status=0
"$@" || status=$?
kill $launcher_pid 2>/dev/null || true
wait $launcher_pid 2>/dev/null || true
rm -f "$log"
exit $status
