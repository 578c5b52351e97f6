// Browser test of the pages of `herald serve`.
//
//   cd web-tests && npm install        (once; installs playwright-core only)
//   HERALD_URL=http://127.0.0.1:8089 node --test web-tests/ui.test.mjs
//
// The server must already be running on HERALD_URL over a store that holds
// the G20 test article (Blinken and Lavrov meet on the sidelines, coded as
// CONSULT USA -> RUS with a located place) and the article `xss-test`, whose
// text contains `<script>window.__xss=1</script>` and `<b>bold</b>`. This test
// starts no server. Browser: $CHROMIUM (default /usr/bin/chromium).
// Screenshots go to $SCREENSHOT_DIR (default target/ui-screenshots).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { chromium } from "playwright-core";

const BASE = (process.env.HERALD_URL || "http://127.0.0.1:8089").replace(/\/+$/, "");
const SHOTS = resolve(process.env.SCREENSHOT_DIR || "target/ui-screenshots");
const EXECUTABLE = process.env.CHROMIUM || "/usr/bin/chromium";
const TIMEOUT_MS = 15000;

let browser;
// the article page found by the search test, for the article test
let articleUrl = null;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: EXECUTABLE, args: ["--no-sandbox"] });
});

after(async () => {
  if (browser) await browser.close();
});

// A fresh page that records script errors and Content-Security-Policy
// violations, which every test checks before it ends.
async function openPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const problems = [];
  page.on("pageerror", (err) => problems.push(`script error: ${err.message}`));
  page.on("console", (msg) => {
    const text = msg.text();
    if (msg.type() === "error" && /Content Security Policy|Refused to/i.test(text)) {
      problems.push(`CSP: ${text}`);
    }
  });
  const done = async () => {
    await context.close();
    assert.deepEqual(problems, [], "script errors or CSP violations on the page");
  };
  return { page, done };
}

async function go(page, path) {
  const response = await page.goto(BASE + path, { waitUntil: "load" });
  assert.ok(response, `no response for ${path}`);
  assert.equal(response.status(), 200, `HTTP status of ${path}`);
  return response;
}

async function shot(page, name) {
  await page.screenshot({ path: resolve(SHOTS, name), fullPage: true });
}

test("a. search for Lavrov finds the article", { timeout: 60000 }, async () => {
  const { page, done } = await openPage();
  await go(page, "/");
  const input = page.locator("form#search input[name=q]");
  await input.fill("Lavrov");
  // the search is a GET form: its result page has q=Lavrov in the address
  await Promise.all([
    page.waitForURL((url) => url.searchParams.get("q") === "Lavrov"),
    input.press("Enter"),
  ]);
  await page.waitForSelector("#results a");
  const links = await page.$$eval("#results a", (as) =>
    as.map((a) => ({ href: a.getAttribute("href") || "", text: a.textContent || "" })));
  assert.ok(links.length >= 1, "at least one result link");
  const first = links.find((l) => l.href.startsWith("/articles/"));
  assert.ok(first, `a result links to /articles/...: ${JSON.stringify(links)}`);
  await go(page, first.href);
  articleUrl = first.href;
  await done();
});

test("b. the article page marks the CONSULT event and links it to its sentence", { timeout: 60000 }, async () => {
  assert.ok(articleUrl, "test a found the article");
  const { page, done } = await openPage();
  await go(page, articleUrl);

  const mark = page.locator('#text mark.ev[data-type="CONSULT"]');
  assert.ok(await mark.count() >= 1, "a CONSULT trigger is marked in #text");
  // the stylesheet is served and applies: the trigger has a background
  const bg = await mark.first().evaluate((m) => getComputedStyle(m).backgroundColor);
  assert.ok(bg && bg !== "rgba(0, 0, 0, 0)" && bg !== "transparent", `mark.ev background: ${bg}`);

  const items = page.locator('#events li.event[data-type="CONSULT"]');
  const n = await items.count();
  assert.ok(n >= 1, "a CONSULT event in the side list");
  // the meeting between the two: a CONSULT USA -> RUS item whose link leads
  // to a sentence that speaks of meeting
  let item = null;
  let id = null;
  let dyads = 0;
  for (let i = 0; i < n && !item; i++) {
    const text = await items.nth(i).textContent();
    if (!(text.includes("USA") && text.includes("RUS"))) continue;
    dyads += 1;
    const href = await items.nth(i).locator("a.ev-link").first().getAttribute("href");
    assert.match(href || "", /^#s\d+$/, "the event link points at a sentence");
    const sentence = page.locator(`[id="${href.slice(1)}"]`);
    assert.equal(await sentence.count(), 1, `one element with id ${href.slice(1)}`);
    assert.ok(await sentence.evaluate((e) => e.classList.contains("sent")), `${href} is a .sent`);
    if (/\bmeeting\b|\bmet\b|\bmeet\b/i.test(await sentence.textContent())) {
      item = items.nth(i);
      id = href.slice(1);
    }
  }
  assert.ok(dyads >= 1, "a CONSULT event between USA and RUS in the side list");
  assert.ok(item, "one of them is read from a sentence about the meeting");
  const link = item.locator("a.ev-link").first();

  // following the link targets the sentence and app.js flashes it
  await link.click();
  await page.waitForFunction((sid) => {
    const e = document.getElementById(sid);
    return e && e.matches(":target") && e.classList.contains("flash");
  }, id);

  await shot(page, "article.png");
  await done();
});

test("c. article text is shown as text, never run as markup", { timeout: 60000 }, async () => {
  const { page, done } = await openPage();
  await go(page, "/articles/xss-test");
  const xss = await page.evaluate(() => typeof window.__xss);
  assert.equal(xss, "undefined", "the <script> in the article text did not run");
  const text = await page.locator("#text").textContent();
  assert.ok(text.includes("<script>"), "#text shows the literal <script>");
  assert.ok(text.includes("<b>bold</b>"), "#text shows the literal <b>bold</b>");
  assert.equal(await page.locator("#text script, #text b").count(), 0, "no script or b element in #text");
  await shot(page, "xss.png");
  await done();
});

test("d. events table, map and timeline pages", { timeout: 90000 }, async (t) => {
  await t.test("events table", async () => {
    const { page, done } = await openPage();
    await go(page, "/events?type=CONSULT");
    const table = page.locator("table#events-table");
    assert.equal(await table.count(), 1, "table#events-table");
    const rows = () => table.evaluate((tb) =>
      Array.from(tb.rows).filter((r) => r.querySelector("td") && !r.hidden).length);
    const all = await rows();
    assert.ok(all >= 1, "at least one event row");
    // the client-side row filter, where the table has one
    if (await table.evaluate((tb) => tb.classList.contains("filterable"))) {
      const box = page.locator(".table-filter input");
      await box.fill("zzqx-no-such-text");
      assert.equal(await rows(), 0, "the filter hides rows without the text");
      await box.fill("");
      assert.equal(await rows(), all, "clearing the filter shows every row");
    }
    await shot(page, "events.png");
    await done();
  });

  await t.test("map", async () => {
    const { page, done } = await openPage();
    await go(page, "/map");
    await page.waitForSelector("#map svg circle");
    const countries = await page.locator("#map svg path.country").count();
    assert.ok(countries > 100, `country shapes drawn: ${countries}`);
    const href = await page.locator("#map svg a").first().getAttribute("href");
    assert.match(href || "", /^\/events\?place=/, "a circle links to its place's events");
    await shot(page, "map.png");
    await done();
  });

  await t.test("timeline", async () => {
    const { page, done } = await openPage();
    await go(page, "/timeline?a=USA&b=RUS");
    await page.waitForSelector("#timeline svg rect");
    assert.ok(await page.locator("#timeline svg rect.bar").count() >= 1, "at least one bar");
    await shot(page, "timeline.png");
    await done();
  });
});

// The rows of the events table: article, day, type, source and target cells.
async function eventRows(page) {
  return page.locator("table#events-table tbody tr").evaluateAll((rows) => rows.map((r) => ({
    article: r.getAttribute("data-article"),
    day: r.cells[0].textContent.trim(),
    type: r.cells[1].textContent.trim(),
    source: r.cells[2].textContent.trim(),
    target: r.cells[3].textContent.trim(),
  })));
}

// The fixture web-tests/fixtures/dyad-weeks.jsonl holds one USA/RUS story a
// day from 2024-01-01 to 2024-02-05.
test("e. events pages follow each other, newest or oldest first", { timeout: 60000 }, async () => {
  const { page, done } = await openPage();
  await go(page, "/events?a=USA&b=RUS&from=2024-01-01&limit=10");
  const total = await page.locator("#total").textContent();
  const n = Number((total.match(/(\d+) events/) || [])[1]);
  assert.ok(n >= 36, `the total counts every match: ${total}`);
  const first = await eventRows(page);
  assert.equal(first.length, 10, "ten rows a page");
  await page.locator("a#next").click();
  await page.waitForLoadState("load");
  assert.match(page.url(), /after=/, "the next page is keyed by the last row");
  const second = await eventRows(page);
  assert.equal(second.length, 10);
  const seen = new Set(first.map((r) => r.article + r.type));
  assert.ok(second.every((r) => !seen.has(r.article + r.type)), "no row shown twice");
  const days = first.concat(second).map((r) => r.day);
  assert.deepEqual(days, [...days].sort().reverse(), "newest first across pages");
  await page.locator("a#sort-oldest").click();
  await page.waitForLoadState("load");
  const oldest = (await eventRows(page)).map((r) => r.day);
  assert.equal(oldest[0], "2024-01-01", "oldest first starts at the first fixture day");
  assert.deepEqual(oldest, [...oldest].sort(), "oldest first");
  await shot(page, "events-pages.png");
  await done();
});

test("f. facets narrow the table and filters can be removed", { timeout: 60000 }, async () => {
  const { page, done } = await openPage();
  await go(page, "/events?country=RUS&from=2024-01-01&to=2024-02-05");
  const facet = page.locator("#facets ul[data-facet='type'] a", { hasText: "ACCUSE" });
  assert.equal(await facet.count(), 1, "a type facet with a link for ACCUSE");
  const count = Number(await page.locator("#facets ul[data-facet='type'] li", { hasText: "ACCUSE" }).locator(".count").textContent());
  assert.ok(count >= 1);
  await facet.click();
  await page.waitForLoadState("load");
  assert.match(page.url(), /type=ACCUSE/);
  const rows = await eventRows(page);
  assert.equal(rows.length, count, "the facet count is the number of rows");
  assert.ok(rows.every((r) => r.type === "ACCUSE"), "every row is an ACCUSE event");
  const chips = page.locator("#active-filters li.chip");
  assert.deepEqual(await chips.evaluateAll((l) => l.map((c) => c.getAttribute("data-filter"))), ["type", "country", "from", "to"]);
  await page.locator("#active-filters li[data-filter='type'] a.remove").click();
  await page.waitForLoadState("load");
  assert.doesNotMatch(page.url(), /type=/, "the type filter is gone");
  assert.match(page.url(), /country=RUS/, "the others stay");
  // an unknown code is an error, not an unfiltered table
  const bad = await page.goto(BASE + "/events?country=Russia");
  assert.equal(bad.status(), 400);
  assert.match(await page.locator("#error").textContent(), /unknown actor code/);
  await done();
});

test("g. a week of the timeline opens that pair's events of that week", { timeout: 60000 }, async () => {
  const { page, done } = await openPage();
  await go(page, "/timeline?a=USA&b=RUS");
  const week = page.locator("#weeks tbody tr", { hasText: "2024-01-08" });
  assert.equal(await week.count(), 1, "the week of 2024-01-08 is listed");
  const cells = await week.locator("td").allTextContents();
  const expected = cells.slice(1).reduce((a, c) => a + Number(c), 0);
  await week.locator("a").click();
  await page.waitForLoadState("load");
  assert.match(page.url(), /a=USA&b=RUS&from=2024-01-08&to=2024-01-14/);
  const rows = await eventRows(page);
  assert.equal(rows.length, expected, "as many events as the timeline counted");
  for (const r of rows) {
    assert.ok(r.day >= "2024-01-08" && r.day <= "2024-01-14", `${r.day} is in that week`);
    const pair = [r.source, r.target].sort().join(" ");
    assert.equal(pair, "RUS USA", `the row is between USA and RUS: ${JSON.stringify(r)}`);
  }
  await shot(page, "timeline-week.png");
  await done();
});

test("h. the actor page shows events over time and partners", { timeout: 60000 }, async () => {
  const { page, done } = await openPage();
  await go(page, "/actors/RUS");
  assert.match(await page.locator("h1#actor").textContent(), /RUS \(Russia/);
  const month = page.locator("#months tbody tr", { hasText: "2024-01" });
  assert.equal(await month.count(), 1, "January 2024 is a month of its events");
  assert.ok(await page.locator("#partners tbody tr", { hasText: "USA" }).count() >= 1, "the USA is a partner");
  await month.locator("a").click();
  await page.waitForLoadState("load");
  assert.match(page.url(), /country=RUS&from=2024-01-01&to=2024-01-31/);
  const rows = await eventRows(page);
  assert.ok(rows.length >= 30, `January's events: ${rows.length}`);
  assert.ok(rows.every((r) => /RUS/.test(r.source + r.target)), "every row has RUS");
  await shot(page, "actor.png");
  await done();
});
