#!/usr/bin/env bash
# Installs the Debian packages the tests use beyond Java: Chromium, which renders report.html in the
# browser test, and ChromeDriver, through which the web UI's tests drive it (Debian/Ubuntu, as root or via sudo).
set -euo pipefail
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
