#!/usr/bin/env bash
# deb-smoke.sh BUILD_DIR
#
# Builds the .deb with CPack from BUILD_DIR, checks that every package its Depends names is
# a real Debian package installed on this machine (the ones the build itself was linked and
# run against), unpacks it into a temporary root and runs what it ships from there:
# `plaza --version`, `plaza-cli --version`, and a headless smoke test of the CLI against a
# fresh plaza-server, both taken from the unpacked files; then the unpacked app itself under
# Xvfb, signed in to that server as the account the CLI made, opens Export CSV's file dialog
# (--page wallet/export --screenshot): the page settles only once the dialog is on screen, so
# a QML module the dialog needs and the system lacks ("module Qt.labs.folderlistmodel is not
# installed") fails it, as does any QML warning in its output.
set -euo pipefail
build=$(cd "$1" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/plaza-deb.XXXXXX")
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "deb-smoke: FAIL: $*" >&2; exit 1; }

(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log" >&2; fail "cpack"; }
deb=$(ls "$work"/out/*.deb)
echo "deb-smoke: built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"

# Depends: every alternative list must have an installed member.
depends=$(dpkg-deb -f "$deb" Depends)
[ -n "$depends" ] || fail "the package has no Depends"
# Virtual packages (qt6-base-abi …) count when an installed package provides them.
provided=$(dpkg-query -W -f='${Status}|${Provides}\n' | grep "^install ok installed|" | cut -d'|' -f2 |
           tr ',' '\n' | sed -E 's/\(.*\)//; s/[[:space:]]//g' | sort -u)
IFS=',' read -ra clauses <<<"$depends"
for clause in "${clauses[@]}"; do
  ok=0
  IFS='|' read -ra alternatives <<<"$clause"
  for alt in "${alternatives[@]}"; do
    name=$(echo "$alt" | sed -E 's/\(.*\)//; s/[[:space:]]//g; s/:any$//')
    if dpkg-query -W -f='${Status}' "$name" 2>/dev/null | grep -q "install ok installed"; then ok=1; fi
    if grep -qx "$name" <<<"$provided"; then ok=1; fi
  done
  [ $ok -eq 1 ] || fail "Depends names '$clause', which is not an installed Debian package"
done
# dpkg-shlibdeps must have found the libraries the linker used, and the QML runtime must be named.
for must in libsqlcipher0 libqt6keychain1 libsodium23 libqt6quick6 qml6-module-qtquick-controls qt6-qpa-plugins; do
  echo "$depends" | grep -q "\b$must\b" || fail "Depends lacks $must: $depends"
done
echo "deb-smoke: Depends ok ($(echo "$depends" | tr ',' '\n' | wc -l) packages)"

root="$work/root"
dpkg-deb -x "$deb" "$root"
for f in usr/bin/plaza usr/bin/plaza-cli usr/bin/plaza-server; do
  [ -x "$root/$f" ] || fail "$f missing or not executable"
done
# Desktop integration: the entry, the AppStream metadata and the icon at every hicolor size,
# each PNG really that size, and the installed files valid for their validators.
for f in usr/share/applications/plaza.desktop usr/share/metainfo/app.plaza.Plaza.metainfo.xml \
         usr/share/icons/hicolor/scalable/apps/plaza.svg; do
  [ -f "$root/$f" ] || fail "$f missing"
done
for size in 16 24 32 48 64 128 256 512; do
  png="$root/usr/share/icons/hicolor/${size}x${size}/apps/plaza.png"
  [ -f "$png" ] || fail "the ${size}x${size} icon is missing"
  dims=$(od -An -tu1 -j16 -N8 "$png" | awk '{printf "%dx%d", $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8}')
  [ "$dims" = "${size}x${size}" ] || fail "usr/share/icons/hicolor/${size}x${size}/apps/plaza.png is $dims"
done
if ls "$root"/usr/share/icons/hicolor/*/apps/ | grep -v "^plaza\.\(png\|svg\)$" | grep -v "^$\|:$" | grep -q .; then
  fail "unexpected files under usr/share/icons/hicolor"
fi
desktop-file-validate "$root/usr/share/applications/plaza.desktop" >/dev/null || fail "installed plaza.desktop is invalid"
appstreamcli validate --no-net "$root/usr/share/metainfo/app.plaza.Plaza.metainfo.xml" >/dev/null ||
  fail "installed metainfo is invalid"
echo "deb-smoke: desktop entry, metainfo and $(ls -d "$root"/usr/share/icons/hicolor/*/apps | wc -l) icon sizes installed"

# No display at all, as in a terminal over SSH: --version must not need one.
version=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$root/usr/bin/plaza" --version 2>/dev/null)
echo "$version" | grep -Eq "^Plaza [0-9]+\.[0-9]+\.[0-9]+" || fail "plaza --version said '$version'"
"$root/usr/bin/plaza-cli" --version | grep -Eq "[0-9]+\.[0-9]+\.[0-9]+" || fail "plaza-cli --version"
echo "deb-smoke: $version"

# The unpacked server and CLI, talking to each other on loopback.
"$root/usr/bin/plaza-server" --listen 127.0.0.1 --port 0 --data "$work/server" >"$work/server.log" 2>&1 &
server_pid=$!
url=""
for _ in $(seq 1 100); do
  url=$(grep -o "http://[^ ]*" "$work/server.log" | head -n1 || true)
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; fail "plaza-server exited"; }
  sleep 0.1
done
[ -n "$url" ] || fail "plaza-server never said it was listening"

cli=("$root/usr/bin/plaza-cli" --no-keychain --data-dir "$work/cli-data" --config-dir "$work/cli-config")
handle="deb_$(date +%s%N | tail -c 8)"
printf 'a good password 1\nsmoke passphrase 1\n' |
  "${cli[@]}" register --server "$url" --handle "$handle" --display-name "Deb Smoke" --password-stdin --passphrase-stdin \
  >"$work/register.log" 2>&1 || { cat "$work/register.log" >&2; fail "plaza-cli register"; }
whoami=$(echo "smoke passphrase 1" | "${cli[@]}" whoami --passphrase-stdin 2>&1) || fail "plaza-cli whoami: $whoami"
echo "$whoami" | grep -q "@$handle" || fail "whoami said '$whoami'"
synced=$(echo "smoke passphrase 1" | "${cli[@]}" sync --passphrase-stdin 2>&1) || fail "plaza-cli sync: $synced"
echo "$synced" | grep -Eq "applied [0-9]+ events, cursor [0-9]+" || fail "sync said '$synced'"
echo "deb-smoke: unpacked CLI against unpacked server: $synced"

# The unpacked app, with the QML modules of this system (what Depends installs), opens a file
# dialog. Its own folders, the passphrase path for the cache key (no keychain here).
if command -v xvfb-run >/dev/null; then
  shot="$work/export-dialog.png"
  set +e
  PLAZA_KEY_BACKEND=passphrase PLAZA_DEMO_PASSWORD="a good password 1" PLAZA_TEST_PASSPHRASE="app passphrase 1" \
    LANG=C.UTF-8 QT_QPA_PLATFORM=xcb timeout 90 xvfb-run -a -s "-screen 0 1280x800x24" \
    "$root/usr/bin/plaza" --server "$url" --data-dir "$work/app-data" --config-dir "$work/app-config" \
    --sign-in-as "$handle" --page wallet/export --screenshot "$shot" >"$work/app.log" 2>&1
  status=$?
  set -e
  qml_errors=$(grep -E "is not installed|\.qml:[0-9]+|qrc:/|QQmlApplicationEngine failed|module \"|Type [A-Za-z]+ unavailable" "$work/app.log" || true)
  [ -z "$qml_errors" ] || { cat "$work/app.log" >&2; fail "the unpacked plaza printed QML errors: $qml_errors"; }
  [ $status -eq 0 ] || { cat "$work/app.log" >&2; fail "the unpacked plaza did not show Export CSV's file dialog (exit $status)"; }
  [ -s "$shot" ] || fail "no screenshot of the file dialog"
  echo "deb-smoke: the unpacked plaza opened Export CSV's file dialog ($(grep -o "screenshot of .*" "$work/app.log"))"
else
  fail "xvfb-run is missing (scripts/deps.sh --test): the unpacked app cannot open its file dialog"
fi
echo "deb-smoke: PASS"
