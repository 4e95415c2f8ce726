#!/usr/bin/env bash
# Installs the peer tools `hyakuyobako bench` times beside us (Debian/Ubuntu, as root or via sudo).
# The build and the tests need none of them.
set -euo pipefail
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq tcpdump argus-server argus-client
