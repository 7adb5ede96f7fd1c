# Sourced by the test wrappers (with-keyring.sh, without-keyring.sh,
# with-notification-desktop.sh): a fresh temporary HOME with its XDG folders and a private
# runtime folder, removed on exit, so no test sees the caller's keyring, settings or cache.
# Usage: fresh_home_prefix=plaza-x; . fresh-home.sh   — leaves the temporary folder in $root.
root=$(mktemp -d "${TMPDIR:-/tmp}/${fresh_home_prefix:-plaza-test}.XXXXXX")
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
