#!/usr/bin/env bash
# Installs the Debian 12 packages Plaza needs to build, run and test.
# Only installs what is missing, so a machine that has everything does no apt work.
set -euo pipefail

PLAZA_BUILD_DEPS=(
  cmake ninja-build ccache g++ pkg-config git
  qt6-base-dev qt6-base-private-dev qt6-declarative-dev qt6-declarative-dev-tools
  qt6-httpserver-dev qt6-websockets-dev qt6-svg-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qtkeychain-qt6-dev libsqlcipher-dev qcoro-qt6-dev libqrencode-dev
  libsodium-dev libssl-dev libgl-dev libxkbcommon-dev
  libpq-dev # plaza-server's PostgreSQL backend (issue 19)
)
PLAZA_RUNTIME_DEPS=(
  qt6-qpa-plugins qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
  qml6-module-qtquick-window qml6-module-qtquick-templates qml6-module-qtqml-workerscript
  qml6-module-qtquick-dialogs qml6-module-qtcore qml6-module-qtquick-shapes
  qml6-module-qt-labs-folderlistmodel # the non-native FileDialog's QML imports it
  qml6-module-qt-labs-platform qml6-module-qt5compat-graphicaleffects
  qt6-image-formats-plugins qt6-translations-l10n fonts-dejavu-core fonts-noto-color-emoji
  dbus gnome-keyring libglib2.0-bin
)
PLAZA_TEST_DEPS=(
  qml6-module-qttest xvfb xauth libsecret-tools imagemagick procps zbar-tools
  desktop-file-utils appstream libxml2-utils openssl
  # e2e_notifications: a notification server, an XEmbed tray, busctl (dunstctl history)
  dunst trayer systemd
  # scripts/test-calendar runs suites at fixed instants; the suite also runs under load
  faketime stress-ng
  xdotool openbox # bench/idle_wakeups.sh minimises the window: a window manager under Xvfb
  # e2e_accessibility reads the app's accessibility tree as a screen reader does (AT-SPI)
  at-spi2-core python3-pyatspi
  # scripts/pg-cluster: a throw-away PostgreSQL 15 cluster for the server suite (issue 19)
  postgresql
  haproxy # tst_server_haproxy: packaging/haproxy/plaza.cfg over two plaza-server processes
)

want=("${PLAZA_BUILD_DEPS[@]}" "${PLAZA_RUNTIME_DEPS[@]}")
if [ "${1:-}" = "--test" ]; then want+=("${PLAZA_TEST_DEPS[@]}"); fi
# scripts/demo on a machine without a display: a virtual one.
if [ "${1:-}" = "--headless" ]; then want+=(xvfb xauth); fi

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "scripts/deps.sh: installing ${#missing[@]} missing package(s): ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >/dev/null || $SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
