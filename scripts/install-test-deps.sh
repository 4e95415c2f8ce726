#!/usr/bin/env bash
# Installs the Debian packages the tests use beyond Java: Chromium, which renders report.html in the
# browser test, and ChromeDriver, through which the web UI's tests drive it; BIND's named-checkzone,
# unbound-checkconf and nft, which check that the exported DNS zones and firewall ruleset load in the
# tools they are for (Debian/Ubuntu, as root or via sudo).
set -euo pipefail
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver bind9-utils unbound nftables >/dev/null
