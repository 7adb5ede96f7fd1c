#!/usr/bin/env bash
# desktop-metadata.sh SOURCE_DIR PROJECT_VERSION APP_ID
#
# The desktop entry and the AppStream metadata, as the validators of freedesktop.org and
# AppStream see them (desktop-file-utils and appstream, installed by scripts/deps.sh --test):
# no errors or warnings, plaza:// handled by `plaza %u`, the metainfo launching that entry and
# its newest release being the project version; and the app icons are the size their names say.
set -euo pipefail
src=$1 version=$2 app_id=$3
fail() { echo "desktop-metadata: FAIL: $*" >&2; exit 1; }
for tool in desktop-file-validate appstreamcli; do
  command -v "$tool" >/dev/null || fail "$tool is missing: run scripts/deps.sh --test"
done

desktop="$src/resources/plaza.desktop"
out=$(desktop-file-validate "$desktop" 2>&1) || fail "desktop-file-validate: $out"
if grep -Eq "(error|warning):" <<<"$out"; then fail "desktop-file-validate: $out"; fi
grep -qx "MimeType=x-scheme-handler/plaza;" "$desktop" || fail "plaza.desktop does not declare x-scheme-handler/plaza"
grep -qx "Exec=plaza %u" "$desktop" || fail "plaza.desktop does not run 'plaza %u'"
echo "desktop-metadata: plaza.desktop valid${out:+ ($out)}"

metainfo="$src/resources/$app_id.metainfo.xml"
[ -f "$metainfo" ] || fail "$metainfo missing"
out=$(appstreamcli validate --no-net "$metainfo" 2>&1) || fail "appstreamcli validate: $out"
grep -q "<id>$app_id</id>" "$metainfo" || fail "the metainfo's id is not $app_id"
grep -q '<launchable type="desktop-id">plaza.desktop</launchable>' "$metainfo" ||
  fail "the metainfo does not launch plaza.desktop"
newest=$(grep -o '<release version="[^"]*"' "$metainfo" | head -n1 | cut -d'"' -f2)
[ "$newest" = "$version" ] || fail "the metainfo's newest release is '$newest', the project is $version: add a <release>"
echo "desktop-metadata: $app_id.metainfo.xml valid, release $newest"

# PNG: width and height are the big-endian words at bytes 16 and 20.
for png in "$src"/resources/appicon/plaza-*.png; do
  size=$(basename "$png" .png); size=${size#plaza-}
  dims=$(od -An -tu1 -j16 -N8 "$png" | awk '{printf "%dx%d", $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8}')
  [ "$dims" = "${size}x${size}" ] || fail "$(basename "$png") is $dims"
done
echo "desktop-metadata: PASS"
