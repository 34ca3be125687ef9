// Loads an exported site's search files into node the way a page would (the
// same scripts, registering on globalThis.casefileSearch) and answers JSON
// requests on stdin: {analyze: [text], parse: [query], search: [{q, sort, size, files}], first: [{q, sort}],
// positions: [{b: base64, tfs, fields}], columns: [{b: base64, at, n}]}
// (files: list the files the search loaded).
// Used by the Go tests (conformance, analyser equivalence, parser).
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";

const site = process.argv[2];
const searchDir = path.join(site, "search");
globalThis.self = globalThis;
const run = (f) => vm.runInThisContext(fs.readFileSync(path.join(searchDir, f), "utf8"), { filename: f });
const loaded = []; // files loaded since the last search that asked for them
globalThis.casefileSearch = { noBoot: true, loadFile: (f) => { loaded.push(f); return run(f); } };
run("manifest.js");
for (const f of casefileSearch.m.boot) run(f);
const E = casefileSearch.engine;

const req = JSON.parse(fs.readFileSync(0, "utf8"));
if (req.tuning) Object.assign(E.tuning, req.tuning);
const out = {};
if (req.analyze) out.analyze = req.analyze.map((t) => E.analyze(t).map((x) => [x.term, x.pos]));
if (req.tokenize) out.tokenize = req.tokenize.map((t) => E.tokenize(t).map((x) => x.t));
if (req.stem) out.stem = req.stem.map((w) => E.stem(w));
if (req.lower) out.lower = req.lower.map((w) => E.lower(w));
if (req.columns) out.columns = req.columns.map((x) => {
  const col = new Uint32Array(x.at + x.n);
  E.fixedColumn(new Uint8Array(Buffer.from(x.b, "base64")), col, x.at, x.n);
  return Array.from(col.subarray(x.at));
});
if (req.positions) out.positions = req.positions.map((x) => {
  const r = E.decodePositions(new Uint8Array(Buffer.from(x.b, "base64")), 0, Uint32Array.from(x.tfs), x.tfs.length, x.fields);
  return { starts: Array.from(r.starts), vals: Array.from(r.vals) };
});
if (req.parse) out.parse = req.parse.map((q) => { try { return { ok: E.parse(q) }; } catch (e) { return { err: String(e.message) }; } });
if (req.search) {
  out.search = [];
  for (const s of req.search) {
    try {
      if (s.files) loaded.length = 0;
      const t0 = performance.now();
      const r = await E.search(s.q, { sort: s.sort || "", size: s.size || 10, page: s.page || 1, from: s.from, to: s.to });
      const hits = [];
      for (const h of r.hits) hits.push({ id: (await E.doc(h.ord)).i, score: h.score });
      const res = { total: r.total, hits, ms: performance.now() - t0 };
      if (s.facets) res.facets = await E.facets(r.result);
      if (s.months) res.months = await E.months(r.result);
      if (s.files) res.files = loaded.splice(0);
      out.search.push(res);
    } catch (e) {
      out.search.push({ err: String(e && e.message || e) });
    }
  }
}
// first: E.first's page (null when the query has none), as ids
if (req.first) {
  out.first = [];
  for (const s of req.first) {
    const r = await E.first(s.q, { sort: s.sort || "", size: s.size || 10 });
    const ids = [];
    if (r) for (const h of r.hits) ids.push((await E.doc(h.ord)).i);
    out.first.push(r ? { total: r.total, ids } : null);
  }
}
process.stdout.write(JSON.stringify(out));
