/* Herald: charts and small helpers for the pages of `herald serve`.
 *
 * Progressive enhancement: every page works without this script; it only adds
 * charts (timeline, map, network), a row filter for tables, and a flash on the
 * sentence an event link points to. Plain ES2019, no libraries. It fetches
 * only same-origin URLs (/api/..., /static/world.json) and never inserts text
 * as HTML: every node is built with createElement / createElementNS and text
 * goes in through textContent.
 */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";

  // PLOVER quad classes; the colours are in app.css (.q1 .. .q4)
  var QUADS = [
    { key: "q1", label: "Verbal cooperation" },
    { key: "q2", label: "Material cooperation" },
    { key: "q3", label: "Verbal conflict" },
    { key: "q4", label: "Material conflict" }
  ];

  // ---- small DOM helpers ------------------------------------------------

  function el(name, className, text, parent) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (parent) parent.appendChild(node);
    return node;
  }

  function svg(name, attrs, parent) {
    var node = document.createElementNS(SVG_NS, name);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v !== undefined && v !== null) node.setAttribute(k, String(v));
      });
    }
    if (parent) parent.appendChild(node);
    return node;
  }

  function svgText(parent, attrs, text) {
    var t = svg("text", attrs, parent);
    t.textContent = String(text);
    return t;
  }

  function svgTitle(parent, text) {
    var t = svg("title", null, parent);
    t.textContent = String(text);
    return t;
  }

  function round2(x) {
    return Math.round(x * 100) / 100;
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many || one + "s");
  }

  // A chart goes in a <figure class="chart"> put first in its container, so
  // that anything the server rendered there (a fallback table) stays below.
  function figure(container, label) {
    var fig = el("figure", "chart");
    fig.setAttribute("aria-label", label);
    container.insertBefore(fig, container.firstChild);
    container.classList.add("js-chart");
    return fig;
  }

  function note(parent, text, isError) {
    return el("p", isError ? "chart-note error" : "chart-note", text, parent);
  }

  function legend(parent, quads) {
    var ul = el("ul", "legend", null, parent);
    (quads || QUADS).forEach(function (q) {
      var li = el("li", null, null, ul);
      el("span", "swatch " + q.key, null, li).setAttribute("aria-hidden", "true");
      el("span", null, q.label, li);
    });
    return ul;
  }

  // ---- data helpers -----------------------------------------------------

  // Only paths on this origin are fetched.
  function getJSON(path) {
    if (typeof path !== "string" || path.charAt(0) !== "/" || path.charAt(1) === "/") {
      return Promise.reject(new Error("refusing to fetch " + path));
    }
    return fetch(path, {
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    }).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status + " for " + path.split("?")[0]);
      return r.json();
    });
  }

  // data-query holds a query string ("type=CONSULT&country=IND"); it is
  // parsed and written again so that only a query string can come out of it.
  function queryParams(container) {
    var q = container.getAttribute("data-query") || "";
    if (q.charAt(0) === "?") q = q.slice(1);
    return new URLSearchParams(q);
  }

  function num(x) {
    var n = Number(x);
    return isFinite(n) && n > 0 ? n : 0;
  }

  // Index (1..4) of the largest of q1..q4; ties go to the more conflictual
  // class; 0 when all are zero.
  function dominantQuad(counts) {
    var best = 0;
    var bestN = 0;
    for (var i = 1; i <= 4; i++) {
      var n = num(counts["q" + i]);
      if (n > 0 && n >= bestN) {
        best = i;
        bestN = n;
      }
    }
    return best;
  }

  function quadBreakdown(counts) {
    var parts = [];
    QUADS.forEach(function (q) {
      var n = num(counts[q.key]);
      if (n > 0) parts.push(n + " " + q.label.toLowerCase());
    });
    return parts.join(", ");
  }

  // "Nice" axis ticks from 0 to at least max.
  function ticks(max, count) {
    if (max <= 0) return [0, 1];
    var raw = max / (count || 5);
    var mag = Math.pow(10, Math.floor(Math.log10(raw)));
    var step = [1, 2, 5, 10].map(function (m) { return m * mag; })
      .filter(function (s) { return s >= raw; })[0];
    step = Math.max(1, step);
    var out = [];
    for (var v = 0; v < max + step; v += step) {
      out.push(v);
      if (v >= max) break;
    }
    return out;
  }

  // ---- timeline ---------------------------------------------------------

  var DAY_MS = 86400000;

  function parseDay(s) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(s));
    return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : NaN;
  }

  function formatDay(ms) {
    return new Date(ms).toISOString().slice(0, 10);
  }

  // The weeks from the first to the last, each 7 days on, with zero counts
  // for weeks the API left out; the API's own list when its weeks are not
  // 7 days apart.
  function fillWeeks(weeks) {
    var rows = weeks.filter(function (w) { return w && !isNaN(parseDay(w.week)); })
      .map(function (w) {
        return { week: String(w.week), q1: num(w.q1), q2: num(w.q2), q3: num(w.q3), q4: num(w.q4) };
      })
      .sort(function (a, b) { return parseDay(a.week) - parseDay(b.week); });
    if (rows.length < 2) return rows;
    var first = parseDay(rows[0].week);
    var last = parseDay(rows[rows.length - 1].week);
    var span = Math.round((last - first) / (7 * DAY_MS));
    var regular = rows.every(function (w) {
      return Math.round((parseDay(w.week) - first) / DAY_MS) % 7 === 0;
    });
    if (!regular || span > 5000) return rows;
    var byWeek = {};
    rows.forEach(function (w) { byWeek[w.week] = w; });
    var out = [];
    for (var i = 0; i <= span; i++) {
      var key = formatDay(first + i * 7 * DAY_MS);
      out.push(byWeek[key] || { week: key, q1: 0, q2: 0, q3: 0, q4: 0 });
    }
    return out;
  }

  function drawTimeline(container) {
    var a = container.getAttribute("data-a");
    var b = container.getAttribute("data-b");
    if (!a || !b) return;
    var params = new URLSearchParams();
    params.set("a", a);
    params.set("b", b);
    var fig = figure(container, "Weekly events between " + a + " and " + b);
    var status = note(fig, "Loading the timeline\u2026");
    getJSON("/api/timeline?" + params.toString()).then(function (data) {
      status.remove();
      var weeks = fillWeeks(Array.isArray(data && data.weeks) ? data.weeks : []);
      var total = 0;
      weeks.forEach(function (w) { total += w.q1 + w.q2 + w.q3 + w.q4; });
      if (!weeks.length || total === 0) {
        note(fig, "No events between " + a + " and " + b + ".");
        return;
      }
      renderTimeline(fig, weeks, a, b, total);
    }).catch(function (err) {
      status.remove();
      note(fig, "Could not load the timeline: " + err.message, true);
    });
  }

  function renderTimeline(fig, weeks, a, b, total) {
    var W = 900;
    var H = 320;
    var m = { top: 16, right: 16, bottom: 44, left: 44 };
    var pw = W - m.left - m.right;
    var ph = H - m.top - m.bottom;
    var maxTotal = 0;
    weeks.forEach(function (w) {
      maxTotal = Math.max(maxTotal, w.q1 + w.q2 + w.q3 + w.q4);
    });
    var yt = ticks(maxTotal, 5);
    var yMax = yt[yt.length - 1];
    var y = function (v) { return m.top + ph - (v / yMax) * ph; };
    var slot = pw / weeks.length;
    var gap = slot > 6 ? Math.min(slot * 0.2, 6) : 0;
    var barW = Math.max(slot - gap, 0.5);

    var root = svg("svg", {
      viewBox: "0 0 " + W + " " + H,
      role: "img",
      "aria-label": plural(total, "event") + " between " + a + " and " + b + " by week, " +
        weeks[0].week + " to " + weeks[weeks.length - 1].week
    }, fig);
    svgTitle(root, a + " \u2194 " + b + ": events per week by quad class");

    var grid = svg("g", { "class": "grid" }, root);
    var yAxis = svg("g", { "class": "axis y" }, root);
    yt.forEach(function (v) {
      var yy = round2(y(v));
      svg("line", { x1: m.left, x2: W - m.right, y1: yy, y2: yy }, grid);
      var tick = svg("g", { "class": "tick" }, yAxis);
      svgText(tick, { x: m.left - 6, y: yy, "text-anchor": "end", "dominant-baseline": "middle" }, v);
    });
    svg("line", { x1: m.left, x2: m.left, y1: m.top, y2: m.top + ph }, yAxis);

    var bars = svg("g", { "class": "bars" }, root);
    weeks.forEach(function (w, i) {
      var x = round2(m.left + i * slot + gap / 2);
      var g = svg("g", { "class": "week" }, bars);
      var sum = w.q1 + w.q2 + w.q3 + w.q4;
      svgTitle(g, "Week of " + w.week + ": " + plural(sum, "event") +
        (sum ? " (" + QUADS.map(function (q) {
          return q.label.toLowerCase() + " " + w[q.key];
        }).join(", ") + ")" : ""));
      // a full-height strip, so that a week with few events is easy to point at
      svg("rect", {
        "class": "week-hit", x: round2(m.left + i * slot), y: m.top,
        width: round2(Math.max(slot, 0.5)), height: ph
      }, g);
      var acc = 0;
      QUADS.forEach(function (q) {
        var n = w[q.key];
        if (!n) return;
        var y0 = y(acc);
        var y1 = y(acc + n);
        svg("rect", {
          "class": "bar " + q.key, x: x, y: round2(y1),
          width: round2(barW), height: round2(Math.max(y0 - y1, 0.5))
        }, g);
        acc += n;
      });
    });

    var xAxis = svg("g", { "class": "axis x" }, root);
    svg("line", { x1: m.left, x2: W - m.right, y1: m.top + ph, y2: m.top + ph }, xAxis);
    var every = Math.max(1, Math.ceil(weeks.length / 8));
    for (var i = 0; i < weeks.length; i += every) {
      var cx = round2(m.left + (i + 0.5) * slot);
      var tick = svg("g", { "class": "tick" }, xAxis);
      svg("line", { x1: cx, x2: cx, y1: m.top + ph, y2: m.top + ph + 4 }, tick);
      svgText(tick, { x: cx, y: m.top + ph + 18, "text-anchor": "middle" }, weeks[i].week);
    }
    svgText(xAxis, { x: m.left + pw / 2, y: H - 6, "text-anchor": "middle", "class": "axis-label" },
      "week (Monday)");

    legend(fig);
  }

  // ---- map --------------------------------------------------------------

  // Equirectangular: one SVG unit per degree; the view leaves out most of
  // Antarctica and the high Arctic.
  var MAP_NORTH = 84;
  var MAP_SOUTH = -58;

  function mapX(lon) { return round2(lon + 180); }
  function mapY(lat) { return round2(90 - lat); }

  function ringPath(ring) {
    var parts = [];
    for (var i = 0; i < ring.length; i++) {
      var p = ring[i];
      parts.push((i ? "L" : "M") + mapX(p[0]) + "," + mapY(p[1]));
    }
    return parts.join("") + "Z";
  }

  function geometryPath(geom) {
    if (!geom || !geom.coordinates) return "";
    var polys = geom.type === "Polygon" ? [geom.coordinates]
      : geom.type === "MultiPolygon" ? geom.coordinates : [];
    return polys.map(function (poly) { return poly.map(ringPath).join(""); }).join("");
  }

  function drawMap(container) {
    var params = queryParams(container);
    var fig = figure(container, "Map of event locations");
    var status = note(fig, "Loading the map\u2026");
    Promise.all([
      getJSON("/static/world.json"),
      getJSON("/api/map?" + params.toString())
    ]).then(function (res) {
      status.remove();
      var data = res[1] || {};
      var places = Array.isArray(data.places) ? data.places : [];
      if (data.events !== undefined) {
        note(fig, plural(Number(data.events) || 0, "located event") + " at " + plural(places.length, "place") +
          (data.first_day ? ", " + data.first_day + " to " + data.last_day : "") +
          (data.capped ? " (the newest ones only)" : ""));
      }
      renderMap(fig, res[0], places, params);
    }).catch(function (err) {
      status.remove();
      note(fig, "Could not load the map: " + err.message, true);
    });
  }

  // Places come clustered from the server ({place, country, lat, lon,
  // count, q1..q4}); places that round to one point share a circle.
  function groupLocations(places) {
    var byKey = {};
    var list = [];
    places.forEach(function (p) {
      if (!p || p.lat === null || p.lon === null || p.lat === undefined || p.lon === undefined) return;
      var lat = Number(p.lat);
      var lon = Number(p.lon);
      if (!isFinite(lat) || !isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return;
      var n = Number(p.count) || 0;
      if (n <= 0) return;
      var key = lat.toFixed(2) + "," + lon.toFixed(2);
      var loc = byKey[key];
      if (!loc) {
        loc = byKey[key] = { lat: lat, lon: lon, count: 0, names: {}, countries: {}, q1: 0, q2: 0, q3: 0, q4: 0 };
        list.push(loc);
      }
      loc.count += n;
      var name = p.place ? String(p.place) : "";
      if (name) loc.names[name] = (loc.names[name] || 0) + n;
      if (p.country) loc.countries[String(p.country)] = true;
      [1, 2, 3, 4].forEach(function (q) { loc["q" + q] += Number(p["q" + q]) || 0; });
    });
    return list;
  }

  // The events of one place under the map's own filters.
  function placeLink(params, name) {
    var q = new URLSearchParams(params ? params.toString() : "");
    q.set("place", name);
    return "/events?" + q.toString();
  }

  function byCountDesc(obj) {
    return Object.keys(obj).sort(function (x, y) {
      return obj[y] - obj[x] || (x < y ? -1 : x > y ? 1 : 0);
    });
  }

  function renderMap(fig, world, events, params) {
    var W = 360;
    var top = 90 - MAP_NORTH;
    var H = MAP_NORTH - MAP_SOUTH;
    var locations = groupLocations(events);
    var root = svg("svg", {
      viewBox: "0 " + top + " " + W + " " + H,
      role: "img",
      "aria-label": "World map with " + plural(locations.length, "event location")
    }, fig);

    var land = svg("g", { "class": "countries" }, root);
    var features = world && Array.isArray(world.features) ? world.features : [];
    features.forEach(function (f) {
      var d = geometryPath(f.geometry);
      if (!d) return;
      var path = svg("path", { "class": "country", d: d, "data-country": f.id }, land);
      var name = f.properties && f.properties.name ? f.properties.name : "";
      svgTitle(path, name ? name + " (" + f.id + ")" : String(f.id));
    });

    var maxCount = 0;
    locations.forEach(function (l) { maxCount = Math.max(maxCount, l.count); });
    // big circles first, so that small ones stay on top and clickable
    locations.sort(function (x, y) { return y.count - x.count; });
    var dots = svg("g", { "class": "locations" }, root);
    locations.forEach(function (loc) {
      var names = byCountDesc(loc.names);
      var name = names[0] || "";
      var r = 0.9 + 5.1 * Math.sqrt(loc.count / maxCount);
      var link = svg("a", {
        href: name ? placeLink(params, name) : null,
        "aria-label": (name || "unnamed place") + ": " + plural(loc.count, "event")
      }, dots);
      var circle = svg("circle", {
        "class": "loc q" + dominantQuad(loc),
        cx: mapX(loc.lon), cy: mapY(loc.lat), r: round2(r),
        "data-count": loc.count
      }, link);
      var countries = Object.keys(loc.countries);
      var lines = [
        (names.length ? names.join(" / ") : "Unnamed place") +
          (countries.length ? " (" + countries.join(", ") + ")" : ""),
        plural(loc.count, "event") + (quadBreakdown(loc) ? ": " + quadBreakdown(loc) : "")
      ];
      svgTitle(circle, lines.filter(Boolean).join("\n"));
    });

    var located = 0;
    locations.forEach(function (l) { located += l.count; });
    var cap = el("figcaption", null, null, fig);
    cap.textContent = plural(located, "event") + " at " + plural(locations.length, "place") +
      ". Circle area grows with the number of events; colour is the most frequent quad class. " +
      "Click a circle for its events.";
    if (!locations.length) note(fig, "No events with a location match this query.");
    legend(fig);
  }

  // ---- network ----------------------------------------------------------

  var MAX_NODES = 80;

  function drawNetwork(container) {
    var params = queryParams(container);
    var fig = figure(container, "Network of actors");
    var status = note(fig, "Loading the network\u2026");
    var qs = params.toString();
    getJSON("/api/network" + (qs ? "?" + qs : "")).then(function (data) {
      status.remove();
      var nodes = Array.isArray(data && data.nodes) ? data.nodes : [];
      var links = Array.isArray(data && data.links) ? data.links : [];
      if (!nodes.length) {
        note(fig, "No actors match this query.");
        return;
      }
      renderNetwork(fig, nodes, links);
    }).catch(function (err) {
      status.remove();
      note(fig, "Could not load the network: " + err.message, true);
    });
  }

  function renderNetwork(fig, nodesIn, linksIn) {
    var nodes = nodesIn.filter(function (n) { return n && n.id !== undefined && n.id !== null; })
      .map(function (n) { return { id: String(n.id), count: num(n.count) }; })
      .sort(function (x, y) { return y.count - x.count || (x.id < y.id ? -1 : 1); });
    var dropped = Math.max(0, nodes.length - MAX_NODES);
    nodes = nodes.slice(0, MAX_NODES);
    var W = 800;
    var H = 800;
    var cx = W / 2;
    var cy = H / 2;
    var R = nodes.length > 1 ? 300 : 0;
    var maxNode = 1;
    nodes.forEach(function (n) { maxNode = Math.max(maxNode, n.count); });
    var byId = {};
    nodes.forEach(function (n, i) {
      var angle = -Math.PI / 2 + (2 * Math.PI * i) / nodes.length;
      n.angle = angle;
      n.x = cx + R * Math.cos(angle);
      n.y = cy + R * Math.sin(angle);
      n.r = 5 + 15 * Math.sqrt(n.count / maxNode);
      byId[n.id] = n;
    });
    var links = linksIn.filter(function (l) {
      return l && byId[String(l.source)] && byId[String(l.target)] && String(l.source) !== String(l.target);
    });
    var maxLink = 1;
    links.forEach(function (l) { maxLink = Math.max(maxLink, num(l.count)); });
    // thin links under thick ones
    links.sort(function (x, y) { return num(x.count) - num(y.count); });

    var root = svg("svg", {
      viewBox: "0 0 " + W + " " + H,
      role: "img",
      "aria-label": "Network of " + plural(nodes.length, "actor") + " and " + plural(links.length, "link")
    }, fig);
    var defs = svg("defs", null, root);
    ["q0", "q1", "q2", "q3", "q4"].forEach(function (k) {
      var mk = svg("marker", {
        id: "arrow-" + k, "class": k, viewBox: "0 0 10 10", refX: 9, refY: 5,
        markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto"
      }, defs);
      svg("path", { d: "M0,0L10,5L0,10Z" }, mk);
    });

    var linkLayer = svg("g", { "class": "links" }, root);
    links.forEach(function (l) {
      var s = byId[String(l.source)];
      var t = byId[String(l.target)];
      var count = num(l.count);
      var q = "q" + dominantQuad(l);
      // bend each link to its right, so that A->B and B->A stay apart
      var dx = t.x - s.x;
      var dy = t.y - s.y;
      var len = Math.sqrt(dx * dx + dy * dy) || 1;
      var bend = Math.min(40, len * 0.15);
      var mx = (s.x + t.x) / 2 - (dy / len) * bend;
      var my = (s.y + t.y) / 2 + (dx / len) * bend;
      // start and end at the node edges, along the curve's tangents
      var sdx = mx - s.x, sdy = my - s.y, sl = Math.sqrt(sdx * sdx + sdy * sdy) || 1;
      var tdx = t.x - mx, tdy = t.y - my, tl = Math.sqrt(tdx * tdx + tdy * tdy) || 1;
      var x0 = s.x + (sdx / sl) * (s.r + 1);
      var y0 = s.y + (sdy / sl) * (s.r + 1);
      var x1 = t.x - (tdx / tl) * (t.r + 2);
      var y1 = t.y - (tdy / tl) * (t.r + 2);
      var d = "M" + round2(x0) + "," + round2(y0) + "Q" + round2(mx) + "," + round2(my) +
        " " + round2(x1) + "," + round2(y1);
      var params = new URLSearchParams();
      params.set("a", s.id);
      params.set("b", t.id);
      var a = svg("a", {
        href: "/timeline?" + params.toString(),
        "aria-label": s.id + " to " + t.id + ": " + plural(count, "event")
      }, linkLayer);
      svgTitle(a, s.id + " \u2192 " + t.id + ": " + plural(count, "event") +
        (quadBreakdown(l) ? " (" + quadBreakdown(l) + ")" : ""));
      svg("path", { "class": "link-hit", d: d }, a);
      svg("path", {
        "class": "link " + q, d: d,
        "stroke-width": round2(1 + 7 * Math.sqrt(count / maxLink)),
        "marker-end": "url(#arrow-" + q + ")",
        "data-source": s.id, "data-target": t.id, "data-count": count
      }, a);
    });

    var nodeLayer = svg("g", { "class": "nodes" }, root);
    nodes.forEach(function (n) {
      var g = svg("g", { "class": "node", "data-id": n.id }, nodeLayer);
      svgTitle(g, n.id + ": " + plural(n.count, "event"));
      svg("circle", { cx: round2(n.x), cy: round2(n.y), r: round2(n.r) }, g);
      var cos = Math.cos(n.angle);
      var sin = Math.sin(n.angle);
      var off = n.r + 6;
      svgText(g, {
        x: round2(n.x + cos * off),
        y: round2(n.y + sin * off),
        "text-anchor": R === 0 ? "middle" : cos > 0.3 ? "start" : cos < -0.3 ? "end" : "middle",
        "dominant-baseline": R === 0 ? "hanging" : sin > 0.3 ? "hanging" : sin < -0.3 ? "auto" : "middle"
      }, n.id);
    });

    var cap = el("figcaption", null, null, fig);
    cap.textContent = plural(nodes.length, "actor") + ", " + plural(links.length, "link") +
      (dropped ? " (" + dropped + " less active actors left out)" : "") +
      ". Line width grows with the number of events from one actor to the other; colour is the " +
      "most frequent quad class. Click a line for that pair's timeline.";
    legend(fig);
  }

  // ---- filterable tables ------------------------------------------------

  var filterSeq = 0;

  function bodyRows(table) {
    var rows = [];
    if (table.tBodies.length) {
      for (var i = 0; i < table.tBodies.length; i++) {
        rows.push.apply(rows, Array.prototype.slice.call(table.tBodies[i].rows));
      }
    } else {
      rows = Array.prototype.slice.call(table.rows).filter(function (r) {
        return r.parentNode !== table.tHead && r.parentNode !== table.tFoot;
      });
    }
    return rows;
  }

  function makeFilterable(table) {
    if (table.getAttribute("data-filter-ready")) return;
    table.setAttribute("data-filter-ready", "1");
    filterSeq += 1;
    var box = el("div", "table-filter");
    var id = "table-filter-" + filterSeq;
    var label = el("label", null, "Filter rows", box);
    label.setAttribute("for", id);
    var input = el("input", null, null, box);
    input.type = "search";
    input.id = id;
    input.placeholder = "type to filter";
    input.autocomplete = "off";
    if (table.id) input.setAttribute("aria-controls", table.id);
    var count = el("span", "filter-count", null, box);
    count.setAttribute("aria-live", "polite");
    // above the table, or above its scrolling wrapper
    var anchor = table.parentNode && table.parentNode.classList &&
      table.parentNode.classList.contains("table-wrap") ? table.parentNode : table;
    anchor.parentNode.insertBefore(box, anchor);

    var rows = bodyRows(table);
    var texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
    function apply() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (r, i) {
        var ok = words.every(function (w) { return texts[i].indexOf(w) !== -1; });
        r.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = words.length ? shown + " of " + plural(rows.length, "row") : "";
    }
    input.addEventListener("input", apply);
    // a value the browser restored on "back"
    if (input.value) apply();
  }

  // ---- event links on the article page ----------------------------------

  function flash(node) {
    if (!node) return;
    node.classList.remove("flash");
    void node.getBoundingClientRect(); // restart when clicked again
    node.classList.add("flash");
    clearTimeout(node.heraldFlash);
    node.heraldFlash = setTimeout(function () { node.classList.remove("flash"); }, 1500);
  }

  function onEventLinkClick(e) {
    var target = e.target;
    var link = target && target.closest ? target.closest("a.ev-link") : null;
    if (!link) return;
    var hash = link.hash || "";
    if (hash.length < 2) return;
    var id;
    try {
      id = decodeURIComponent(hash.slice(1));
    } catch (err) {
      id = hash.slice(1);
    }
    flash(document.getElementById(id));
    // and the trigger word itself, where the list item names its event
    var li = link.closest("li");
    var ev = li ? li.getAttribute("data-event") : null;
    if (ev && window.CSS && CSS.escape) {
      var marks = document.querySelectorAll('mark.ev[data-event="' + CSS.escape(ev) + '"]');
      Array.prototype.forEach.call(marks, flash);
    }
  }

  // ---- start ------------------------------------------------------------

  function start() {
    var timeline = document.getElementById("timeline");
    if (timeline) drawTimeline(timeline);
    var map = document.getElementById("map");
    if (map) drawMap(map);
    var network = document.getElementById("network");
    if (network) drawNetwork(network);
    Array.prototype.forEach.call(document.querySelectorAll("table.filterable"), makeFilterable);
    if (document.querySelector("a.ev-link")) document.addEventListener("click", onEventLinkClick);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
