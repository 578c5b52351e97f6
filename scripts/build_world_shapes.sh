#!/usr/bin/env bash
# Rebuild crates/herald-server/assets/world.json (country shapes for the map
# page of `herald serve`) from npm world-atlas (Natural Earth 1:110m country
# boundaries, TopoJSON) with npm topojson-client, keyed by ISO 3166-1 alpha-3
# from Debian iso-codes. The packages go to a throwaway folder (a fresh
# temporary directory, deleted afterwards); nothing is installed into the
# system.
#   needs: node (18+), npm, Debian iso-codes (/usr/share/iso-codes)
#   usage: scripts/build_world_shapes.sh      (run from anywhere)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORLD_ATLAS_VERSION=2.0.2
TOPOJSON_CLIENT_VERSION=3.1.0
ISO_3166_1=/usr/share/iso-codes/json/iso_3166-1.json

if [ ! -f "$ISO_3166_1" ]; then
    echo "build_world_shapes.sh: Debian iso-codes missing: apt-get install iso-codes" >&2
    exit 1
fi

NPMDIR="$(mktemp -d /tmp/worldshapes.XXXXXX)"
trap 'rm -rf "$NPMDIR"' EXIT
echo '{"private":true}' > "$NPMDIR/package.json"
npm install --silent --no-audit --no-fund --no-save --prefix "$NPMDIR" \
    "world-atlas@$WORLD_ATLAS_VERSION" \
    "topojson-client@$TOPOJSON_CLIENT_VERSION"

mkdir -p "$ROOT/crates/herald-server/assets"
node "$ROOT/scripts/build_world_shapes.mjs" \
    --npm "$NPMDIR" \
    --iso-codes "$ISO_3166_1" \
    --out "$ROOT/crates/herald-server/assets/world.json"
