#!/bin/sh
# SPDX-License-Identifier: MIT
#
# without-keyring.sh COMMAND [ARGS...]
#
# Runs COMMAND where no keychain can answer: no session bus (DBUS_SESSION_BUS_ADDRESS
# unset, an empty XDG_RUNTIME_DIR so GDBus finds no $XDG_RUNTIME_DIR/bus, no DISPLAY for
# an autolaunch), in a fresh temporary HOME that is removed afterwards. COMMAND's exit
# code is passed through.
set -eu
if [ $# -eq 0 ]; then
    echo "usage: $0 COMMAND [ARGS...]" >&2
    exit 2
fi

# A fresh temporary HOME (removed on exit); $root is its folder.
fresh_home_prefix=plaza-nokeyring
. "$(cd "$(dirname "$0")" && pwd)/../common/fresh-home.sh"
unset DBUS_SESSION_BUS_ADDRESS DBUS_STARTER_ADDRESS DBUS_STARTER_BUS_TYPE
unset DISPLAY WAYLAND_DISPLAY GNOME_KEYRING_CONTROL
unset KDE_SESSION_VERSION KDE_FULL_SESSION XDG_CURRENT_DESKTOP DESKTOP_SESSION

status=0
"$@" || status=$?
exit $status
