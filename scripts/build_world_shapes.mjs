// Converts world-atlas countries-110m.json (TopoJSON, ISO 3166-1 numeric ids)
// into crates/herald-server/assets/world.json: a compact GeoJSON
// FeatureCollection keyed by ISO 3166-1 alpha-3, coordinates rounded to two
// decimals. Called by scripts/build_world_shapes.sh, which installs the two
// npm packages into a throwaway folder.
//   usage: node build_world_shapes.mjs --npm DIR --iso-codes FILE --out FILE
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

function arg(name) {
  const i = process.argv.indexOf(name);
  if (i < 0 || i + 1 >= process.argv.length) {
    console.error(`build_world_shapes.mjs: missing ${name}`);
    process.exit(2);
  }
  return process.argv[i + 1];
}

const npmDir = arg("--npm");
const isoFile = arg("--iso-codes");
const outFile = arg("--out");

const require = createRequire(join(npmDir, "package.json"));
const topojson = require("topojson-client");
const topology = JSON.parse(
  readFileSync(join(npmDir, "node_modules/world-atlas/countries-110m.json"), "utf8"));

const iso = JSON.parse(readFileSync(isoFile, "utf8"))["3166-1"];
const byNumeric = new Map(iso.map((c) => [c.numeric, c]));
const byAlpha3 = new Map(iso.map((c) => [c.alpha_3, c]));

// Shapes that world-atlas (Natural Earth) draws without an ISO 3166-1 code.
// Northern Cyprus and Somaliland are dissolved into the ISO 3166-1 country
// that contains them; Kosovo gets the user-assigned code XKX, the code that
// kb/countries.tsv uses.
const NO_ID = { "N. Cyprus": "CYP", "Somaliland": "SOM", "Kosovo": "XKX" };
const EXTRA_NAMES = { XKX: "Kosovo" };

// ISO name (its common name where it has one), except that the ISO form with
// an inverted comma ("Congo, The Democratic Republic of the") keeps the
// Natural Earth short name.
function displayName(alpha3, neName) {
  const c = byAlpha3.get(alpha3);
  if (!c) return EXTRA_NAMES[alpha3] || neName;
  const n = c.common_name || c.name;
  return n.includes(", ") ? neName : n;
}

const groups = new Map(); // alpha3 -> { neName, geometries: [] }
for (const g of topology.objects.countries.geometries) {
  let alpha3;
  if (g.id !== undefined && g.id !== null && g.id !== "") {
    const c = byNumeric.get(String(g.id).padStart(3, "0"));
    if (!c) throw new Error(`no ISO 3166-1 alpha-3 for numeric ${g.id} (${g.properties.name})`);
    alpha3 = c.alpha_3;
  } else {
    alpha3 = NO_ID[g.properties.name];
    if (!alpha3) throw new Error(`shape without id and no rule: ${g.properties.name}`);
  }
  if (!groups.has(alpha3)) groups.set(alpha3, { neName: null, geometries: [] });
  const grp = groups.get(alpha3);
  if (g.id) grp.neName = g.properties.name;
  else if (!grp.neName) grp.neName = g.properties.name;
  grp.geometries.push(g);
}

const r2 = (x) => Math.round(x * 100) / 100;

// Round a ring, drop repeated points, keep it closed; null when it collapses.
function ring(points) {
  const out = [];
  for (const [x, y] of points) {
    const p = [r2(x), r2(y)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  if (out.length > 1) {
    const a = out[0], b = out[out.length - 1];
    if (a[0] !== b[0] || a[1] !== b[1]) out.push([a[0], a[1]]);
  }
  return out.length >= 4 ? out : null;
}

function polygon(rings) {
  const outer = ring(rings[0]);
  if (!outer) return null;
  const poly = [outer];
  for (const h of rings.slice(1)) {
    const r = ring(h);
    if (r) poly.push(r);
  }
  return poly;
}

// TopoJSON from world-atlas is spherical: a ring that crosses the
// antimeridian jumps from +180 to -180, and Antarctica's ring goes round the
// pole. The map is drawn flat (equirectangular), so such rings are unwrapped,
// closed along the pole where they go round it, and cut into pieces that
// each lie within -180..180.
function crosses(r) {
  for (let i = 1; i < r.length; i++) if (Math.abs(r[i][0] - r[i - 1][0]) > 180) return true;
  return false;
}

function clipX(r, limit, keepBelow) {
  const inside = (p) => (keepBelow ? p[0] <= limit : p[0] >= limit);
  const cut = (s, e) => {
    const t = (limit - s[0]) / (e[0] - s[0]);
    return [limit, s[1] + t * (e[1] - s[1])];
  };
  const out = [];
  for (let i = 0; i < r.length - 1; i++) {
    const s = r[i], e = r[i + 1];
    if (inside(e)) {
      if (!inside(s)) out.push(cut(s, e));
      out.push(e);
    } else if (inside(s)) {
      out.push(cut(s, e));
    }
  }
  if (out.length) out.push(out[0]);
  return out;
}

function splitRing(r) {
  if (!crosses(r)) return [r];
  const u = [[r[0][0], r[0][1]]];
  for (let i = 1; i < r.length; i++) {
    let x = r[i][0];
    const px = u[i - 1][0];
    while (x - px > 180) x -= 360;
    while (px - x > 180) x += 360;
    u.push([x, r[i][1]]);
  }
  const first = u[0], last = u[u.length - 1];
  if (Math.abs(last[0] - first[0]) > 1e-9) {
    // goes round a pole: close it along that pole
    const meanLat = u.reduce((a, p) => a + p[1], 0) / u.length;
    const pole = meanLat < 0 ? -90 : 90;
    u.push([last[0], pole], [first[0], pole], [first[0], first[1]]);
  }
  const pieces = [];
  for (const k of [-360, 0, 360]) {
    let piece = u.map(([x, y]) => [x + k, y]);
    if (Math.max(...piece.map((p) => p[0])) <= -180 || Math.min(...piece.map((p) => p[0])) >= 180) continue;
    piece = clipX(clipX(piece, 180, true), -180, false);
    if (piece.length >= 4) pieces.push(piece);
  }
  return pieces;
}

function flatPolygons(rings) {
  if (!crosses(rings[0])) return [rings];
  if (rings.slice(1).some(crosses)) throw new Error("a hole crosses the antimeridian");
  const outers = splitRing(rings[0]);
  if (rings.length > 1 && outers.length > 1) throw new Error("a polygon with holes crosses the antimeridian");
  return outers.map((o) => [o, ...rings.slice(1)]);
}

function compact(geometry) {
  const polys = (geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates)
    .flatMap(flatPolygons);
  const kept = polys.map(polygon).filter(Boolean);
  if (kept.length === 0) return null;
  return kept.length === 1
    ? { type: "Polygon", coordinates: kept[0] }
    : { type: "MultiPolygon", coordinates: kept };
}

const features = [];
for (const [alpha3, grp] of [...groups.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
  const geometry = grp.geometries.length === 1
    ? topojson.feature(topology, grp.geometries[0]).geometry
    : topojson.merge(topology, grp.geometries);
  const geom = compact(geometry);
  if (!geom) {
    console.error(`build_world_shapes.mjs: ${alpha3} collapses at two decimals; left out`);
    continue;
  }
  features.push({
    type: "Feature",
    id: alpha3,
    properties: { name: displayName(alpha3, grp.neName) },
    geometry: geom,
  });
}

const text = JSON.stringify({ type: "FeatureCollection", features });
writeFileSync(outFile, text + "\n");
console.log(`build_world_shapes.mjs: ${features.length} features, ${Buffer.byteLength(text) + 1} bytes -> ${outFile}`);
