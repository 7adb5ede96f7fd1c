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

root=$(mktemp -d "${TMPDIR:-/tmp}/plaza-nokeyring.XXXXXX")
trap 'rm -rf "$root"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export HOME="$root/home"
export XDG_DATA_HOME="$HOME/.local/share"
export XDG_CONFIG_HOME="$HOME/.config"
export XDG_CACHE_HOME="$HOME/.cache"
export XDG_RUNTIME_DIR="$root/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 0700 "$XDG_RUNTIME_DIR"
unset DBUS_SESSION_BUS_ADDRESS DBUS_STARTER_ADDRESS DBUS_STARTER_BUS_TYPE
unset DISPLAY WAYLAND_DISPLAY GNOME_KEYRING_CONTROL
unset KDE_SESSION_VERSION KDE_FULL_SESSION XDG_CURRENT_DESKTOP DESKTOP_SESSION

status=0
"$@" || status=$?
exit $status
