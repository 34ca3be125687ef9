// casefile search page: binds the engine to the page's elements
// (#search-form, #q, #sort, #status, #facets, #results, #pager), keeps the
// query in the URL (?q=&sort=&page=) and renders results, snippets and facets.
// Corpus text is only ever inserted as text nodes.
(function (g) {
  'use strict';
  var C = g.casefileSearch = g.casefileSearch || {};
  var E = C.engine;
  if (typeof document === 'undefined' || !E) return;
  var PAGE = 10;
  var $ = function (id) { return document.getElementById(id); };
  var form = $('search-form'), input = $('q'), sortSel = $('sort'), status = $('status'),
    facetsEl = $('facets'), pager = $('pager');
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

  function readURL() {
    var u = new URLSearchParams(location.search);
    return { q: u.get('q') || '', sort: u.get('sort') === 'date' ? 'date' : '', page: Math.max(1, parseInt(u.get('page') || '1', 10) || 1) };
  }
  function href(st) {
    var u = new URLSearchParams();
    if (st.q) u.set('q', st.q);
    if (st.sort) u.set('sort', st.sort);
    if (st.page > 1) u.set('page', String(st.page));
    return '?' + u.toString();
  }
  function go(st, push) {
    if (push) history.pushState(st, '', href(st));
    return run(st);
  }

  function quoteValue(v) { return /^[^\s"\\:^~*?+\-=&|><!(){}\[\]\/]+$/.test(v) ? v : v.replace(/([\\\s"+\-=&|><!(){}\[\]^~*?:\/])/g, '\\$1'); }
  var FACETS = [['source', 'Source'], ['year', 'Year'], ['doctype', 'Type'], ['etype', 'Entity type'], ['entity', 'Entities']];

  function renderFacets(st, f) {
    clear(facetsEl);
    if (!facetsEl) return;
    FACETS.forEach(function (def) {
      var rows = f[def[0]];
      if (!rows || !rows.length) return;
      var ul = el('ul');
      rows.slice(0, def[0] === 'year' ? 30 : 10).forEach(function (r) {
        var clause = '+' + def[0] + ':' + quoteValue(r.value), q = st.q.indexOf(clause) >= 0 ? st.q : (st.q + ' ' + clause).trim();
        var a = el('a', { href: href({ q: q, sort: st.sort, page: 1 }) }, [r.label]);
        a.addEventListener('click', function (ev) { ev.preventDefault(); input.value = q; go({ q: q, sort: st.sort, page: 1 }, true); });
        ul.appendChild(el('li', null, [a, ' ', el('span', { class: 'count' }, [String(r.count)])]));
      });
      var id = 'facet-' + def[0];
      facetsEl.appendChild(el('section', { 'aria-labelledby': id }, [el('h2', { id: id }, [def[1]]), ul]));
    });
  }

  function renderPager(st, total) {
    clear(pager);
    if (!pager) return;
    var pages = Math.ceil(total / PAGE);
    if (pages <= 1) return;
    function link(p, label, rel) {
      if (p === st.page) return el('span', { 'aria-current': 'page' }, [label]);
      var a = el('a', { href: href({ q: st.q, sort: st.sort, page: p }), rel: rel }, [label]);
      a.addEventListener('click', function (ev) { ev.preventDefault(); go({ q: st.q, sort: st.sort, page: p }, true).then(function () { var l = results.querySelector('a'); if (l) l.focus(); }); });
      return a;
    }
    if (st.page > 1) pager.appendChild(link(st.page - 1, 'Previous', 'prev'));
    var from = Math.max(1, st.page - 4), to = Math.min(pages, from + 9);
    for (var p = from; p <= to; p++) { pager.appendChild(document.createTextNode(' ')); pager.appendChild(link(p, String(p))); }
    if (st.page < pages) { pager.appendChild(document.createTextNode(' ')); pager.appendChild(link(st.page + 1, 'Next', 'next')); }
  }

  var seq = 0, baseTitle = document.title;
  function run(st) {
    var my = ++seq;
    input.value = st.q;
    if (sortSel) sortSel.value = st.sort;
    document.title = st.q ? st.q + ' – ' + baseTitle : baseTitle;
    if (!st.q.trim()) {
      clear(results); clear(facetsEl); clear(pager);
      status.textContent = '';
      return Promise.resolve();
    }
    status.textContent = 'Searching…';
    var t0 = performance.now();
    return E.search(st.q, { sort: st.sort, page: st.page, size: PAGE }).then(function (r) {
      if (my !== seq) return;
      var qt = E.queryTerms(st.q);
      return Promise.all(r.hits.map(function (h) { return E.doc(h.ord); })).then(function (docs) {
        if (my !== seq) return;
        clear(results);
        results.setAttribute('start', String((st.page - 1) * PAGE + 1));
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
        status.textContent = r.total === 0 ? 'No results for “' + st.q + '”.' :
          r.total + (r.total === 1 ? ' result' : ' results') + ' for “' + st.q + '”' + (st.sort === 'date' ? ', newest first' : '') +
          (r.total > PAGE ? ', page ' + st.page + ' of ' + Math.ceil(r.total / PAGE) : '') + '.';
        status.setAttribute('data-ms', String(ms));
        C.rendered = performance.now();
        renderPager(st, r.total);
        if (!facetsEl) return;
        // facets after the results are on screen
        return E.facets(r.result).then(function (f) { if (my === seq) { renderFacets(st, f); C.faceted = performance.now(); } });
      });
    }).catch(function (err) {
      if (my !== seq) return;
      clear(results); clear(facetsEl); clear(pager);
      status.textContent = 'Cannot search: ' + (err && err.message || err);
    });
  }

  if (form) form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    go({ q: input.value, sort: sortSel ? sortSel.value : '', page: 1 }, true);
  });
  if (sortSel) sortSel.addEventListener('change', function () {
    go({ q: input.value, sort: sortSel.value, page: 1 }, true);
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
  C.ui = { run: function (q, sort, page) { return go({ q: q, sort: sort || '', page: page || 1 }, true); }, ready: null };
  C.ui.ready = run(readURL());
})(typeof self !== 'undefined' ? self : globalThis);
