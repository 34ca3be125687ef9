// casefile search page: binds the engine to the page's elements
// (#search-form, #q, #sort, #from, #to, #status, #facets, #results, #pager),
// keeps the query in the URL (?q=&sort=&from=&to=&page=) and renders
// results, snippets and facets (with months once the dates span two years at most).
// Corpus text is only ever inserted as text nodes.
(function (g) {
  'use strict';
  var C = g.casefileSearch = g.casefileSearch || {};
  var E = C.engine;
  if (typeof document === 'undefined' || !E) return;
  var PAGE = 10;
  var $ = function (id) { return document.getElementById(id); };
  var form = $('search-form'), input = $('q'), sortSel = $('sort'), status = $('status'),
    facetsEl = $('facets'), pager = $('pager'), fromIn = $('from'), toIn = $('to');
  var results = $('results');
  if (results && results.tagName !== 'OL' && results.tagName !== 'UL') {
    var inner = results.querySelector('ol,ul');
    if (!inner) { inner = document.createElement('ol'); results.appendChild(inner); }
    results = inner;
  }
  if (!input || !results) return;

  // links to documents: URLs in the index are relative to the site root,
  // which is the directory above search/.
  var root = (C.base || '').replace(/search\/$/, '');
  var pageDir = location.href.replace(/[?#].*$/, '').replace(/[^\/]*$/, '');
  var prefix = root && root !== pageDir ? root : '';

  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) if (attrs[k] != null) e.setAttribute(k, attrs[k]);
    (kids || []).forEach(function (c) { if (c != null) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }
  function pieces(ps) {
    var f = document.createDocumentFragment();
    ps.forEach(function (p) { f.appendChild(p.mark ? el('mark', null, [p.text]) : document.createTextNode(p.text)); });
    return f;
  }
  function clear(e) { while (e && e.firstChild) e.removeChild(e.firstChild); }

  function isoDate(v) { return /^\d{4}-\d{2}-\d{2}$/.test(v || '') ? v : ''; }
  // a typed date: a year, a month or a day, as the first (or last) day it covers
  function typedDate(v, end) {
    var m = /^\s*(\d{4})(?:[-\/.](\d{1,2}))?(?:[-\/.](\d{1,2}))?\s*$/.exec(v || '');
    if (!m) return '';
    var y = +m[1], mo = m[2] ? +m[2] : (end ? 12 : 1), d = m[3] ? +m[3] : (end ? new Date(Date.UTC(y, mo, 0)).getUTCDate() : 1);
    if (mo < 1 || mo > 12 || d < 1 || d > 31) return '';
    return isoDate(new Date(Date.UTC(y, mo - 1, d)).toISOString().slice(0, 10));
  }
  function readURL() {
    var u = new URLSearchParams(location.search);
    return { q: u.get('q') || '', sort: u.get('sort') === 'date' ? 'date' : '', from: isoDate(u.get('from')), to: isoDate(u.get('to')),
      page: Math.max(1, parseInt(u.get('page') || '1', 10) || 1) };
  }
  function href(st) {
    var u = new URLSearchParams();
    if (st.q) u.set('q', st.q);
    if (st.sort) u.set('sort', st.sort);
    if (st.from) u.set('from', st.from);
    if (st.to) u.set('to', st.to);
    if (st.page > 1) u.set('page', String(st.page));
    return '?' + u.toString();
  }
  // the state with some fields changed (and back to the first page)
  function with_(st, ch) {
    var out = { q: st.q, sort: st.sort, from: st.from || '', to: st.to || '', page: 1 };
    for (var k in ch) out[k] = ch[k];
    return out;
  }
  function go(st, push) {
    if (push) history.pushState(st, '', href(st));
    return run(st);
  }
  function link(label, st, attrs) {
    var a = el('a', attrs || {}, [label]);
    a.setAttribute('href', href(st));
    a.addEventListener('click', function (ev) { ev.preventDefault(); input.value = st.q; go(st, true); });
    return a;
  }
  function rangeText(st) {
    if (st.from && st.to) return st.from === st.to ? 'on ' + st.from : 'from ' + st.from + ' to ' + st.to;
    return st.from ? 'from ' + st.from : st.to ? 'until ' + st.to : '';
  }
  function monthEnd(m) { var y = +m.slice(0, 4), mo = +m.slice(5, 7); return m + '-' + String(new Date(Date.UTC(y, mo, 0)).getUTCDate()); }

  function quoteValue(v) { return /^[^\s"\\:^~*?+\-=&|><!(){}\[\]\/]+$/.test(v) ? v : v.replace(/([\\\s"+\-=&|><!(){}\[\]^~*?:\/])/g, '\\$1'); }
  var FACETS = [['source', 'Source'], ['year', 'Year'], ['doctype', 'Type'], ['etype', 'Entity type'], ['entity', 'Entities']];

  function renderFacets(st, f, months) {
    clear(facetsEl);
    if (!facetsEl) return;
    function section(key, title, kids) {
      var id = 'facet-' + key;
      facetsEl.appendChild(el('section', { 'aria-labelledby': id }, [el('h2', { id: id }, [title])].concat(kids)));
    }
    if (st.from || st.to) {
      section('dates', 'Dates', [el('p', null, ['Only documents dated ' + rangeText(st) + '. ',
        link('Any date', with_(st, { from: '', to: '' }), { class: 'clear-dates' })])]);
    }
    FACETS.forEach(function (def) {
      var rows = f[def[0]];
      if (!rows || !rows.length) return;
      var ul = el('ul');
      rows.slice(0, def[0] === 'year' ? 30 : 10).forEach(function (r) {
        var clause = '+' + def[0] + ':' + quoteValue(r.value), q = st.q.indexOf(clause) >= 0 ? st.q : (st.q + ' ' + clause).trim();
        ul.appendChild(el('li', null, [link(r.label, with_(st, { q: q })), ' ', el('span', { class: 'count' }, [String(r.count)])]));
      });
      section(def[0], def[1], [ul]);
      // months, once the result set spans two years at most
      if (def[0] === 'year' && months && months.length > 1) {
        var mu = el('ul');
        months.forEach(function (r) {
          mu.appendChild(el('li', null, [link(r.label, with_(st, { from: r.value + '-01', to: monthEnd(r.value) })), ' ',
            el('span', { class: 'count' }, [String(r.count)])]));
        });
        section('month', 'Month', [mu]);
      }
    });
  }

  function renderPager(st, total) {
    clear(pager);
    if (!pager) return;
    var pages = Math.ceil(total / PAGE);
    if (pages <= 1) return;
    function link(p, label, rel) {
      if (p === st.page) return el('span', { 'aria-current': 'page' }, [label]);
      var to = with_(st, { page: p }), a = el('a', { href: href(to), rel: rel }, [label]);
      a.addEventListener('click', function (ev) { ev.preventDefault(); go(to, true).then(function () { var l = results.querySelector('a'); if (l) l.focus(); }); });
      return a;
    }
    if (st.page > 1) pager.appendChild(link(st.page - 1, 'Previous', 'prev'));
    var from = Math.max(1, st.page - 4), to = Math.min(pages, from + 9);
    for (var p = from; p <= to; p++) { pager.appendChild(document.createTextNode(' ')); pager.appendChild(link(p, String(p))); }
    if (st.page < pages) { pager.appendChild(document.createTextNode(' ')); pager.appendChild(link(st.page + 1, 'Next', 'next')); }
  }

  // afterPaint resolves once the browser has painted what is on the page
  // (at most 50 ms later: a hidden tab paints no frames)
  function afterPaint() {
    return new Promise(function (resolve) {
      if (g.requestAnimationFrame) g.requestAnimationFrame(function () { setTimeout(resolve, 0); });
      setTimeout(resolve, 50);
    });
  }
  function sameHits(a, b) {
    if (!a || !b || a.total !== b.total || a.hits.length !== b.hits.length) return false;
    for (var i = 0; i < a.hits.length; i++) if (a.hits[i].ord !== b.hits[i].ord) return false;
    return true;
  }
  // show puts a page of results on screen once their records are loaded;
  // false if a newer search has started meanwhile. #results tells where the
  // page came from (data-from: "hints" or "postings").
  function show(st, r, t0, from) {
    var my = seq, qt = E.queryTerms(st.q);
    return Promise.all(r.hits.map(function (h) { return E.doc(h.ord); })).then(function (docs) {
      if (my !== seq) return false;
      clear(results);
      results.setAttribute('start', String((st.page - 1) * PAGE + 1));
      results.setAttribute('data-from', from);
      docs.forEach(function (d) {
        var meta = [d.d, d.s].filter(Boolean).join(' · ');
        var title = E.highlight(d.t || d.i, qt, 0, (d.t || d.i).length);
        results.appendChild(el('li', null, [
          el('a', { href: prefix + d.u, class: 'result-link' }, [pieces(title)]),
          meta ? el('div', { class: 'meta' }, [meta]) : null,
          el('p', { class: 'snippet' }, [pieces(E.snippet(d.x || '', qt))])
        ]));
      });
      var ms = Math.round(performance.now() - t0);
      var range = rangeText(st) ? ', dated ' + rangeText(st) : '';
      status.textContent = r.total === 0 ? 'No results for “' + st.q + '”' + range + '.' :
        r.total + (r.total === 1 ? ' result' : ' results') + ' for “' + st.q + '”' + range + (st.sort === 'date' ? ', newest first' : '') +
        (r.total > PAGE ? ', page ' + st.page + ' of ' + Math.ceil(r.total / PAGE) : '') + '.';
      status.setAttribute('data-ms', String(ms));
      C.rendered = performance.now();
      renderPager(st, r.total);
      return true;
    });
  }

  var seq = 0, baseTitle = document.title;
  function run(st) {
    var my = ++seq;
    input.value = st.q;
    if (sortSel) sortSel.value = st.sort;
    if (fromIn) fromIn.value = st.from || '';
    if (toIn) toIn.value = st.to || '';
    document.title = st.q ? st.q + ' – ' + baseTitle : baseTitle;
    if (!st.q.trim()) {
      clear(results); clear(facetsEl); clear(pager);
      status.textContent = '';
      return Promise.resolve();
    }
    status.textContent = 'Searching…';
    var t0 = performance.now(), opts = { sort: st.sort, page: st.page, size: PAGE, from: st.from, to: st.to };
    // A one-word query for a common term shows its first page from the
    // engine's hints (E.first) while the full search fetches its postings;
    // the full search scores once that page is on screen, and its answer
    // replaces the page only if it differs.
    var shown = null;
    var quick = E.first ? E.first(st.q, opts).then(function (r) {
      if (!r || my !== seq) return;
      return show(st, r, t0, 'hints').then(function (ok) { if (ok) shown = r; });
    }).catch(function () {}) : Promise.resolve();
    var painted = quick.then(function () { return shown && afterPaint(); });
    opts.wait = painted;
    var full = E.search(st.q, opts);
    return painted.then(function () { return full; }).then(function (r) {
      if (my !== seq) return;
      return (sameHits(shown, r) ? Promise.resolve(true) : show(st, r, t0, 'postings')).then(function (ok) {
        if (!ok || !facetsEl) return;
        // facets after the results are on screen; months only when the
        // results span two years at most (the dates column of a wider
        // result set would be read for nothing)
        return E.facets(r.result).then(function (f) {
          var narrow = E.months && f.year && f.year.length && f.year.length <= 2;
          return Promise.all([f, narrow ? E.months(r.result) : null]);
        }).then(function (x) {
          if (my === seq) { renderFacets(st, x[0], x[1]); C.faceted = performance.now(); }
        });
      });
    }).catch(function (err) {
      if (my !== seq) return;
      clear(results); clear(facetsEl); clear(pager);
      status.textContent = 'Cannot search: ' + (err && err.message || err);
    });
  }

  function fromForm() {
    return { q: input.value, sort: sortSel ? sortSel.value : '', from: fromIn ? typedDate(fromIn.value, false) : '', to: toIn ? typedDate(toIn.value, true) : '', page: 1 };
  }
  if (form) form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    go(fromForm(), true);
  });
  [sortSel, fromIn, toIn].forEach(function (x) {
    if (x) x.addEventListener('change', function () { if (input.value.trim()) go(fromForm(), true); });
  });
  g.addEventListener('popstate', function () { run(readURL()); });

  // keyboard: "/" focuses the search box, arrows move through results
  document.addEventListener('keydown', function (ev) {
    var a = document.activeElement, typing = a && (a.tagName === 'INPUT' || a.tagName === 'TEXTAREA' || a.tagName === 'SELECT' || a.isContentEditable);
    if (ev.key === '/' && !typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey) { ev.preventDefault(); input.focus(); input.select(); return; }
    if (ev.key !== 'ArrowDown' && ev.key !== 'ArrowUp') return;
    var links = Array.prototype.slice.call(results.querySelectorAll('a.result-link'));
    if (!links.length) return;
    var i = links.indexOf(a);
    if (a === input && ev.key === 'ArrowDown') i = -1;
    else if (i < 0) return;
    ev.preventDefault();
    var j = ev.key === 'ArrowDown' ? Math.min(links.length - 1, i + 1) : i - 1;
    if (j < 0) input.focus(); else links[j].focus();
  });

  C.booted = performance.now();
  C.ui = { run: function (q, sort, page, from, to) { return go({ q: q, sort: sort || '', page: page || 1, from: from || '', to: to || '' }, true); }, ready: null };
  C.ui.ready = run(readURL());
})(typeof self !== 'undefined' ? self : globalThis);
