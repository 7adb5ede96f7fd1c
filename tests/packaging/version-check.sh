#!/usr/bin/env bash
# version-check.sh BIN_DIR PROJECT_VERSION CONFIGURED_VERSION
#
# `plaza --version` and `plaza-cli --version` report the same version, which is the one CMake
# configured (PLAZA_VERSION, cmake/PlazaVersion.cmake) and starts with the project version.
set -euo pipefail
bin=$1 project=$2 configured=$3
fail() { echo "version-check: FAIL: $*" >&2; exit 1; }

app=$(QT_QPA_PLATFORM=offscreen "$bin/plaza" --version 2>/dev/null) || fail "plaza --version exited $?"
cli=$("$bin/plaza-cli" --version 2>/dev/null) || fail "plaza-cli --version exited $?"
# QCommandLineParser prints "<application name> <version>".
[[ $app =~ ^Plaza\ ([^ ]+)$ ]] || fail "plaza --version said '$app'"
app_version=${BASH_REMATCH[1]}
[[ $cli =~ ^plaza-cli\ ([^ ]+)$ ]] || fail "plaza-cli --version said '$cli'"
cli_version=${BASH_REMATCH[1]}

[ "$app_version" = "$cli_version" ] || fail "plaza says $app_version, plaza-cli says $cli_version"
[ "$app_version" = "$configured" ] || fail "the binaries say $app_version, CMake configured $configured"
case "$app_version" in
  "$project" | "$project"[-+]*) ;;
  *) fail "$app_version does not start with the project version $project" ;;
esac
echo "version-check: plaza and plaza-cli both say $app_version"
