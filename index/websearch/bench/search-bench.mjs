#!/usr/bin/env node
// Browser benchmark of casefile's static search, measured the way
// shared/bench/peers/search-bench.mjs measures Pagefind: an in-process static
// server on 127.0.0.1 that gzips text assets like a typical host, sends
// Cache-Control: no-store and counts bytes per request; headless Chromium
// driven by playwright-core; a cold pass (first time each query is seen in
// the page) then a warm pass; medians over --reps fresh browser profiles.
//
// A query's time runs from ui.run() to its 10 results (with snippets) in
// #results ("results_ms") and to its facets ("total_ms"); its bytes include
// everything fetched for both. First results = navigation to
// search.html?q=court until its results are shown (after_html_ms: from the
// end of the HTML response, comparable to the peer's import+init+search).
// request_floor: what one small request costs in this harness (loopback
// server, request interception, gzip), alone and ten at once; cold queries
// that wait for their ten results' text records cannot beat the second.
//
// The peer method: the same steps, timed the way shared/bench/peers times
// Pagefind, in a third fresh profile per rep. On a blank page of the site's
// origin (the harness serves /__blank.html), import+init runs from adding
// search/manifest.js until the engine is ready, and each query from
// engine.search to its result set, facets and the records of its top five
// (Pagefind: pf.search, whose answer includes the filter counts, then
// data() of the top five). Nothing is drawn. first query =
// import+init + the first query, as the peer's time to first results.
//
// With several --site options (two exports of the same corpus, say before and
// after a change), the sessions alternate between the sites, rep by rep, so
// that a shared machine's load falls on both alike; each site gets its own
// summary (and, with --out, its own file: --out path gains -1, -2, ...).
//
// Usage: node search-bench.mjs N [--reps 3] [--site DIR]... [--queries FILE] [--gzip 1|0]
// Env: BENCH_TOOLS (npm dir with playwright-core), WS_BENCH (default /tmp/ws-bench),
//      BENCH_CORPUS (default /tmp/bench-corpus), CHROMIUM (default /usr/bin/chromium).
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import os from "node:os";
import { createRequire } from "node:module";

const args = process.argv.slice(2);
const N = args[0];
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const REPS = parseInt(opt("--reps", "3"), 10);
const GZIP = opt("--gzip", "1") === "1";
const TOOLS = process.env.BENCH_TOOLS || "/tmp/bench-tools";
const SITES = args.flatMap((a, i) => (a === "--site" ? [path.resolve(args[i + 1])] : []));
if (!SITES.length) SITES.push(path.resolve(path.join(process.env.WS_BENCH || "/tmp/ws-bench", String(N), "site")));
let ROOT = SITES[0];
const QFILE = opt("--queries", path.join(process.env.BENCH_CORPUS || "/tmp/bench-corpus", String(N), "queries.json"));
const OUT = opt("--out", path.join(path.dirname(SITES[0]), "search.json"));
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const require = createRequire(path.join(TOOLS, "package.json"));
const { chromium } = require("playwright-core");

// Pagefind-style queries.json -> query strings (filters become +field:value,
// the 3-letter prefix query becomes a prefix search).
const queries = JSON.parse(fs.readFileSync(QFILE, "utf8")).map((q) => {
  let s = q.q;
  if (q.filters) s = "+" + s + Object.entries(q.filters).map(([k, v]) => ` +${k}:${v}`).join("");
  if (/^[a-z]{3}$/.test(s) && !["the"].includes(s)) s += "*";
  return { q: s, sort: q.sort && q.sort.date ? "date" : "" };
});

const MIME = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json" };
const TEXTY = new Set([".html", ".js", ".css", ".json"]);
let log = [];
const BLANK = "<!doctype html><html lang=en><meta charset=utf-8><title>bench</title><body></body></html>";
const server = http.createServer((req, res) => {
  const u = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (u === "/__blank.html") { res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" }).end(BLANK); return; }
  const p = path.join(ROOT, path.normalize(u));
  if (!p.startsWith(ROOT)) { res.writeHead(403).end(); return; }
  if (!fs.existsSync(p) || fs.statSync(p).isDirectory()) { res.writeHead(404).end(); log.push({ url: u, status: 404, bytes: 0 }); return; }
  const ext = path.extname(p);
  let body = fs.readFileSync(p);
  const headers = { "Content-Type": MIME[ext] || "application/octet-stream", "Cache-Control": "no-store" };
  if (GZIP && TEXTY.has(ext) && /gzip/.test(req.headers["accept-encoding"] || "")) {
    body = zlib.gzipSync(body, { level: 6 });
    headers["Content-Encoding"] = "gzip";
  }
  headers["Content-Length"] = body.length;
  res.writeHead(200, headers);
  res.end(body);
  log.push({ url: u, status: 200, bytes: body.length });
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const BASE = `http://127.0.0.1:${server.address().port}`;
const take = () => { const l = log; log = []; return { requests: l.length, bytes: l.reduce((a, e) => a + e.bytes, 0) }; };

const CHROME_ARGS = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync"];

async function browser() {
  const udd = fs.mkdtempSync(path.join(os.tmpdir(), "ws-bench-chromium-"));
  const ctx = await chromium.launchPersistentContext(udd, { executablePath: CHROMIUM, headless: true, chromiumSandbox: false, args: CHROME_ARGS });
  await ctx.route("**/*", (route) => (route.request().url().startsWith(BASE) ? route.continue() : route.abort()));
  return { ctx, page: ctx.pages()[0] || (await ctx.newPage()), close: async () => { await ctx.close(); fs.rmSync(udd, { recursive: true, force: true }); } };
}

const runQuery = (page, q) => page.evaluate(async (q) => {
  const C = window.casefileSearch;
  C.rendered = C.faceted = 0;
  const t0 = performance.now();
  await C.ui.run(q.q, q.sort);
  const t1 = performance.now();
  const st = document.getElementById("status");
  return { results_ms: (C.rendered || t1) - t0, total_ms: t1 - t0, status: st.textContent,
    first: (document.querySelector("#results a") || {}).href || null };
}, q);

// The harness's own cost of a request, measured in the same page after the
// queries: plain fetches of text records (small files, as most of a query's
// are), one at a time and ten at once. A cold query cannot be faster than the
// requests it must wait for, so this is its floor on this machine and server.
async function fetchFloor(page) {
  const files = fs.readdirSync(path.join(ROOT, "search")).filter((f) => f.startsWith("t-")).sort().slice(0, 20)
    .map((f) => "search/" + f);
  return page.evaluate(async (files) => {
    const one = [];
    for (const f of files.slice(0, 10)) {
      const t = performance.now();
      await (await fetch(f)).text();
      one.push(performance.now() - t);
    }
    const t = performance.now();
    await Promise.all(files.slice(10, 20).map(async (f) => (await fetch(f)).text()));
    one.sort((a, b) => a - b);
    return { one_ms: (one[4] + one[5]) / 2, ten_ms: performance.now() - t };
  }, files);
}

// peerQuery: engine.search, its facets and the records of its top five.
const peerQuery = (page, q) => page.evaluate(async (q) => {
  const E = window.casefileSearch.engine;
  const t0 = performance.now();
  const r = await E.search(q.q, { sort: q.sort, size: 10 });
  const t1 = performance.now();
  const [f, docs] = await Promise.all([E.facets(r.result), Promise.all(r.hits.slice(0, 5).map((h) => E.doc(h.ord)))]);
  const t2 = performance.now();
  return { hits: r.total, search_ms: t1 - t0, total_ms: t2 - t0, facets: Object.keys(f).length, first: docs[0] ? docs[0].u : null };
}, q);

async function peerSession() {
  const b = await browser();
  await b.page.goto(`${BASE}/__blank.html`);
  take();
  const init = await b.page.evaluate(() => new Promise((resolve, reject) => {
    const t0 = performance.now();
    const C = window.casefileSearch = window.casefileSearch || {};
    C.onEngine = () => resolve({ import_init_ms: performance.now() - t0 });
    const s = document.createElement("script");
    s.src = "search/manifest.js";
    s.onerror = () => reject(new Error("manifest.js did not load"));
    document.head.appendChild(s);
  }));
  const out = { init: { ...init, ...take() }, steps: [] };
  for (const pass of ["cold", "warm"]) {
    for (const q of queries) out.steps.push({ pass, q: q.q, sort: q.sort, ...(await peerQuery(b.page, q)), ...take() });
  }
  await b.close();
  return out;
}

async function session(rep) {
  const out = { rep, steps: [] };
  // time to first results: open a search link in a fresh profile
  let b = await browser();
  take();
  const q0 = queries[0];
  await b.page.goto(`${BASE}/search.html?q=${encodeURIComponent(q0.q)}`);
  await b.page.waitForFunction(() => window.casefileSearch && window.casefileSearch.faceted > 0, null, { timeout: 120000 });
  const link = await b.page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0], html = nav ? nav.responseEnd : 0;
    return { booted_ms: casefileSearch.booted, first_results_ms: casefileSearch.rendered, facets_ms: casefileSearch.faceted,
      after_html_ms: casefileSearch.rendered - html };
  });
  out.link = { ...link, ...take() };
  await b.close();
  // cold and warm passes in one page, like the peer harness
  b = await browser();
  await b.page.goto(`${BASE}/search.html`);
  await b.page.waitForFunction(() => window.casefileSearch && window.casefileSearch.ui, null, { timeout: 60000 });
  out.boot = { booted_ms: await b.page.evaluate(() => casefileSearch.booted), ...take() };
  for (const pass of ["cold", "warm"]) {
    for (const q of queries) {
      const r = await runQuery(b.page, q);
      out.steps.push({ pass, q: q.q, sort: q.sort, ...r, ...take() });
    }
  }
  out.floor = await fetchFloor(b.page);
  take();
  await b.close();
  out.peer = await peerSession();
  return out;
}

const sessionsOf = SITES.map(() => []);
for (let i = 0; i < REPS; i++) {
  for (let si = 0; si < SITES.length; si++) {
    ROOT = SITES[si];
    sessionsOf[si].push(await session(i));
  }
}
server.close();

const med = (a) => { const s = [...a].sort((x, y) => x - y); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const pct = (a, p) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };
const r1 = (x) => +x.toFixed(1);
// the peer method's figures, summarised as the peer harness summarises them
function peerSummary(sessions) {
  const pass = (name) => {
    const rows = queries.map((q, qi) => {
      const xs = sessions.map((s) => s.peer.steps.filter((x) => x.pass === name)[qi]);
      return { q: q.q + (q.sort ? " [sort date]" : ""), search_ms: r1(med(xs.map((x) => x.search_ms))),
        total_ms: r1(med(xs.map((x) => x.total_ms))), kb: r1(med(xs.map((x) => x.bytes)) / 1024), requests: med(xs.map((x) => x.requests)) };
    });
    const phrase = rows.find((r) => r.q.startsWith('"'));
    return { median_ms: r1(med(rows.map((r) => r.total_ms))), p95_ms: r1(pct(rows.map((r) => r.total_ms), 95)),
      max_ms: r1(Math.max(...rows.map((r) => r.total_ms))), phrase_ms: phrase ? r1(phrase.total_ms) : null,
      median_kb: r1(med(rows.map((r) => r.kb))), max_kb: r1(Math.max(...rows.map((r) => r.kb))), per_query: rows };
  };
  const init = sessions.map((s) => s.peer.init.import_init_ms);
  return {
    import_init_ms: r1(med(init)),
    time_to_first_results_ms: r1(med(sessions.map((s) => s.peer.init.import_init_ms + s.peer.steps[0].total_ms))),
    bytes_to_first_results_kb: r1(med(sessions.map((s) => s.peer.init.bytes + s.peer.steps[0].bytes)) / 1024),
    cold: pass("cold"), warm: pass("warm"),
  };
}

SITES.forEach((site, si) => {
  const sessions = sessionsOf[si];
  const perQuery = [];
  for (const pass of ["cold", "warm"]) {
    queries.forEach((q, qi) => {
      const rows = sessions.map((s) => s.steps.filter((x) => x.pass === pass)[qi]);
      perQuery.push({ pass, q: q.q + (q.sort ? " [sort date]" : ""), status: rows[0].status.replace(/ for “.*/, ""),
        results_ms: r1(med(rows.map((r) => r.results_ms))), total_ms: r1(med(rows.map((r) => r.total_ms))),
        kb: r1(med(rows.map((r) => r.bytes)) / 1024), requests: med(rows.map((r) => r.requests)) });
    });
  }
  const passSummary = (pass) => {
    const rows = perQuery.filter((r) => r.pass === pass);
    const phrase = rows.find((r) => r.q.startsWith('"'));
    return { median_results_ms: med(rows.map((r) => r.results_ms)), p95_results_ms: pct(rows.map((r) => r.results_ms), 95),
      max_results_ms: Math.max(...rows.map((r) => r.results_ms)), median_total_ms: med(rows.map((r) => r.total_ms)),
      p95_total_ms: pct(rows.map((r) => r.total_ms), 95), max_total_ms: Math.max(...rows.map((r) => r.total_ms)),
      phrase_total_ms: phrase ? phrase.total_ms : null,
      median_kb: med(rows.map((r) => r.kb)), max_kb: Math.max(...rows.map((r) => r.kb)), sum_kb: r1(rows.reduce((a, r) => a + r.kb, 0)) };
  };
  const summary = {
    N: +N, reps: REPS, gzip_text_assets: GZIP,
    first_results: { q: queries[0].q, time_to_first_results_ms: r1(med(sessions.map((s) => s.link.first_results_ms))),
      time_to_facets_ms: r1(med(sessions.map((s) => s.link.facets_ms))),
      after_html_ms: r1(med(sessions.map((s) => s.link.after_html_ms))), kb: r1(med(sessions.map((s) => s.link.bytes)) / 1024),
      requests: med(sessions.map((s) => s.link.requests)) },
    boot: { booted_ms: r1(med(sessions.map((s) => s.boot.booted_ms))), kb: r1(med(sessions.map((s) => s.boot.bytes)) / 1024) },
    // medians over the sessions of fetchFloor: one request, ten at once
    request_floor: { one_ms: r1(med(sessions.map((s) => s.floor.one_ms))), ten_parallel_ms: r1(med(sessions.map((s) => s.floor.ten_ms))) },
    cold: passSummary("cold"), warm: passSummary("warm"),
    peer_method: peerSummary(sessions), per_query: perQuery,
  };
  fs.writeFileSync(SITES.length > 1 ? OUT.replace(/(\.json)?$/, "-" + (si + 1) + "$1") : OUT, JSON.stringify(summary, null, 1));
  if (SITES.length > 1) console.log("== site " + (si + 1) + ": " + site);
  const peer = summary.peer_method;
  console.log(JSON.stringify({ ...summary, per_query: undefined,
    peer_method: { ...peer, cold: { ...peer.cold, per_query: undefined }, warm: { ...peer.warm, per_query: undefined } } }, null, 1));
  console.table(perQuery);
  console.log("peer method, cold pass:");
  console.table(peer.cold.per_query);
});
