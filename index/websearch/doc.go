// Package websearch exports casefile's bleve index as static, sharded files
// that a small JavaScript engine searches inside the browser, with the same
// analysis, query syntax, BM25 scores and ordering as `casefile search`, and
// without a server: every file is a plain <script> that registers its data on
// the global casefileSearch, so the site also works when opened from file://.
//
// # Files (all under search/ in the site)
//
//   - manifest.js (fixed name, small): field codes, BM25 averages, the
//     names of the column chunks, facet values, and the names of the
//     engine script and of the hot file, which it then loads.
//   - dict-*.js: dictionary shards (about 512 keys: a shard starts at a
//     key whose hash is a boundary, so a changed term rewrites its own
//     shard only; past 24 KB, at a key whose hash is one of a looser kind,
//     so that no shard grows far larger). A key is a field code byte followed by the term as bleve
//     indexed it; keys are front-coded. Each entry holds the document
//     frequency and either the postings inline (rare terms) or a reference
//     into a postings pack, plus, for "_all", a reference into a positions
//     pack.
//   - pairs (pairs.go): for two "_all" terms whose positions are long
//     (Options.PairMinPositions), the documents where one follows the other
//     one or two positions later in the same field, as dictionary entries
//     of their own (key code 'p', postings without frequencies, never in the
//     hot file). A two-word phrase of such terms reads its pair instead of
//     both terms' positions ("motion to dismiss" at 50k: 599 KB -> 196 KB).
//   - post-*.js: postings (document ordinals delta+varint, or a bitmap when
//     denser; term frequencies unless all are 1), packed per shard; lists over
//     8 KB get their own file so a common term costs only itself.
//   - pos-*.js: positions for phrases, only fetched by phrase queries; to
//     the engine a position is pos*2+f where f tells title (0) from text
//     (1), so phrase terms must share a field as in bleve. A term's
//     positions are bit-packed (positions.go): per posting, how many are in
//     the title, then each field's gaps Rice-coded with the term's
//     parameter for that field; the count comes from the term frequencies
//     in the postings, which a phrase reads anyway (50k: "motion" 393 KB of
//     varints -> 264 KB).
//   - hot-*.js: the directory (first key and file of every dictionary
//     shard, the text groups), and the common terms (postings of 8 KB or
//     more) with their postings and positions files, so that they need no
//     dictionary shard, and for "_all" terms the ten documents a one-word
//     query shows first (by relevance and by date, ranked as the engine
//     ranks). The search page shows that first page, with the term's
//     document frequency as the total, as soon as the hot file and the text
//     pack are in (engine.js first), so a shared link to a common word
//     needs neither its postings nor the field lengths to show results;
//     the facets and later pages wait for the full search, which ranks from
//     the postings, and whose page replaces the first should they differ
//     (TestFirstPage holds the hints to bleve's first page).
//   - tp-*.js: text packs: for each list of hints in the hot file, the
//     text records it names in one file, named by the hash of their keys
//     and contents. A one-word query for a common term loads its likely
//     first page with one request instead of ten: over HTTP/1.1 a browser
//     opens six connections to a host, so the ten records and the postings
//     took two waves of requests. A query of two or three plain words
//     requests the packs of its common words the same way: its first page
//     is often within them (by date always), which then spares the wave of
//     text records after the postings. A record the packs do not hold (or
//     a pack that fails to load) comes from its own file, as before.
//   - dl-, fc-, dt-*.js: per-document columns in chunks of 65,536
//     ordinals: field lengths (BM25 norms, a file per field) and date rank
//     as fixed-width little-endian integers, which the engine reads through
//     a typed array; facet values (source, doctype, year, entity types) as
//     text, a column after another, each value a fixed number of base64
//     characters (one, for a column under 64 values), which gzip packs
//     better than the varints in base64 they replaced (50k: 93 -> 66 KB).
//   - eb-*.js: entities' ids and document lists in blocks of 16, 32, 64,
//     ... entities by document frequency; the entity facet of a large
//     result set reads blocks until no rarer entity can reach its top ten.
//   - dates-*.js: the distinct indexed dates, so date ranges can be scored
//     the way bleve's numeric range searcher scores them.
//   - ent-*.js: entity display names, ordered by document frequency.
//   - t-<group>-<i>.js: one per document: title, URL, date, source,
//     entities (id, name, type) and the first 12 KB of text for snippets;
//     a group of documents (it starts at a document whose id hashes to a
//     boundary, 128 on average) shares the hash of its records.
//   - engine-*.js: the analyser tables, the engine and the UI, one script.
//
// # Agreeing with bleve
//
// The engine reproduces bleve v2.6.1 as it is, quirks included, and the
// conformance test holds it to that:
//
//   - BM25's average field length is ceil(distinct terms of the field /
//     documents). bleve sums the distinct terms of every segment, and its
//     prefix and range searchers also enumerate terms whose documents are
//     all deleted but not yet merged away; the export counts the distinct
//     live terms of the whole index, as a merge into one segment would
//     leave it, and `casefile search` (index.Search, through
//     index.LiveReader) scores with those same statistics, so the two agree
//     on any segment layout without a forced merge.
//   - A query norm 1/sqrt(sum of (boost*idf)^2) multiplies every term score,
//     and a disjunction multiplies by matched/total clauses; a clause that is
//     only stop words is dropped (not counted), a term absent from the index
//     still counts, and a bare number also adds an (empty) numeric range
//     clause, so "year:2017" scores half of its term.
//   - Date ranges are scored as bleve's numeric range searcher does: a
//     disjunction over the prefix-coded terms that cover the range.
//   - to_lower leaves bytes unmoved after a rune whose lower case is shorter
//     (İ, K, Å, Ω, ẞ), so "İstanbul" indexes as "i\ufffdstanbu".
//   - A quoted keyword value (source:"Daily Ledger") matches the exact
//     value, as it does on a persisted index.
//
// # Exporting again
//
// Every file but manifest.js is named by the hash of its content, and a
// KeyedSink (site.Output) keeps a file it already has without making it
// again. With Options.CacheDir the export keeps its state (every term's
// encoded postings and positions, every document's columns and text hash)
// and the next export reads from the index only the documents whose
// Doc.Key changed, new ones and deleted ones (through their doc values and
// one term reader per term), patches the state and writes the files from
// it exactly as a full export would: TestIncremental holds the two to the
// same bytes. Shards and text groups start where a key or an id hashes to a
// boundary, so a change rewrites the shards and groups it touches; document
// ordinals are positions in the sorted ids, so a new or deleted document
// also changes the postings lists that run past it.
//
// # Loading
//
// Data files are scripts of the form casefileSearch.d("<hash>", <JSON>),
// where the JSON is a base64 string (binary data: varints, bitmaps) or an
// object. From file:// the engine adds <script> elements; over http(s) it
// fetches the same files and parses the JSON, which needs no script
// compilation. manifest.js starts the engine and requests the common-term
// list (and the field lengths, when the URL carries a query) at once. When
// the URL's query is one plain word, page 1, without dates, and that word
// is a common term as it stands, manifest.js also requests its text pack
// as soon as the common-term list registers, before the engine has booted:
// the first page shown from the hints waits for nothing else.
//
// Document ordinals are positions in the id-sorted list of documents, so
// ties in score break by id exactly as bleve's sort [-_score, _id] does, and
// the output does not depend on bleve's segments, internal doc numbers,
// indexing order or GOMAXPROCS.
//
// # Search page contract
//
// The page (search.html at the site root) contains
//
//	<form id="search-form" role="search" action="search.html">
//	  <label for="q">Search</label>
//	  <input id="q" name="q" type="search">
//	  <select id="sort" name="sort"><option value="">Relevance</option><option value="date">Newest first</option></select>
//	  <label for="from">From</label> <input id="from" name="from">   (optional)
//	  <label for="to">To</label> <input id="to" name="to">           (optional)
//	</form>
//	<div id="status" aria-live="polite"></div>
//	<nav id="facets" aria-label="Refine"></nav>
//	<ol id="results"></ol>
//	<nav id="pager" aria-label="Pages"></nav>
//	<script src="search/manifest.js"></script>
//
// and nothing else: manifest.js loads the engine and UI. The page may also
// name Stats.Preload in its head, as <link rel="preload" href="search/..."
// as="script">, so that the browser requests the engine and the common
// terms beside manifest.js rather than after it has run; manifest.js then
// takes them from the preloads (the site's search page does this). The query lives in
// the URL (search.html?q=...&sort=date&from=2017-01-01&to=2017-06-30&page=2).
// From and To (a year, a month or a day, as typed) filter the result set by
// date (both ends included) without changing scores; the facets then add
// the result set's months once they span two years at most, each a link
// that narrows the dates to it.
package websearch

//go:generate go run ./internal/gen/tables -o assets/tables.js

import "embed"

// Assets holds the browser scripts Export copies into the site.
//
//go:embed assets/*.js assets/search.html
var Assets embed.FS
