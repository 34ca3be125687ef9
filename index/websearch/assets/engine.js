// casefile browser search engine. Reads the static index exported by
// casefile/index/websearch and answers bleve query-string queries with the
// same analysis, matching, BM25 scores and order as `casefile search`.
// No dependencies, no eval, no network access beyond <script> loads of the
// site's own search/ files (which also works from file://).
(function (g) {
  'use strict';
  var C = g.casefileSearch = g.casefileSearch || {};
  C.p = C.p || {};
  C.w = C.w || {};
  C.we = C.we || {};
  C.pre = C.pre || {};
  if (!C.d) {
    C.d = function (k, v) {
      C.p[k] = v;
      var f = C.w[k];
      if (f) { delete C.w[k]; f(v); }
    };
  }
  var T = C.tables;

  // ---------------------------------------------------------------------------
  // Analysis: bleve's "en" analyser (unicode tokenizer, possessive_en,
  // to_lower, stop_en, porter).

  var DQ = 1, SQ = 2, HL = 4, CR = 8, LF = 16, NL = 32, EXT = 64, FMT = 128, KATA = 256,
    AL = 512, ML = 1024, MN = 2048, MNL = 4096, NUM = 8192, ENL = 16384, RI = 32768,
    HANGUL = 65536, HAN = 131072, HIRA = 262144;

  var wbCp = [], wbMask = [];
  (function () {
    var w = T.wb, cp = 0;
    for (var i = 0; i < w.length; i += 2) { cp += w[i]; wbCp.push(cp); wbMask.push(w[i + 1]); }
  })();
  var ascii = new Int32Array(128);
  function propsSlow(cp) {
    var lo = 0, hi = wbCp.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (wbCp[mid] <= cp) lo = mid; else hi = mid - 1;
    }
    return wbMask[lo];
  }
  for (var ai = 0; ai < 128; ai++) ascii[ai] = propsSlow(ai);
  function props(cp) { return cp < 128 ? ascii[cp] : propsSlow(cp); }

  // A tiny NFA for the Ragel scanner of blevesearch/segment (segment_words.rl).
  // Nodes: {m: mask, neg: bool, out: node} for a character, {e: [nodes]} for
  // epsilon moves, {acc: patternIndex} for accepting.
  function frag(start, outs) { return { s: start, o: outs }; }
  function chr(mask, neg) { var n = { m: mask, neg: !!neg, out: null }; return frag(n, [n]); }
  function patch(outs, node) { for (var i = 0; i < outs.length; i++) { if (outs[i].e) outs[i].e.push(node); else outs[i].out = node; } }
  function eps() { var n = { e: [] }; return frag(n, [n]); }
  function seq() {
    var a = arguments[0]();
    for (var i = 1; i < arguments.length; i++) { var b = arguments[i](); patch(a.o, b.s); a = frag(a.s, b.o); }
    return a;
  }
  // Combinators take thunks so every use builds fresh nodes.
  function S() { var xs = arguments; return function () { return seq.apply(null, xs); }; }
  function A() {
    var xs = arguments;
    return function () {
      var n = { e: [] }, outs = [];
      for (var i = 0; i < xs.length; i++) { var f = xs[i](); n.e.push(f.s); outs = outs.concat(f.o); }
      return frag(n, outs);
    };
  }
  function Star(x) {
    return function () {
      var n = { e: [] }, f = x();
      n.e.push(f.s); patch(f.o, n);
      var out = { e: [] }; n.e.push(out);
      return frag(n, [out]);
    };
  }
  function Plus(x) { return S(x, Star(x)); }
  function Ch(mask, neg) { return function () { return chr(mask, neg); }; }
  function Eps() { return eps(); }

  var EF = Star(Ch(EXT | FMT));
  function Ex(mask) { return S(Ch(mask), EF); }
  var HangulEx = Ex(HANGUL), HebOrAL = Ex(HL | AL), NumEx = Ex(NUM), KatEx = Ex(KATA),
    MidLetterEx = Ex(ML | MNL | SQ), MidNumericEx = Ex(MN | MNL | SQ), ENLEx = Ex(ENL),
    HanEx = Ex(HAN), HiraEx = Ex(HIRA), SQEx = Ex(SQ), DQEx = Ex(DQ), HLEx = Ex(HL), RIEx = Ex(RI);
  var numRun = S(NumEx, Star(S(A(Star(ENLEx), MidNumericEx), NumEx)));
  var katRun = S(KatEx, Star(S(Star(ENLEx), KatEx)));
  var letRun = S(HebOrAL, Star(S(A(Star(ENLEx), MidLetterEx), HebOrAL)));
  var hebQ = S(HLEx, A(SQEx, S(DQEx, HLEx)));
  var body = function (withENL) {
    var alts = [hebQ, numRun, letRun];
    if (withENL) alts.push(ENLEx);
    return A(katRun, Plus(A.apply(null, alts)));
  };
  var patterns = [
    S(Star(ENLEx), NumEx, Star(S(A(Star(ENLEx), MidNumericEx), NumEx)), Star(ENLEx)), // WordNumeric
    Plus(HangulEx), // WordHangul
    Plus(KatEx), // WordKatakana
    S(Star(ENLEx), body(true), Star(S(Plus(ENLEx), body(false))), Star(ENLEx)), // Word
    HanEx, HiraEx, // WordHan, WordHiragana
    Plus(RIEx), // WordRegional (None)
    S(Ch(CR), Ch(LF)), Ch(CR), Ch(LF), Ch(NL), // None
    EF, // WordExt (None)
    S(Ch(NL | CR | LF, true), EF) // Other (None)
  ];
  var WORD_PATTERNS = 6;
  var nfaStart = { e: [] };
  patterns.forEach(function (p, i) { var f = p(); nfaStart.e.push(f.s); patch(f.o, { acc: i }); });

  var gen = 0;
  function addState(list, n) {
    if (n.g === gen) return;
    n.g = gen;
    if (n.e) { for (var i = 0; i < n.e.length; i++) addState(list, n.e[i]); } else list.push(n);
  }
  // longest match at UTF-16 offset i of text: returns the pattern and sets
  // scanEnd to the offset after it. Code points are read in place (a lone
  // surrogate is one), and the two state lists are reused: no allocation.
  var scanEnd = 0, scanA = [], scanB = [], scanStart = [];
  // the start's epsilon closure, the same for every scan
  gen++;
  addState(scanStart, nfaStart);
  function scan(text, i) {
    var cur = scanStart, next = scanA, best = -1, bestPat = -1, at = i, n = text.length;
    for (;;) {
      if (at > i) {
        var minAcc = -1;
        for (var k = 0; k < cur.length; k++) {
          var a = cur[k].acc;
          if (a !== undefined && (minAcc < 0 || a < minAcc)) minAcc = a;
        }
        if (minAcc >= 0) { best = at; bestPat = minAcc; }
      }
      if (at >= n) break;
      var c = text.codePointAt(at), p = props(c);
      next.length = 0;
      gen++;
      for (var j = 0; j < cur.length; j++) {
        var nd = cur[j];
        if (nd.acc !== undefined) continue;
        var ok = nd.neg ? (p & nd.m) === 0 : (p & nd.m) !== 0;
        if (ok) addState(next, nd.out);
      }
      if (!next.length) break;
      var t = cur === scanStart ? scanB : cur; cur = next; next = t;
      at += c > 0xffff ? 2 : 1;
    }
    if (best < 0) { scanEnd = i + (text.codePointAt(i) > 0xffff ? 2 : 1); return 12; }
    scanEnd = best;
    return bestPat;
  }

  function isAsciiAlnum(c) { return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122); }

  // eachToken calls fn(start, end, position) for each word of text (UTF-16
  // offsets), walking the string in place: snippets tokenize every result's
  // text, and per-text arrays or per-token objects cost more than the scan.
  function eachToken(text, fn) {
    var n = text.length, pos = 1;
    for (var k = 0; k < n;) {
      var c0 = text.charCodeAt(k), end = -1, pat = -1;
      if (isAsciiAlnum(c0)) {
        // a run of ASCII letters and digits ends the word when what follows
        // cannot continue it (UAX#29 WB5-WB13 need a letter, digit, "_",
        // Extend/Format, or a Mid* character followed by a letter or digit);
        // a code unit >= 128 starts a code point >= 128
        var j = k + 1;
        while (j < n && isAsciiAlnum(text.charCodeAt(j))) j++;
        var c1 = j < n ? text.charCodeAt(j) : -1;
        if (c1 < 0 || (c1 < 128 && ascii[c1] === 0)) { end = j; pat = 3; }
        else if (c1 < 128 && c1 !== 95 && (ascii[c1] & (ML | MN | MNL | SQ))) {
          var c2 = j + 1 < n ? text.charCodeAt(j + 1) : -1;
          if (c2 < 0 || (c2 < 128 && !isAsciiAlnum(c2) && c2 !== 95)) { end = j; pat = 3; }
        }
      } else if (c0 < 128 && (ascii[c0] & (CR | LF | NL))) {
        end = k + (c0 === 13 && text.charCodeAt(k + 1) === 10 ? 2 : 1); pat = 12; // a line break: CR LF, or one character
      } else if (c0 < 128 && c0 !== 95 && (k + 1 === n || text.charCodeAt(k + 1) < 128)) {
        end = k + 1; pat = 12; // punctuation or space: a None segment, no word pattern starts with it
      }
      if (pat < 0) { pat = scan(text, k); end = scanEnd; }
      if (pat < WORD_PATTERNS) fn(k, end, pos++);
      k = end;
    }
  }

  // tokenize: [{t: text, s: start, e: end (UTF-16 offsets), p: position}]
  function tokenize(text) {
    var out = [];
    eachToken(text, function (s, e, p) { out.push({ t: text.slice(s, e), s: s, e: e, p: p }); });
    return out;
  }

  // lower case as Go's unicode.ToLower, plus bleve's final-sigma rule
  var lowerMap = new Map();
  (function () {
    var l = T.lower;
    for (var i = 0; i < l.length; i += 4) {
      for (var j = 0; j < l[i + 1]; j++) { var r = l[i] + j * l[i + 2]; lowerMap.set(r, r + l[i + 3]); }
    }
  })();
  function utf8len(c) { return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4; }
  function lowerCp(r) { return lowerMap.has(r) ? lowerMap.get(r) : r; }
  // Go's utf8.DecodeRune: [rune, width]; invalid input gives [0xFFFD, 1]
  function decodeRune(b, i) {
    var c = b[i], n = b.length;
    if (c < 0x80) return [c, 1];
    var need, min, r;
    if (c >= 0xc2 && c <= 0xdf) { need = 1; r = c & 0x1f; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { need = 2; r = c & 0x0f; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { need = 3; r = c & 0x07; min = 0x10000; }
    else return [0xfffd, 1];
    if (i + need >= n) return [0xfffd, 1];
    for (var k = 1; k <= need; k++) {
      var cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return [0xfffd, 1];
      r = (r << 6) | (cc & 0x3f);
    }
    if (r < min || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) return [0xfffd, 1];
    return [r, need + 1];
  }
  function encodeRune(b, j, r) {
    if (r < 0x80) { b[j] = r; return 1; }
    if (r < 0x800) { b[j] = 0xc0 | (r >> 6); b[j + 1] = 0x80 | (r & 0x3f); return 2; }
    if (r < 0x10000) { b[j] = 0xe0 | (r >> 12); b[j + 1] = 0x80 | ((r >> 6) & 0x3f); b[j + 2] = 0x80 | (r & 0x3f); return 3; }
    b[j] = 0xf0 | (r >> 18); b[j + 1] = 0x80 | ((r >> 12) & 0x3f); b[j + 2] = 0x80 | ((r >> 6) & 0x3f); b[j + 3] = 0x80 | (r & 0x3f); return 4;
  }
  function goBytesToLower(s) {
    var out = [], tmp = new Uint8Array(4);
    for (var i = 0; i < s.length;) {
      var d = decodeRune(s, i), w = encodeRune(tmp, 0, lowerCp(d[0]));
      for (var k = 0; k < w; k++) out.push(tmp[k]);
      i += d[1];
    }
    return Uint8Array.from(out);
  }
  // bleve's to_lower filter (toLowerDeferredCopy), byte for byte, including
  // what it does when a lower-case rune is shorter (İ, K, Å, Ω, ẞ): later
  // unchanged bytes are not moved, as in bleve v2.6.1.
  function lowerBytes(src) {
    var s = src.slice(), j = 0, n = s.length;
    for (var i = 0; i < n;) {
      var d = s[i] < 0x80 ? [s[i], 1] : decodeRune(s, i), r = d[0], wid = d[1], l = lowerCp(r);
      if (l === r) { i += wid; j += wid; continue; }
      if (l === 0x3c3 && i + 2 === n) l = 0x3c2;
      var lw = utf8len(l);
      if (lw > wid) {
        var rest = goBytesToLower(s.subarray(i)), out = new Uint8Array(j + rest.length);
        out.set(s.subarray(0, j)); out.set(rest, j);
        return out;
      }
      encodeRune(s, j, l);
      i += wid; j += lw;
    }
    return s.subarray(0, j);
  }
  function goRunes(b) {
    var out = [];
    for (var i = 0; i < b.length;) { var d = decodeRune(b, i); out.push(d[0]); i += d[1]; }
    return out;
  }
  var utf8enc = new TextEncoder();
  // lower: a string in, a string out (bytes bleve would leave invalid become U+FFFD)
  function lower(str) { return String.fromCodePoint.apply(null, goRunes(lowerBytes(utf8enc.encode(str)))); }
  function isAsciiStr(str) { for (var i = 0; i < str.length; i++) if (str.charCodeAt(i) > 127) return false; return true; }
  function asciiLower(str) {
    var out = '';
    for (var i = 0; i < str.length; i++) { var c = str.charCodeAt(i); out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : str[i]; }
    return out;
  }
  function possessive(s) {
    var n = s.length;
    if (n < 2) return s;
    var last = s.charCodeAt(n - 1);
    if (last !== 115 && last !== 83) return s;
    var prev = s.charCodeAt(n - 2);
    if (prev === 0x27 || prev === 0x2019 || prev === 0xff07) return s.slice(0, n - 2);
    return s;
  }
  var stop = new Set(T.stop);

  // Porter stemmer, a faithful port of blevesearch/go-porterstemmer
  // (including its departures from the paper), on arrays of code points.
  function isCons(s, i) {
    var c = s[i];
    if (c === 97 || c === 101 || c === 105 || c === 111 || c === 117) return false;
    if (c === 121) return i === 0 ? true : !isCons(s, i - 1);
    return true;
  }
  function measure(s) {
    var n = s.length, m = 0, i = 0;
    if (n === 0) return 0;
    while (isCons(s, i)) { i++; if (i >= n) return 0; }
    outer: while (i < n) {
      while (!isCons(s, i)) { i++; if (i >= n) break outer; }
      while (isCons(s, i)) { i++; if (i >= n) { m++; break outer; } }
      m++;
    }
    return m;
  }
  function cpArr(str) { var a = []; for (var i = 0; i < str.length; i++) a.push(str.charCodeAt(i)); return a; }
  var SUF = {};
  function suf(x) { return SUF[x] || (SUF[x] = cpArr(x)); }
  function hasSuffix(s, x) {
    var f = suf(x), n = s.length - 1, m = f.length - 1;
    if (n <= m) return false;
    for (var i = 0; i <= m; i++) if (f[i] !== s[n - m + i]) return false;
    return true;
  }
  function containsVowel(s) { for (var i = 0; i < s.length; i++) if (!isCons(s, i)) return true; return false; }
  function dblCons(s) { var n = s.length; return n >= 2 && s[n - 1] === s[n - 2] && isCons(s, n - 1); }
  function cvc(s) { var n = s.length; return n >= 3 && isCons(s, n - 3) && !isCons(s, n - 2) && isCons(s, n - 1); }
  function step1a(s) {
    var n = s.length;
    if (hasSuffix(s, 'sses')) return s.slice(0, n - 2);
    if (hasSuffix(s, 'ies')) return s.slice(0, n - 2);
    if (hasSuffix(s, 'ss')) return s;
    if (hasSuffix(s, 's')) return s.slice(0, n - 1);
    return s;
  }
  function step1bTail(s, sub, n, ls, setE) {
    var c = sub[sub.length - 1];
    if (hasSuffix(sub, 'at') || hasSuffix(sub, 'bl') || hasSuffix(sub, 'iz')) {
      var r = s.slice(0, n - ls + 1);
      if (setE) r[r.length - 1] = 101;
      return r;
    }
    if (c !== 108 && c !== 115 && c !== 122 && dblCons(sub)) return sub.slice(0, sub.length - 1);
    if (measure(sub) === 1 && cvc(sub) && c !== 119 && c !== 120 && c !== 121) {
      var r2 = s.slice(0, n - ls + 1);
      r2[r2.length - 1] = 101;
      return r2;
    }
    return sub;
  }
  function step1b(s) {
    var n = s.length;
    if (hasSuffix(s, 'eed')) {
      if (measure(s.slice(0, n - 3)) > 0) return s.slice(0, n - 1);
      return s;
    }
    if (hasSuffix(s, 'ed')) {
      var sub = s.slice(0, n - 2);
      if (containsVowel(sub)) return step1bTail(s, sub, n, 2, false);
      return s;
    }
    if (hasSuffix(s, 'ing')) {
      var sub2 = s.slice(0, n - 3);
      if (containsVowel(sub2)) return step1bTail(s, sub2, n, 3, true);
      return s;
    }
    return s;
  }
  function step1c(s) {
    var n = s.length;
    if (n < 2) return s;
    if (s[n - 1] === 121 && containsVowel(s.slice(0, n - 1))) { s = s.slice(); s[n - 1] = 105; }
    else if (s[n - 1] === 89 && containsVowel(s.slice(0, n - 1))) { s = s.slice(); s[n - 1] = 73; }
    return s;
  }
  // step2 rules: [suffix, edits as [index from end, char], new length delta]
  function m0(s, x) { return measure(s.slice(0, s.length - suf(x).length)) > 0; }
  function edit(s, sets, cut) {
    var n = s.length, r = s.slice();
    for (var i = 0; i < sets.length; i += 2) r[n - sets[i]] = sets[i + 1];
    return r.slice(0, n - cut);
  }
  var E = 101, L = 108;
  var step2Rules = [
    ['ational', [5, E], 4], ['tional', [], 2], ['enci', [1, E], 0], ['anci', [1, E], 0], ['izer', [], 1],
    ['bli', [1, E], 0], ['alli', [], 2], ['entli', [], 2], ['eli', [], 2], ['ousli', [], 2],
    ['ization', [5, E], 4], ['ation', [3, E], 2], ['ator', [2, E], 1], ['alism', [], 3],
    ['iveness', [], 4], ['fulness', [], 4], ['ousness', [], 4], ['aliti', [], 3], ['iviti', [3, E], 2],
    ['biliti', [5, L, 4, E], 3], ['logi', [], 1]
  ];
  function step2(s) {
    for (var i = 0; i < step2Rules.length; i++) {
      var r = step2Rules[i];
      if (hasSuffix(s, r[0])) return m0(s, r[0]) ? edit(s, r[1], r[2]) : s;
    }
    return s;
  }
  var step3Rules = [['icate', 3], ['ative', 5], ['alize', 3], ['iciti', 3], ['ical', 2], ['ful', 3], ['ness', 4]];
  function step3(s) {
    for (var i = 0; i < step3Rules.length; i++) {
      var r = step3Rules[i];
      if (hasSuffix(s, r[0])) return m0(s, r[0]) ? s.slice(0, s.length - r[1]) : s;
    }
    return s;
  }
  var step4Rules = ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ion', 'ou', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize'];
  function step4(s) {
    for (var i = 0; i < step4Rules.length; i++) {
      var x = step4Rules[i];
      if (hasSuffix(s, x)) {
        var sub = s.slice(0, s.length - x.length);
        if (x === 'ion') {
          var c = sub[sub.length - 1];
          return measure(sub) > 1 && (c === 115 || c === 116) ? sub : s;
        }
        return measure(sub) > 1 ? sub : s;
      }
    }
    return s;
  }
  function step5a(s) {
    var n = s.length;
    if (s[n - 1] === 101) {
      var sub = s.slice(0, n - 1), m = measure(sub);
      if (m > 1) return sub;
      if (m === 1) {
        var c = sub[sub.length - 1];
        if (!(cvc(sub) && c !== 119 && c !== 120 && c !== 121)) return sub;
      }
    }
    return s;
  }
  function step5b(s) {
    var n = s.length;
    if (n > 2 && s[n - 2] === 108 && s[n - 1] === 108 && measure(s.slice(0, n - 1)) > 1) return s.slice(0, n - 1);
    return s;
  }
  function stemCps(s) {
    if (s.length > 2) s = step5b(step5a(step4(step3(step2(step1c(step1b(step1a(s))))))));
    return String.fromCodePoint.apply(null, s);
  }
  function stem(word) { return stemCps(Array.from(word, function (ch) { return ch.codePointAt(0); })); }

  // analyze: bleve "en" analyser; tokens keep position and UTF-16 offsets.
  // token text -> analysed term ('' for a stop word); filters are pure, so
  // memoising them cannot change a result
  var termCache = new Map();
  function termOf(raw) {
    var term = termCache.get(raw);
    if (term === undefined) {
      term = filterToken(raw);
      if (termCache.size > 100000) termCache.clear();
      termCache.set(raw, term);
    }
    return term;
  }
  function analyze(text) {
    var out = [];
    eachToken(text, function (s, e, p) {
      var term = termOf(text.slice(s, e));
      if (term !== '') out.push({ term: term, pos: p, start: s, end: e });
    });
    return out;
  }
  function filterToken(raw) {
    var p = possessive(raw), term;
    if (isAsciiStr(p)) {
      var lo = asciiLower(p);
      if (stop.has(lo)) return '';
      term = stem(lo);
    } else {
      var lb = lowerBytes(utf8enc.encode(p)), cps = goRunes(lb);
      var valid = utf8enc.encode(String.fromCodePoint.apply(null, cps)).length === lb.length && cps.indexOf(0xfffd) < 0;
      if (valid && stop.has(String.fromCodePoint.apply(null, cps))) return '';
      term = stemCps(cps);
    }
    return term;
  }

  // ---------------------------------------------------------------------------
  // Loading

  var M = null;
  function man() {
    if (!M) { M = C.m; if (!M) throw new Error('search index manifest not loaded'); }
    return M;
  }
  var pending = {};
  var useFetch = typeof fetch === 'function' && typeof location !== 'undefined' && /^https?:$/.test(location.protocol);
  function load(kind, key) {
    if (C.p[key] !== undefined) return Promise.resolve(C.p[key]);
    if (pending[key]) return pending[key];
    var file = (kind === 't' ? 't-' : kind + '-') + key + '.js';
    var pr = new Promise(function (resolve, reject) {
      C.w[key] = resolve;
      if (C.pre && C.pre[key]) {
        // already requested by manifest.js
        C.we[key] = function () { delete C.w[key]; reject(new Error('could not load ' + file)); };
        return;
      }
      if (C.loadFile) {
        Promise.resolve(C.loadFile(file)).then(function () {
          if (C.p[key] === undefined) reject(new Error('search file did not register: ' + file));
        }, reject);
        return;
      }
      if (useFetch) {
        // over http(s), fetch and parse the registration's payload (JSON):
        // no script to compile; file:// pages cannot fetch, so they use <script>
        fetch((C.base || 'search/') + file).then(function (r) {
          if (!r.ok) throw new Error('could not load ' + file);
          return r.text();
        }).then(function (txt) {
          C.d(key, JSON.parse(txt.slice(txt.indexOf(',') + 1, txt.lastIndexOf(')'))));
        }).catch(function (err) { delete C.w[key]; reject(err); });
        return;
      }
      var el = document.createElement('script');
      el.src = (C.base || 'search/') + file;
      el.async = true;
      el.onerror = function () { delete C.w[key]; reject(new Error('could not load ' + file)); };
      el.onload = function () { el.remove(); };
      document.head.appendChild(el);
    });
    pending[key] = pr;
    pr.then(function () { delete pending[key]; }, function () { delete pending[key]; });
    return pr;
  }
  function take(key) { var v = C.p[key]; delete C.p[key]; return v; }
  // Browsers with Uint8Array.fromBase64 (Chromium 140, Firefox 133, Safari
  // 18.2) decode natively; a cold page's first query decodes a few hundred
  // KB, which the loop over atob's string took tens of milliseconds for.
  var fromBase64 = typeof Uint8Array.fromBase64 === 'function' ? Uint8Array.fromBase64 : null;
  function b64(s) {
    if (fromBase64) return fromBase64(s);
    var bin = atob(s), n = bin.length, out = new Uint8Array(n);
    for (var i = 0; i < n; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  function Reader(b, off) { this.b = b; this.i = off || 0; }
  Reader.prototype.uv = function () {
    var b = this.b, x = 0, mul = 1, c;
    do { c = b[this.i++]; x += (c & 127) * mul; mul *= 128; } while (c & 128);
    return x;
  };
  // uvs decodes n varints of b from offset i into out (from 0) and returns
  // the offset after them: one call per array keeps the loop hot
  function uvs(b, i, out, n) {
    for (var k = 0; k < n; k++) {
      var c = b[i++];
      if (c < 128) { out[k] = c; continue; }
      var x = c & 127, mul = 128;
      do { c = b[i++]; x += (c & 127) * mul; mul *= 128; } while (c & 128);
      out[k] = x;
    }
    return i;
  }
  var memo = {};
  function cached(key, fn) {
    if (memo[key]) return memo[key];
    var p = fn();
    memo[key] = p;
    p.catch(function () { delete memo[key]; });
    return p;
  }
  function loadBin(kind, key) {
    return cached(kind + key, function () { return load(kind, key).then(function () { return b64(take(key)); }); });
  }
  function loadJSON(kind, key) {
    return cached(kind + key, function () { return load(kind, key).then(function () { return take(key); }); });
  }

  var hexTab = [];
  for (var hx = 0; hx < 256; hx++) hexTab.push((hx < 16 ? '0' : '') + hx.toString(16));
  function hexOf(bytes, n) { var s = ''; for (var i = 0; i < n; i++) s += hexTab[bytes[i]]; return s; }
  var enc = new TextEncoder();
  function keyHex(field, term) {
    var code = man().fields[field];
    var b = enc.encode(term);
    return hexTab[code.charCodeAt(0)] + hexOf(b, b.length);
  }

  // dictionary shards
  function shardFor(hexKey) {
    var d = dir().dict, lo = 0, hi = d.length - 1;
    if (!d.length || hexKey < d[0][0]) return -1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (d[mid][0] <= hexKey) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  function loadShard(si) {
    var key = dir().dict[si][1];
    return cached('D' + key, function () {
      return loadBin('dict', key).then(function (b) {
        var r = new Reader(b), packs = [], posPacks = [], i, n;
        n = r.uv();
        for (i = 0; i < n; i++) { var l = r.uv(); packs.push(String.fromCharCode.apply(null, b.subarray(r.i, r.i + l))); r.i += l; }
        n = r.uv();
        for (i = 0; i < n; i++) { var l2 = r.uv(); posPacks.push(String.fromCharCode.apply(null, b.subarray(r.i, r.i + l2))); r.i += l2; }
        n = r.uv();
        var keys = [], entries = new Map(), kb = new Uint8Array(256), klen = 0;
        for (i = 0; i < n; i++) {
          var common = r.uv(), sl = r.uv();
          if (common + sl > kb.length) { var nk = new Uint8Array((common + sl) * 2); nk.set(kb.subarray(0, common)); kb = nk; }
          kb.set(b.subarray(r.i, r.i + sl), common); r.i += sl; klen = common + sl;
          var hk = hexOf(kb, klen);
          var e = { key: hk, bytes: kb.slice(0, klen), df: r.uv(), inline: null, pack: null, off: 0, len: 0, ppack: null, poff: 0, plen: 0 };
          var mode = r.uv();
          if (mode === 0) { var il = r.uv(); e.inline = b.subarray(r.i, r.i + il); r.i += il; }
          else { e.pack = packs[r.uv()]; e.off = r.uv(); e.len = r.uv(); }
          if (kb[0] === 97) { e.ppack = posPacks[r.uv()]; e.poff = r.uv(); e.plen = r.uv(); }
          keys.push(hk); entries.set(hk, e);
        }
        return { keys: keys, entries: entries };
      });
    });
  }
  // the common terms, whose postings need no dictionary shard
  // (the same file lists the dictionary shards and the text groups)
  var hotP = null, DIR = null;
  function hot() {
    if (hotP) return hotP;
    var m = man();
    hotP = loadJSON('hot', m.hot).then(function (f) {
      var h = new Map();
      DIR = { dict: f.dict, text: f.text };
      f.rows.forEach(function (r) {
        var kb = new Uint8Array(r[0].length / 2);
        for (var i = 0; i < kb.length; i++) kb[i] = parseInt(r[0].substr(2 * i, 2), 16);
        h.set(r[0], { key: r[0], bytes: kb, df: r[1], inline: null, pack: r[2], off: 0, len: -1,
          ppack: r[3] || null, poff: r[4] || 0, plen: r[5] || 0, hint: r[6] || null, hintDate: r[7] || null,
          tpack: r[8] || null, tpackDate: r[9] || null });
      });
      return h;
    });
    return hotP;
  }
  function dir() {
    if (!DIR) throw new Error('search directory not loaded');
    return DIR;
  }
  function lookup(field, term) { return lookupHex(keyHex(field, term)); }
  function lookupHex(hk) {
    return hot().then(function (h) {
      var e = h.get(hk);
      if (e) return e;
      var si = shardFor(hk);
      if (si < 0) return null;
      return loadShard(si).then(function (sh) { return sh.entries.get(hk) || null; });
    });
  }
  // all dictionary entries of field whose term starts with prefix
  function prefixEntries(field, prefix) {
    return hot().then(function () { return prefixEntriesIn(field, prefix); });
  }
  function prefixEntriesIn(field, prefix) {
    var ph = keyHex(field, prefix), d = dir().dict, shards = [];
    // the directory tells every shard the prefix can reach: request them at once
    for (var i = Math.max(0, shardFor(ph)); i < d.length && !(d[i][0] > ph && d[i][0].slice(0, ph.length) !== ph); i++) shards.push(loadShard(i));
    return Promise.all(shards).then(function (shs) {
      var out = [];
      shs.forEach(function (sh) {
        for (var k = 0; k < sh.keys.length; k++) if (sh.keys[k].slice(0, ph.length) === ph) out.push(sh.entries.get(sh.keys[k]));
      });
      return out;
    });
  }
  function postings(e) {
    return cached('P' + e.key, function () {
      var src = e.inline ? Promise.resolve(e.inline) : loadBin('post', e.pack).then(function (b) { return e.len < 0 ? b : b.subarray(e.off, e.off + e.len); });
      return src.then(function (b) { return decodePostings(b, e.df); });
    });
  }
  function decodePostings(b, df) {
        var r = new Reader(b), flags = r.uv(), ords = new Int32Array(df), i;
        if (flags & 2) {
          var first = r.uv(), nb = r.uv(), k = 0;
          for (i = 0; i < nb; i++) {
            var x = b[r.i + i];
            if (x) for (var bit = 0; bit < 8; bit++) if (x & (1 << bit)) ords[k++] = first + i * 8 + bit;
          }
          r.i += nb;
        } else {
          r.i = uvs(b, r.i, ords, df);
          for (i = 1; i < df; i++) ords[i] += ords[i - 1];
        }
        var tfs = null;
        if (!(flags & 1)) { tfs = new Uint32Array(df); r.i = uvs(b, r.i, tfs, df); }
        return { ords: ords, tfs: tfs };
  }
  // positions: per posting, tfs[i] of them as pos*F+f (F composite
  // fields), sorted; bit-packed as positions.go describes
  function positions(e) {
    return cached('Q' + e.key, function () {
      return Promise.all([loadBin('pos', e.ppack), postings(e)]).then(function (r) {
        return decodePositions(r[0], e.poff, r[1].tfs, e.df, man().pos.length);
      });
    });
  }
  // (the bit reader lives in local variables, and a run of 1 bits is
  // counted with Math.clz32: in node, warm, the 256,658 positions of
  // "motion" on the 50k benchmark decode in about 8 ms)
  var RICE_ESCAPE = 24;
  function decodePositions(b, off, tfs, df, F) {
    var ks = b.subarray(off, off + F), i = off + F, len = b.length, acc = 0, n = 0, last = F - 1;
    var total = 0, p, f, j, x;
    for (p = 0; p < df; p++) total += tfs ? tfs[p] : 1;
    var starts = new Int32Array(df + 1), vals = new Int32Array(total), counts = new Int32Array(F), tmp = null, w = 0;
    for (p = 0; p < df; p++) {
      var tf = tfs ? tfs[p] : 1, rest = tf, at = w;
      starts[p] = w;
      for (f = 0; f < last; f++) {
        // a field's count in unary (rarely more than a bit)
        for (x = 0; x <= tf; x++) {
          if (!n) { acc = i < len ? b[i] : 0; i++; n = 8; }
          var bit = acc & 1;
          acc >>>= 1; n--;
          if (!bit) break;
        }
        counts[f] = x; rest -= x;
      }
      counts[last] = rest;
      for (f = 0; f < F; f++) {
        var k = ks[f], prev = 0, cnt = counts[f];
        for (j = 0; j < cnt; j++) {
          // q: the run of 1 bits (RICE_ESCAPE of them: the gap follows in 32 bits)
          while (n <= 24) { acc |= (i < len ? b[i] : 0) << n; i++; n += 8; }
          var inv = ~acc, q = inv ? 31 - Math.clz32(inv & -inv) : 32, g;
          if (q >= RICE_ESCAPE) {
            acc >>>= RICE_ESCAPE; n -= RICE_ESCAPE;
            while (n <= 24) { acc |= (i < len ? b[i] : 0) << n; i++; n += 8; }
            g = acc & 0xffff; acc >>>= 16; n -= 16;
            while (n <= 24) { acc |= (i < len ? b[i] : 0) << n; i++; n += 8; }
            g += (acc & 0xffff) * 65536; acc >>>= 16; n -= 16;
          } else {
            acc >>>= q + 1; n -= q + 1;
            while (n <= 24) { acc |= (i < len ? b[i] : 0) << n; i++; n += 8; }
            if (k <= 24) { g = q * (1 << k) + (acc & ((1 << k) - 1)); acc >>>= k; n -= k; }
            else {
              g = acc & 0xffff; acc >>>= 16; n -= 16;
              while (n <= 24) { acc |= (i < len ? b[i] : 0) << n; i++; n += 8; }
              g += ((acc & ((1 << (k - 16)) - 1)) + q * (1 << (k - 16))) * 65536; acc >>>= k - 16; n -= k - 16;
            }
          }
          prev += g;
          vals[w++] = prev * F + f;
        }
        // merge this field's run into the sorted runs before it
        var a = w - cnt - at;
        if (a && cnt) {
          if (!tmp || tmp.length < a) tmp = new Int32Array(Math.max(a, 64));
          var y = at + a, o = at;
          for (x = 0; x < a; x++) tmp[x] = vals[at + x];
          x = 0;
          while (x < a && y < w) vals[o++] = tmp[x] <= vals[y] ? tmp[x++] : vals[y++];
          while (x < a) vals[o++] = tmp[x++];
        }
      }
    }
    starts[df] = w;
    return { starts: starts, vals: vals };
  }

  // per-document columns, loaded by chunk
  var cols = null;
  function columns() {
    if (cols) return cols;
    var m = man(), n = m.n;
    cols = { dl: {}, source: new Int32Array(n), doctype: new Int32Array(n), year: new Int32Array(n), etype: new Int32Array(n), date: new Int32Array(n) };
    (m.dlFields || []).forEach(function (f) { cols.dl[f] = new Uint32Array(n); });
    return cols;
  }
  // chunks holding the (ascending) ordinals
  function chunksOf(ords, size) {
    var ch = size || man().chunk, out = [], n = ords.length, i = 0;
    while (i < n) {
      var c = (ords[i] / ch) | 0, lim = (c + 1) * ch, lo = i + 1, hi = n;
      out.push(c);
      // the first ordinal of a later chunk
      while (lo < hi) { var mid = (lo + hi) >> 1; if (ords[mid] < lim) lo = mid + 1; else hi = mid; }
      i = lo;
    }
    return out;
  }
  function allChunks() { var out = [], n = Math.ceil(man().n / man().chunk); for (var i = 0; i < n; i++) out.push(i); return out; }
  // fixed(b, out, at, n): a column chunk of n little-endian integers, each
  // b[0] bytes wide from b[4] on (export.go's fixedWidth), into out from at.
  // A typed array over the bytes copies them natively; decoding varints in a
  // loop took a cold page 30 ms for 50,000 field lengths. (Typed arrays use
  // the platform's byte order: little-endian wherever browsers run, as
  // WebAssembly requires.)
  function fixed(b, out, at, n) {
    var w = b[0], a = b.slice(4, 4 + w * n);
    out.set(w === 1 ? a : w === 2 ? new Uint16Array(a.buffer) : new Uint32Array(a.buffer), at);
  }
  // charColumn(s, w, out, at, n): a column chunk written as text, w
  // characters of base64's alphabet per value (export.go's facetChunk),
  // into out from at.
  var b64Val = new Uint8Array(128);
  for (var bi = 0; bi < 64; bi++) b64Val['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(bi)] = bi;
  function charColumn(s, w, out, at, n) {
    var i, k = 0;
    if (w === 1) {
      for (i = 0; i < n; i++) out[at + i] = b64Val[s.charCodeAt(i)];
      return;
    }
    for (i = 0; i < n; i++) {
      var v = 0;
      for (var j = 0; j < w; j++) v = v * 64 + b64Val[s.charCodeAt(k++)];
      out[at + i] = v;
    }
  }
  // field lengths of the given fields (those that vary) in the given chunks
  function loadDl(fields, chunks) {
    var m = man(), c = columns();
    return Promise.all(fields.filter(function (f) { return m.dl[f]; }).map(function (f) {
      return Promise.all(chunks.map(function (ci) {
        return cached('Cdl' + f + ci, function () {
          return loadBin('dl', m.dl[f][ci]).then(function (b) {
            var lo = ci * m.chunk, hi = Math.min(m.n, lo + m.chunk);
            fixed(b, c.dl[f], lo, hi - lo);
            return true;
          });
        });
      }));
    }));
  }
  function loadCol(kind, chunks) {
    var m = man(), c = columns();
    return Promise.all(chunks.map(function (ci) {
      return cached('C' + kind + ci, function () {
        return (kind === 'fc' ? loadJSON : loadBin)(kind, m[kind][ci]).then(function (b) {
          var lo = ci * m.chunk, hi = Math.min(m.n, lo + m.chunk);
          if (kind === 'fc') {
            [c.source, c.doctype, c.year, c.etype].forEach(function (out, j) { charColumn(b.c[j], b.w[j], out, lo, hi - lo); });
          } else if (kind === 'dt') {
            fixed(b, c.date, lo, hi - lo);
          }
          return true;
        });
      });
    }));
  }

  var datesP = null;
  function dates() {
    if (datesP) return datesP;
    var m = man();
    if (!m.dates) return (datesP = Promise.resolve({ vals: [], counts: [] }));
    datesP = loadJSON('dates', m.dates).then(function (d) {
      var v = BigInt(d.first), unit = BigInt(d.unit), vals = [];
      for (var i = 0; i < d.deltas.length; i++) { v += BigInt(d.deltas[i]) * unit; vals.push(v); }
      return { vals: vals, counts: d.counts };
    });
    return datesP;
  }

  // ---------------------------------------------------------------------------
  // Query string: a port of bleve's lexer and grammar (query_string_lex.go,
  // query_string.y).

  var RESERVED = '+-=&|><!(){}[]^"~*?:\\/ ';
  function unescape(ch) { return RESERVED.indexOf(ch) >= 0 ? ch : '\\' + ch; }
  function isDigit(ch) { return /^\p{Nd}$/u.test(ch); }
  function isSpace(ch) {
    var c = ch.codePointAt(0);
    if (c <= 0xff) return c === 9 || c === 10 || c === 11 || c === 12 || c === 13 || c === 32 || c === 0x85 || c === 0xa0;
    return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
  }
  function lex(q) {
    var rs = Array.from(q), toks = [], i = 0, buf = '', esc = false, seenDot = false;
    function emit(t, s) { toks.push({ t: t, s: s }); buf = ''; esc = false; seenDot = false; }
    var state = 'start';
    for (;;) {
      var eof = i >= rs.length, ch = eof ? '' : rs[i], consumed = true;
      if (state === 'start') {
        if (eof) break;
        if (esc) { esc = false; buf += unescape(ch); state = 'str'; }
        else if (ch === '"') state = 'phrase';
        else if ('+-:><='.indexOf(ch) >= 0) { emit({ '+': 'PLUS', '-': 'MINUS', ':': 'COLON', '>': 'GT', '<': 'LT', '=': 'EQ' }[ch], ch); }
        else if (ch === '^') state = 'boost';
        else if (ch === '~') state = 'tilde';
        else if (ch === '\\') esc = true;
        else if (isDigit(ch)) { buf += ch; state = 'num'; }
        else if (!isSpace(ch)) { buf += ch; state = 'str'; }
        else { buf = ''; esc = false; seenDot = false; }
      } else if (state === 'phrase') {
        if (eof) throw new Error('unterminated quote');
        if (!esc && ch === '"') { emit('PHRASE', buf); state = 'start'; }
        else if (!esc && ch === '\\') esc = true;
        else if (esc) { esc = false; buf += unescape(ch); }
        else buf += ch;
      } else if (state === 'boost' || state === 'tilde') {
        if (eof || (!esc && ch === ' ')) { emit(state === 'boost' ? 'BOOST' : 'TILDE', buf === '' ? '1' : buf); state = 'start'; }
        else if (!esc && ch === '\\') esc = true;
        else if (esc) { esc = false; buf += unescape(ch); }
        else buf += ch;
      } else if (state === 'num' || state === 'str') {
        if (eof || (!esc && (ch === ' ' || ch === ':' || ch === '^' || ch === '~'))) {
          emit(state === 'num' ? 'NUMBER' : 'STRING', buf);
          state = 'start';
          if (!eof && (ch === ':' || ch === '^' || ch === '~')) consumed = false;
        } else if (!esc && ch === '\\') esc = true;
        else if (esc) { esc = false; buf += unescape(ch); state = 'str'; }
        else if (state === 'num' && !seenDot && ch === '.') { seenDot = true; buf += ch; }
        else if (state === 'num' && isDigit(ch)) buf += ch;
        else { buf += ch; state = 'str'; }
      }
      if (eof) break;
      if (consumed) i++;
    }
    return toks;
  }

  // parse: {must: [], should: [], mustNot: []} of clause objects
  function parse(q) {
    var out = { must: [], should: [], mustNot: [] };
    if (q === '') return out;
    var toks = lex(q), i = 0;
    function peek(k) { return toks[i + (k || 0)] || { t: 'EOF' }; }
    function next() { return toks[i++] || { t: 'EOF' }; }
    function fail() { throw new Error('syntax error'); }
    function numOrNeg() {
      var t = next();
      if (t.t === 'NUMBER') return t.s;
      if (t.t === 'MINUS' && peek().t === 'NUMBER') return '-' + next().s;
      fail();
    }
    function strClause(str, field) {
      if (str.length > 1 && str[0] === '/' && str[str.length - 1] === '/') return { k: 'regexp', field: field, v: str.slice(1, -1) };
      if (/[*?]/.test(str)) return { k: 'wildcard', field: field, v: str };
      return { k: 'match', field: field, v: str };
    }
    if (!toks.length) fail();
    while (i < toks.length) {
      var occ = 'should', t = peek();
      if (t.t === 'PLUS') { occ = 'must'; next(); } else if (t.t === 'MINUS') { occ = 'mustNot'; next(); }
      var b = next(), cl;
      if ((b.t === 'STRING' || b.t === 'PHRASE') && peek().t === 'COLON') {
        var field = b.s;
        next();
        var v = next();
        if (v.t === 'STRING') {
          if (peek().t === 'TILDE') { next(); cl = { k: 'fuzzy', field: field, v: v.s }; } else cl = strClause(v.s, field);
        } else if (v.t === 'NUMBER') cl = { k: 'number', field: field, v: v.s };
        else if (v.t === 'MINUS' && peek().t === 'NUMBER') cl = { k: 'number', field: field, v: '-' + next().s };
        else if (v.t === 'PHRASE') cl = { k: 'phrase', field: field, v: v.s };
        else if (v.t === 'GT' || v.t === 'LT') {
          var incl = false;
          if (peek().t === 'EQ') { next(); incl = true; }
          var lim;
          if (peek().t === 'PHRASE') { lim = { date: next().s }; parseDate(lim.date); } else lim = { num: numOrNeg() };
          cl = { k: 'range', field: field, op: v.t, incl: incl, lim: lim };
        } else fail();
      } else if (b.t === 'STRING') {
        if (peek().t === 'TILDE') { next(); cl = { k: 'fuzzy', field: '', v: b.s }; } else cl = strClause(b.s, '');
      } else if (b.t === 'NUMBER') cl = { k: 'number', field: '', v: b.s };
      else if (b.t === 'PHRASE') cl = { k: 'phrase', field: '', v: b.s };
      else fail();
      if (peek().t === 'BOOST') {
        var bv = Number(next().s);
        if (!isFinite(bv)) throw new Error('invalid boost value');
        cl.boost = bv;
      }
      out[occ].push(cl);
    }
    return out;
  }

  // ---------------------------------------------------------------------------
  // Searchers, mirroring bleve's: each node knows its weight (sum of squared
  // boost*idf) and, once the query norm is set, scores its matches into a
  // dense array.

  var K1 = 1.2, B = 0.75;
  var KEYWORD = { source: 1, doctype: 1, year: 1, entity: 1, etype: 1, path: 1 };
  function analyzerFor(field) {
    return KEYWORD[field] ? function (s) { return [{ term: s, pos: 1 }]; } : analyze;
  }
  function checkField(field) {
    if (field === '' || field === '_all') return '_all';
    if (field === 'date') return field;
    if (!man().fields[field]) throw new Error('field ' + field + ': not searchable here');
    return field;
  }
  function idfOf(df) { var n = man().n; return Math.log(1 + (n - df + 0.5) / (df + 0.5)); }

  // leaf: one term of one field
  function termNode(field, term, boost, entry) {
    var df = entry ? entry.df : 0;
    return { k: 'term', field: field, term: term, boost: boost, e: entry, df: df, idf: idfOf(df) };
  }
  var NONE = { k: 'none' };
  function weight(n) {
    switch (n.k) {
      case 'term': var s = n.boost * n.idf; return s * s;
      case 'disj': case 'conj': var w = 0; for (var i = 0; i < n.c.length; i++) w += weight(n.c[i]); return w;
      case 'phrase': return weight(n.conj);
      case 'bool': return (n.must ? weight(n.must) : 0) + (n.should ? weight(n.should) : 0);
      case 'daterange': var x = 0; for (var j = 0; j < n.terms.length; j++) { var y = n.boost * n.terms[j].idf; x += y * y; } return x;
      case 'all': return 1;
    }
    return 0;
  }

  function matchNode(field, text, boost) {
    field = checkField(field);
    if (field === 'date') throw new Error('date: use a range such as date:>="2017-01-01"');
    var toks = analyzerFor(field)(text);
    if (!toks.length) return Promise.resolve(NONE);
    return Promise.all(toks.map(function (t) { return lookup(field, t.term).then(function (e) { return termNode(field, t.term, boost, e); }); }))
      .then(function (ts) { return { k: 'disj', c: ts, min: 1 }; });
  }
  function phraseNode(field, text, boost) {
    field = checkField(field);
    if (field === 'date') throw new Error('date: use a range such as date:>="2017-01-01"');
    var toks = analyzerFor(field)(text);
    if (!toks.length) return Promise.resolve(NONE);
    var first = Infinity, last = 0;
    toks.forEach(function (t) { first = Math.min(first, t.pos); last = Math.max(last, t.pos); });
    var slots = [];
    for (var p = first; p <= last; p++) slots.push([]);
    toks.forEach(function (t) { slots[t.pos - first].push(t.term); });
    var leaves = [];
    slots.forEach(function (s, si) {
      if (s.length === 1) leaves.push({ slot: si, term: s[0] });
      else if (s.length > 1) throw new Error('unsupported phrase');
    });
    return Promise.all(leaves.map(function (l) { return lookup(field, l.term).then(function (e) { return termNode(field, l.term, boost, e); }); }))
      .then(function (ts) {
        return { k: 'phrase', field: field, slots: slots.length, at: leaves.map(function (l) { return l.slot; }), conj: { k: 'conj', c: ts } };
      });
  }
  function prefixNode(field, pattern, boost) {
    field = checkField(field);
    var star = pattern.indexOf('*'), q = pattern.indexOf('?');
    if (q >= 0 || star !== pattern.length - 1) throw new Error('only trailing * wildcards are supported');
    if (field === 'date') throw new Error('date: use a range');
    return prefixEntries(field, pattern.slice(0, -1)).then(function (es) {
      var dec = new TextDecoder();
      return { k: 'disj', c: es.map(function (e) { return termNode(field, dec.decode(e.bytes.subarray(1)), boost, e); }), min: 0 };
    });
  }
  var EMPTY = function () { return { k: 'disj', c: [], min: 0 }; };

  // dates: bleve's dateTimeOptional layouts, as Unix nanoseconds (BigInt)
  function parseDate(s) {
    var m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2}| [+-]\d{4})?)?$/.exec(s);
    if (!m) throw new Error('invalid time: ' + s);
    var ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] || 0), +(m[5] || 0), +(m[6] || 0));
    var ns = BigInt(ms) * 1000000n;
    if (m[7]) ns += BigInt((m[7].slice(1) + '000000000').slice(0, 9));
    var z = m[8];
    if (z && z !== 'Z') {
      z = z.trim();
      var sign = z[0] === '-' ? -1n : 1n, hh = BigInt(z.slice(1, 3)), mm = BigInt(z.replace(':', '').slice(3, 5));
      ns -= sign * (hh * 3600n + mm * 60n) * 1000000000n;
    }
    return ns;
  }
  var I64 = function (x) { return BigInt.asIntN(64, x); };
  var MASK63 = 0x7fffffffffffffffn;
  function f64ToI64(f) {
    var dv = new DataView(new ArrayBuffer(8));
    dv.setFloat64(0, f);
    var i = dv.getBigInt64(0);
    if (i < 0n) i = i ^ MASK63;
    return i;
  }
  function splitInt64Range(minB, maxB, step) {
    var rv = [];
    if (minB > maxB) return rv;
    for (var shift = 0n; ; shift += step) {
      var diff = I64(1n << (shift + step)), mask = I64(((1n << step) - 1n) << shift);
      var hasLower = (minB & mask) !== 0n, hasUpper = (maxB & mask) !== mask;
      var nextMin = hasLower ? I64(I64(minB + diff) & ~mask) : I64(minB & ~mask);
      var nextMax = hasUpper ? I64(I64(maxB - diff) & ~mask) : I64(maxB & ~mask);
      var lowerWrapped = nextMin < minB, upperWrapped = nextMax > maxB;
      if (shift + step >= 64n || nextMin > nextMax || lowerWrapped || upperWrapped) { rv.push([minB, maxB, shift]); break; }
      if (hasLower) rv.push([minB, I64(minB | mask), shift]);
      if (hasUpper) rv.push([I64(maxB & ~mask), maxB, shift]);
      minB = nextMin; maxB = nextMax;
    }
    return rv;
  }
  function sortable(v) { return BigInt.asUintN(64, v) ^ 0x8000000000000000n; }
  function dateRangeNode(field, cl, boost) {
    var lo = null, hi = null, loIncl, hiIncl;
    var ns = parseDate(cl.lim.date);
    if (cl.op === 'GT') { lo = ns; loIncl = cl.incl; } else { hi = ns; hiIncl = cl.incl; }
    if (field !== 'date') return Promise.resolve(EMPTY());
    var minI = lo === null ? f64ToI64(-Infinity) : lo, maxI = hi === null ? f64ToI64(Infinity) : hi;
    if (lo === null) loIncl = true;
    if (hi === null) hiIncl = false;
    if (!loIncl && minI !== 0x7fffffffffffffffn) minI = minI + 1n;
    if (!hiIncl && maxI !== -0x8000000000000000n) maxI = maxI - 1n;
    return dates().then(function (d) {
      var ranges = splitInt64Range(minI, maxI, 4n), terms = [];
      var vals = d.vals;
      function lowerBound(x) { var a = 0, b = vals.length; while (a < b) { var mid = (a + b) >> 1; if (vals[mid] < x) a = mid + 1; else b = mid; } return a; }
      ranges.forEach(function (r) {
        var shift = r[2], top = I64(r[1] | ((1n << shift) - 1n));
        var i = lowerBound(r[0]), end = lowerBound(top + 1n);
        if (top === 0x7fffffffffffffffn) end = vals.length;
        while (i < end) {
          var pre = sortable(vals[i]) >> shift, j = i, df = 0;
          while (j < end && (sortable(vals[j]) >> shift) === pre) { df += d.counts[j]; j++; }
          terms.push({ from: i, to: j, df: df, idf: idfOf(df) });
          i = j;
        }
      });
      return { k: 'daterange', terms: terms, boost: boost };
    });
  }

  function clauseNode(cl) {
    var boost = cl.boost === undefined ? 1 : cl.boost;
    switch (cl.k) {
      case 'match': return matchNode(cl.field, cl.v, boost);
      case 'phrase': return phraseNode(cl.field, cl.v, boost);
      case 'wildcard': return prefixNode(cl.field, cl.v, boost);
      case 'number':
        // bleve: match OR numeric range [v, v]; no numeric terms outside "date"
        if (checkField(cl.field) === 'date') return Promise.reject(new Error('date: use a range such as date:>="2017-01-01"'));
        return matchNode(cl.field, cl.v, boost).then(function (m) {
          var c = [];
          if (m !== NONE) c.push(m);
          c.push(EMPTY());
          return { k: 'disj', c: c, min: 0 };
        });
      case 'range':
        var f = checkField(cl.field);
        if (cl.lim.date !== undefined) return dateRangeNode(f, cl, boost);
        if (f === 'date') return Promise.reject(new Error('date: quote the date, as in date:>="2017-01-01"'));
        return Promise.resolve(EMPTY());
      case 'fuzzy': return Promise.reject(new Error('fuzzy queries (~) are not supported here'));
      case 'regexp': return Promise.reject(new Error('regular expressions are not supported here'));
    }
    return Promise.reject(new Error('unsupported query'));
  }

  // build: the searcher tree bleve would build for the parsed query
  function build(pq) {
    function group(list) { return Promise.all(list.map(clauseNode)); }
    return Promise.all([group(pq.must), group(pq.should), group(pq.mustNot)]).then(function (r) {
      function strip(ns) { return ns.filter(function (n) { return n !== NONE; }); }
      var must = strip(r[0]), should = strip(r[1]), not = strip(r[2]);
      var m = must.length ? { k: 'conj', c: must } : null;
      var s = should.length ? { k: 'disj', c: should, min: 0 } : null;
      var n = not.length ? { k: 'disj', c: not, min: 0 } : null;
      if (!m && !s && !n) return NONE;
      if (m && !s && !n) return m;
      if (!m && s && !n) return s;
      if (!m && !s && n) m = { k: 'all' };
      return { k: 'bool', must: m, should: s, not: n };
    });
  }

  // A phrase of two common "_all" terms one or two positions apart reads
  // the documents of the pair (export's pairs.go) instead of both terms'
  // positions: null if the phrase is not such a pair, else a promise of the
  // pair's ordinals (none if the export has no entry: the pair never occurs).
  function pairDocs(node) {
    var P = man().pairs, ts = node.conj.c;
    if (!P || node.field !== '_all' || ts.length !== 2 || !ts[0].e || !ts[1].e) return null;
    var gap = node.at[1] - node.at[0];
    if (gap < 1 || gap > P.gap || ts[0].e.plen < P.min || ts[1].e.plen < P.min) return null;
    var a = enc.encode(ts[0].term), b = enc.encode(ts[1].term), k = [112, gap], n = a.length;
    while (n >= 128) { k.push((n & 127) | 128); n = Math.floor(n / 128); }
    k.push(n);
    var hk = hexOf(k, k.length) + hexOf(a, a.length) + hexOf(b, b.length);
    return lookupHex(hk).then(function (e) { return e ? postings(e).then(function (p) { return p.ords; }) : new Int32Array(0); });
  }

  // Which chunks of which columns the tree needs, and the postings it reads.
  function prepare(node, acc) {
    switch (node.k) {
      case 'term':
        if (!node.e) { node.p = { ords: new Int32Array(0), tfs: null }; return Promise.resolve(); }
        return postings(node.e).then(function (p) { node.p = p; acc.push([node.field, p.ords]); });
      case 'disj': case 'conj': return Promise.all(node.c.map(function (c) { return prepare(c, acc); }));
      case 'phrase':
        var pair = pairDocs(node);
        if (pair) return Promise.all([prepare(node.conj, acc), pair.then(function (ords) { node.pairOrds = ords; })]);
        // positions are requested with the postings, not after them
        return Promise.all([prepare(node.conj, acc), Promise.all(node.conj.c.map(function (t) {
          if (!t.e) return null;
          if (node.field === '_all') return positions(t.e).then(function (p) { t.pos = p; });
          if (node.field === 'title') {
            // title positions are the title half of "_all"'s positions
            return lookup('_all', t.term).then(function (ae) {
              if (!ae) return null;
              return Promise.all([postings(ae), positions(ae)]).then(function (r) { t.posOrds = r[0].ords; t.pos = r[1]; });
            });
          }
          t.anyPos = true; // keyword fields: one token, so the phrase is the term
          return null;
        }))]).then(function () {
          node.conj.c.forEach(function (t) { if (t.e && node.field === '_all') t.posOrds = t.p.ords; });
        });
      case 'bool':
        return Promise.all([node.must && prepare(node.must, acc), node.should && prepare(node.should, acc), node.not && prepare(node.not, acc)]);
      case 'daterange': return dates().then(function () { acc.push(['date', null]); });
    }
    return Promise.resolve();
  }

  // Result of a node: {ords: Int32Array ascending, sc: Float64Array}
  function evalNode(node, qn, ctx) {
    var i, j;
    switch (node.k) {
      case 'none': return { ords: new Int32Array(0), sc: new Float64Array(0) };
      case 'all': {
        var n = man().n, o = new Int32Array(n), s = new Float64Array(n);
        var qw = 1 * qn;
        for (i = 0; i < n; i++) { o[i] = i; s[i] = qw === 1 ? 1 : 1 * qw; }
        return { ords: o, sc: s };
      }
      case 'term': {
        var p = node.p, df = p.ords.length, out = new Float64Array(df);
        var idf = node.idf, avg = man().avg[node.field], qwt = node.boost * node.idf * qn;
        var dlc = man().dlConst, cl = dlc && dlc[node.field] !== undefined ? dlc[node.field] : -1, dla = cl < 0 ? columns().dl[node.field] : null;
        return { ords: p.ords, sc: scoreTerm(p.ords, p.tfs, dla, cl, idf, avg, qwt, out) };
      }
      case 'daterange': {
        var d = ctx.dates, nt = node.terms.length, dcol = columns().date;
        if (!nt) return { ords: new Int32Array(0), sc: new Float64Array(0) };
        var termOf = new Int32Array(d.vals.length).fill(-1);
        node.terms.forEach(function (t, ti) { for (var x = t.from; x < t.to; x++) termOf[x] = ti; });
        var dl = man().dlConst.date || 16, avgd = man().avg.date;
        var res = [], scs = [];
        for (i = 0; i < dcol.length; i++) {
          var di = dcol[i];
          if (!di) continue;
          var ti = termOf[di - 1];
          if (ti < 0) continue;
          var t = node.terms[ti], nrm = Math.fround(1 / Math.sqrt(dl)), fl2 = 1 / (nrm * nrm);
          var s2 = t.idf * (1 * K1) / (1 + K1 * (1 - B + (B * fl2 / avgd)));
          var qw2 = node.boost * t.idf * qn;
          if (qw2 !== 1) s2 = s2 * qw2;
          res.push(i); scs.push(s2 * (1 / nt));
        }
        return { ords: Int32Array.from(res), sc: Float64Array.from(scs) };
      }
      case 'disj': {
        var kids = node.c.map(function (c) { return evalNode(c, qn, ctx); });
        var total = node.c.length, min = Math.max(node.min || 0, 1);
        if (kids.length === 1 && min <= 1) {
          // one clause: bleve's sum of one score times coord(1/total)
          var k0 = kids[0], coord = 1 / total, sc1 = new Float64Array(k0.sc.length);
          for (i = 0; i < sc1.length; i++) sc1[i] = k0.sc[i] * coord;
          return { ords: k0.ords, sc: sc1 };
        }
        return disjSum(kids, man().n, min, total);
      }
      case 'conj': {
        var ks2 = node.c.map(function (c) { return evalNode(c, qn, ctx); });
        if (!ks2.length) return { ords: new Int32Array(0), sc: new Float64Array(0) };
        return conjSum(ks2, man().n);
      }
      case 'phrase': {
        var c = evalNode(node.conj, qn, ctx), ts = node.conj.c, F = man().pos.length;
        var keepO = new Int32Array(c.ords.length), keepS = new Float64Array(c.ords.length), nk = 0;
        var only = node.field === 'title' ? man().pos.indexOf('title') : -1;
        var cur = new Int32Array(ts.length), lo = new Int32Array(ts.length), hi = new Int32Array(ts.length), ptr = new Int32Array(ts.length);
        var anyPos = ts.length === 1 && ts[0].anyPos, havePos = ts.every(function (t) { return t.pos; });
        var pairs = node.pairOrds, pj = 0;
        for (i = 0; i < c.ords.length; i++) {
          var o = c.ords[i], ok = anyPos;
          if (pairs) {
            // candidates and the pair's documents both ascend
            while (pj < pairs.length && pairs[pj] < o) pj++;
            ok = pj < pairs.length && pairs[pj] === o;
          } else if (!ok && havePos) {
            // candidates and postings both ascend: walk each term's postings once
            ok = true;
            for (var k = 0; k < ts.length && ok; k++) {
              var po = ts[k].posOrds;
              while (cur[k] < po.length && po[cur[k]] < o) cur[k]++;
              if (cur[k] >= po.length || po[cur[k]] !== o) { ok = false; break; }
              lo[k] = ts[k].pos.starts[cur[k]]; hi[k] = ts[k].pos.starts[cur[k] + 1]; ptr[k] = lo[k];
            }
            if (ok) ok = phraseAt(ts, node.at, F, only, lo, hi, ptr);
          }
          if (ok) { keepO[nk] = o; keepS[nk++] = c.sc[i]; }
        }
        return { ords: keepO.subarray(0, nk), sc: keepS.subarray(0, nk) };
      }
      case 'bool': {
        var mres = node.must ? evalNode(node.must, qn, ctx) : null;
        var sres = node.should ? evalNode(node.should, qn, ctx) : null;
        var nres = node.not ? evalNode(node.not, 1, ctx) : null;
        var N3 = man().n, excl = new Uint8Array(N3);
        if (nres) for (i = 0; i < nres.ords.length; i++) excl[nres.ords[i]] = 1;
        var ro3 = [], rs3 = [];
        if (mres) {
          var sh = new Float64Array(N3), has = new Uint8Array(N3);
          if (sres) for (i = 0; i < sres.ords.length; i++) { sh[sres.ords[i]] = sres.sc[i]; has[sres.ords[i]] = 1; }
          for (i = 0; i < mres.ords.length; i++) {
            var od = mres.ords[i];
            if (excl[od]) continue;
            ro3.push(od); rs3.push(has[od] ? mres.sc[i] + sh[od] : mres.sc[i]);
          }
        } else {
          for (i = 0; i < sres.ords.length; i++) if (!excl[sres.ords[i]]) { ro3.push(sres.ords[i]); rs3.push(sres.sc[i]); }
        }
        return { ords: Int32Array.from(ro3), sc: Float64Array.from(rs3) };
      }
    }
    throw new Error('internal: node ' + node.k);
  }

  // The loops over every posting live in functions of their own, which the
  // JIT optimises apart from evalNode's many cases (a cold page runs them a
  // few times only).
  // BM25 of a term's postings, as bleve's TermQueryScorer computes it
  function scoreTerm(ords, tfs, dla, cl, idf, avg, qwt, out) {
    for (var i = 0; i < out.length; i++) {
      var tf = Math.sqrt(tfs ? tfs[i] : 1), len = cl < 0 ? dla[ords[i]] : cl;
      var norm = Math.fround(1 / Math.sqrt(len)), fl = 1 / (norm * norm);
      var sc = idf * (tf * K1) / (tf + K1 * (1 - B + (B * fl / avg)));
      if (qwt !== 1) sc = sc * qwt;
      out[i] = sc;
    }
    return out;
  }
  // a disjunction of several clauses: scores summed in clause order, times
  // matched/total, for the documents matching at least min clauses
  function disjSum(kids, N, min, total) {
    var sum = new Float64Array(N), cnt = new Uint16Array(N), any = 0, i, j;
    for (j = 0; j < kids.length; j++) {
      var ko = kids[j].ords, ks = kids[j].sc;
      for (i = 0; i < ko.length; i++) { sum[ko[i]] += ks[i]; cnt[ko[i]]++; }
      any += ko.length;
    }
    var nm = 0;
    if (any) for (i = 0; i < N; i++) if (cnt[i] >= min) nm++;
    var ro = new Int32Array(nm), rs = new Float64Array(nm), w = 0;
    if (nm) for (i = 0; i < N; i++) if (cnt[i] >= min) { ro[w] = i; rs[w++] = sum[i] * (cnt[i] / total); }
    return { ords: ro, sc: rs };
  }

  // a conjunction: the documents every clause matches, scores summed in
  // clause order
  function conjSum(kids, N) {
    var cnt = new Uint16Array(N), sum = new Float64Array(N), i, j;
    for (j = 0; j < kids.length; j++) {
      var o = kids[j].ords, s = kids[j].sc;
      for (i = 0; i < o.length; i++) { if (cnt[o[i]] === j) { cnt[o[i]]++; sum[o[i]] += s[i]; } }
    }
    var need = kids.length, base = kids[0].ords, n = 0;
    for (i = 0; i < base.length; i++) if (cnt[base[i]] === need) n++;
    var ro = new Int32Array(n), rs = new Float64Array(n), w = 0;
    for (i = 0; i < base.length; i++) if (cnt[base[i]] === need) { ro[w] = base[i]; rs[w++] = sum[base[i]]; }
    return { ords: ro, sc: rs };
  }

  // bleve's findPhrasePaths with slop 0: term k at the first term's
  // position plus its slot distance, in the same field (positions are
  // pos*F+field). Positions ascend, so each list is walked once.
  function phraseAt(ts, at, F, only, lo, hi, ptr) {
    var v0s = ts[0].pos.vals;
    outer: for (var a = lo[0]; a < hi[0]; a++) {
      var v0 = v0s[a];
      if (only >= 0 && v0 % F !== only) continue;
      for (var k = 1; k < ts.length; k++) {
        var want = v0 + (at[k] - at[0]) * F, vs = ts[k].pos.vals;
        while (ptr[k] < hi[k] && vs[ptr[k]] < want) ptr[k]++;
        if (ptr[k] >= hi[k]) return false;
        if (vs[ptr[k]] !== want) continue outer;
      }
      return true;
    }
    return false;
  }

  // ---------------------------------------------------------------------------
  // Search API

  // (sc: the scores when cmp orders by score, then by ascending ordinal; as
  // the ordinals ascend, a later hit that does not score more cannot enter)
  function topK(res, k, cmp, sc) {
    // binary heap of indices, worst on top
    var heap = [], n = res.ords.length;
    function worse(a, b) { return cmp(a, b) > 0; }
    function up(i) { while (i > 0) { var p = (i - 1) >> 1; if (worse(heap[i], heap[p])) { var t = heap[i]; heap[i] = heap[p]; heap[p] = t; i = p; } else break; } }
    function down(i) {
      for (;;) {
        var l = 2 * i + 1, r = l + 1, w = i;
        if (l < heap.length && worse(heap[l], heap[w])) w = l;
        if (r < heap.length && worse(heap[r], heap[w])) w = r;
        if (w === i) break;
        var t = heap[i]; heap[i] = heap[w]; heap[w] = t; i = w;
      }
    }
    for (var i = 0; i < n; i++) {
      if (heap.length < k) { heap.push(i); up(heap.length - 1); }
      else if (k > 0 && (!sc || sc[i] > sc[heap[0]]) && cmp(i, heap[0]) < 0) { heap[0] = i; down(0); }
    }
    return heap.sort(cmp);
  }

  // the most words of a query whose words' likely first pages it requests
  var maxHintWords = 3;

  // search(query, {sort: ''|'date', page: 1, size: 10, from, to, wait: promise})
  // -> {total, hits: [{ord, id?, score}], facets?, error?}
  function search(query, opts) {
    opts = opts || {};
    var size = opts.size || 10, page = Math.max(1, opts.page || 1), sortDate = opts.sort === 'date';
    var pq, built;
    try { pq = parse(query); built = build(pq); } catch (err) { return Promise.reject(err); }
    return built.then(function (root) {
      var acc = [], prepared = prepare(root, acc);
      // every ranked query needs field lengths: request them right after the
      // postings, so they share the round trip without delaying them
      if (root.k !== 'none' && man().dlFields.length) loadDl(queryFields(pq), allChunks()).catch(function () {});
      // a query of plain words: request the likely first page of each
      // common one now, behind the postings (a cache warm-up; ranking is
      // unchanged). For one word that is its first page. For two or three
      // (a name, often: "Anta Ozu") the documents that rank first for the
      // whole query are often among their words' first pages, and by date
      // always are; the packs, one request a word, then spare the wave of
      // ten text records that would follow the postings.
      var words = page === 1 && !pq.must.length && !pq.mustNot.length && pq.should.length <= maxHintWords &&
        opts.prefetch !== false && pq.should.every(function (cl) { return cl.k === 'match' && !cl.field; }) ?
        [].concat.apply([], pq.should.map(function (cl) { return analyze(cl.v); })) : [];
      if (words.length && words.length <= maxHintWords) {
        hot().then(function (h) {
          words.forEach(function (w) {
            var e = h.get(keyHex('_all', w.term)), hint = e && (sortDate ? e.hintDate : e.hint);
            var tp = e && (sortDate ? e.tpackDate : e.tpack);
            if (!hint) return;
            if (tp && size <= hint.length) loadTextPack(tp, hint.slice(0, size));
            else if (words.length === 1) hint.slice(0, size).forEach(function (o) { doc(o).catch(function () {}); });
          });
        });
      }
      return prepared.then(function () {
        // columns the scoring and sorting need
        var need = {}, loads = [];
        acc.forEach(function (a) {
          if (a[0] === 'date') { need.dtAll = true; return; }
          if (man().dlFields.indexOf(a[0]) >= 0) loads.push(loadDl([a[0]], chunksOf(a[1])));
        });
        if (need.dtAll) loads.push(loadCol('dt', allChunks()));
        // opts.wait: what must happen first (the page showing a first page
        // from the hints), so that scoring does not hold it up
        return Promise.all(loads).then(function () { return opts.wait; }).then(function () { return need.dtAll ? dates() : null; }).then(function (d) {
          var w = root.k === 'none' ? 0 : weight(root);
          var qn = 1 / Math.sqrt(w);
          var res = evalNode(root, qn, { dates: d });
          var finish = function (filtered) {
            if (filtered) res = filtered;
            var sc = res.sc, ords = res.ords, dcol = columns().date, cmp;
            if (sortDate) {
              cmp = function (a, b) {
                var da = dcol[ords[a]], db = dcol[ords[b]];
                if (da !== db) { if (!da) return 1; if (!db) return -1; return db - da; }
                return ords[a] - ords[b];
              };
            } else {
              cmp = function (a, b) { return sc[a] !== sc[b] ? (sc[b] > sc[a] ? 1 : -1) : ords[a] - ords[b]; };
            }
            var top = topK(res, page * size, cmp, sortDate ? null : sc).slice((page - 1) * size);
            return {
              query: query, total: ords.length, page: page, size: size,
              hits: top.map(function (i) { return { ord: ords[i], score: sc[i] }; }), result: res
            };
          };
          if (validDate(opts.from) || validDate(opts.to)) return inDates(res, opts.from, opts.to).then(finish);
          if (sortDate && res.ords.length) return loadCol('dt', chunksOf(res.ords)).then(function () { return finish(); });
          return finish();
        });
      });
    });
  }

  // first(query, opts) -> the first page of a one-word query for a common
  // term, from the hot file's hints, or null for any other query. The export
  // ranks each common term's documents as search() does (BM25, or date; ties
  // by ordinal) and keeps its first ten, so the page can show them while the
  // postings load; its total is the term's document frequency. The records
  // come from the term's text pack. search() still ranks from the postings,
  // and the page shows its answer instead should the two ever differ.
  function first(query, opts) {
    opts = opts || {};
    var size = opts.size || 10, pq;
    if ((opts.page || 1) !== 1 || validDate(opts.from) || validDate(opts.to)) return Promise.resolve(null);
    try { pq = parse(query); } catch (err) { return Promise.resolve(null); }
    var cl = pq.should[0];
    if (pq.must.length || pq.mustNot.length || pq.should.length !== 1 || cl.k !== 'match' || cl.field ||
      !(cl.boost === undefined || cl.boost > 0)) return Promise.resolve(null);
    var toks = analyze(cl.v), sortDate = opts.sort === 'date';
    if (toks.length !== 1) return Promise.resolve(null);
    return hot().then(function (h) {
      var e = h.get(keyHex('_all', toks[0].term)), hint = e && (sortDate ? e.hintDate : e.hint);
      if (!hint || hint.length < Math.min(size, e.df)) return null;
      var ords = hint.slice(0, size), tp = sortDate ? e.tpackDate : e.tpack;
      if (tp) loadTextPack(tp, ords);
      return { query: query, total: e.df, page: 1, size: size, hits: ords.map(function (o) { return { ord: o }; }) };
    });
  }

  // the fields a parsed query searches (for their field lengths)
  function queryFields(pq) {
    var out = {};
    pq.must.concat(pq.should, pq.mustNot).forEach(function (cl) { out[cl.field || '_all'] = true; });
    return Object.keys(out);
  }

  // Date filters (the search page's From and To): a result set narrowed to
  // the documents dated from `from` to `to` (ISO dates, both included, either
  // may be empty); scores are unchanged, documents without a date go.
  function validDate(s) { return typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && !isNaN(Date.parse(s + 'T00:00:00Z')); }
  function nanos(ms) { return BigInt(ms) * BigInt(1000000); }
  function inDates(res, from, to) {
    return Promise.all([loadCol('dt', chunksOf(res.ords)), dates()]).then(function (r) {
      var vals = r[1].vals, lo = 1, hi = vals.length, dcol = columns().date;
      if (validDate(from)) { var f = nanos(Date.parse(from + 'T00:00:00Z')); while (lo <= hi && vals[lo - 1] < f) lo++; }
      if (validDate(to)) { var t = nanos(Date.parse(to + 'T00:00:00Z') + 864e5); while (hi >= lo && vals[hi - 1] >= t) hi--; }
      var n = 0, i, ords = res.ords, sc = res.sc;
      for (i = 0; i < ords.length; i++) { var di = dcol[ords[i]]; if (di >= lo && di <= hi) n++; }
      var o2 = new Int32Array(n), s2 = new Float64Array(n), k = 0;
      for (i = 0; i < ords.length; i++) { var dj = dcol[ords[i]]; if (dj >= lo && dj <= hi) { o2[k] = ords[i]; s2[k++] = sc[i]; } }
      return { ords: o2, sc: s2 };
    });
  }
  // months: the result set's documents by month of their date, newest
  // first: [{value: 'YYYY-MM', count}]
  function months(res) {
    return Promise.all([loadCol('dt', chunksOf(res.ords)), dates()]).then(function (r) {
      var vals = r[1].vals, dcol = columns().date, byIdx = new Int32Array(vals.length + 1), per = new Map(), ords = res.ords, i;
      for (i = 0; i < ords.length; i++) byIdx[dcol[ords[i]]]++;
      for (var di = 1; di <= vals.length; di++) {
        if (!byIdx[di]) continue;
        var m = new Date(Number(vals[di - 1] / BigInt(1000000))).toISOString().slice(0, 7);
        per.set(m, (per.get(m) || 0) + byIdx[di]);
      }
      var rows = [];
      per.forEach(function (c, m) { rows.push({ value: m, label: m, count: c }); });
      rows.sort(function (a, b) { return a.value < b.value ? 1 : a.value > b.value ? -1 : 0; });
      return rows;
    });
  }

  // facets over a whole result set: counts of source, doctype, year, etype
  // and the top entities; each value with the query clause that selects it.
  function facets(res, topEntities) {
    var ords = res.ords, m = man(), ch = chunksOf(ords);
    return Promise.all([loadCol('fc', ch), entityCounts(ords, topEntities || 10)]).then(function (r) {
      var c = columns(), out = {};
      function count(name, arr, vals, multi) {
        var k = new Int32Array(vals.length + 1), i, o;
        for (i = 0; i < ords.length; i++) {
          o = ords[i];
          if (multi) { var mask = arr[o]; for (var b = 0; mask; b++, mask >>>= 1) if (mask & 1) k[b + 1]++; }
          else k[arr[o]]++;
        }
        var rows = [];
        for (i = 1; i <= vals.length; i++) if (k[i]) rows.push({ value: vals[i - 1], label: vals[i - 1], count: k[i] });
        rows.sort(function (a, b) { return b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0); });
        out[name] = rows;
      }
      var fv = m.facets || {};
      count('source', c.source, fv.source || [], false);
      count('doctype', c.doctype, fv.doctype || [], false);
      count('year', c.year, fv.year || [], false);
      count('etype', c.etype, fv.etype || [], true);
      out.year.sort(function (a, b) { return a.value < b.value ? 1 : a.value > b.value ? -1 : 0; });
      out.entity = r[1];
      return out;
    });
  }

  // entityCounts: the k entities most frequent in the result set, as facet
  // rows, by count then id. Small result sets read the entity lists of their
  // documents; others count the entities' own document lists, block by
  // block in order of document frequency, until no rarer entity can reach
  // the k-th count (exact: an entity's count is at most its document
  // frequency). At worst that reads every block, which costs less than
  // per-document lists.
  function topOf(counts, k) {
    counts.sort(function (a, b) { return b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0); });
    return counts.slice(0, k);
  }
  // result-set sizes that pick the entity counting method (tests change them).
  // At 50,000 documents and 86,000 entities the blocks weigh about 800 KB,
  // which a rare word's result set read in full ("milingar", 25 documents:
  // 834 KB); its 25 text records took 67.8 KB in all (search-bench.mjs).
  var tuning = { smallResults: 50 };
  // an entity block's ids and document lists, decoded once a page: the
  // facets of every large result set read the first blocks again
  function entityBlock(blk) {
    return cached('ebd' + blk.f, function () {
      return loadBin('eb', blk.f).then(function (bytes) {
        var r = new Reader(bytes), dec = new TextDecoder(), out = [];
        for (var e = 0; e < blk.n; e++) {
          var il = r.uv(), id = dec.decode(bytes.subarray(r.i, r.i + il));
          r.i += il;
          var df = r.uv(), len = r.uv();
          out.push({ id: id, ords: decodePostings(bytes.subarray(r.i, r.i + len), df).ords });
          r.i += len;
        }
        return out;
      });
    });
  }
  function entityCounts(ords, k) {
    var m = man(), R = ords.length, N = m.n, blocks = m.entityBlocks || [];
    if (!R || !blocks.length) return Promise.resolve([]);
    if (R <= tuning.smallResults) {
      return Promise.all(Array.from(ords, function (o) { return doc(o); })).then(function (ds) {
        var cnt = new Map();
        ds.forEach(function (d) {
          (d.e || []).forEach(function (row) {
            var c = cnt.get(row[0]);
            if (c) c.count++; else cnt.set(row[0], { value: row[0], label: row[1], type: row[2], count: 1 });
          });
        });
        return topOf(Array.from(cnt.values()), k);
      });
    }
    var inR = new Uint8Array(N);
    for (var i = 0; i < R; i++) inR[ords[i]] = 1;
    // the top entities of a result set this large are nearly always among
    // the most frequent, whose names are the first chunk: request it with
    // the first block rather than after the counting (a cache warm-up)
    if (m.entities && m.entities.files.length) loadJSON('ent', m.entities.files[0]).catch(function () {});
    var counts = [], rank0 = 0;
    function step(b) {
      return entityBlock(blocks[b]).then(function (ents) {
        for (var e = 0; e < ents.length; e++) {
          var ords = ents[e].ords, n = 0;
          for (var j = 0; j < ords.length; j++) n += inR[ords[j]];
          if (n) counts.push({ value: ents[e].id, rank: rank0 + e, count: n });
        }
        rank0 += blocks[b].n;
        var top = topOf(counts, k);
        // ties go to the smaller id, so stop only when the next block cannot tie
        if (b + 1 < blocks.length && !(top.length >= k && top[k - 1].count > blocks[b + 1].maxdf)) {
          // the k-th count only grows: if the block after next could still
          // reach it, request it now, while the next is read
          if (b + 2 < blocks.length && top.length >= k && blocks[b + 2].maxdf >= top[k - 1].count) loadBin('eb', blocks[b + 2].f).catch(function () {});
          return step(b + 1);
        }
        return names(top);
      });
    }
    // display names from the chunks of entities by rank
    function names(top) {
      var ec = m.entities ? m.entities.chunk : 1, need = {};
      top.forEach(function (x) { need[(x.rank / ec) | 0] = true; });
      return Promise.all(Object.keys(need).map(function (c) { return loadJSON('ent', m.entities.files[+c]).then(function (rows) { return [+c, rows]; }); }))
        .then(function (chunks) {
          var byChunk = {};
          chunks.forEach(function (x) { byChunk[x[0]] = x[1]; });
          return top.map(function (x) {
            var row = byChunk[(x.rank / ec) | 0][x.rank % ec];
            return { value: x.value, label: row[1], type: row[2], count: x.count };
          });
        });
    }
    return step(0);
  }

  // text groups: the first ordinal of each (sizes vary: groups start at
  // documents whose id hashes to a boundary)
  var textStarts = null;
  function textKey(ord) {
    var t = dir().text, lo = 0, hi;
    if (!textStarts) {
      textStarts = new Int32Array(t.sizes.length);
      for (var i = 1; i < t.sizes.length; i++) textStarts[i] = textStarts[i - 1] + t.sizes[i - 1];
    }
    hi = textStarts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (textStarts[mid] <= ord) lo = mid; else hi = mid - 1;
    }
    return t.files[lo] + '-' + (ord - textStarts[lo]);
  }
  // doc(ord) -> {t: title, u: url, d: date, s: source, y: doctype, i: id, x: text}
  function doc(ord) { return hot().then(function () { return loadJSON('t', textKey(ord)); }); }
  // loadTextPack requests one file with the text records of ords (a common
  // term's likely first page): each record not requested yet waits for the
  // pack instead of its own file, and falls back to its file if the pack
  // does not hold it or cannot be loaded.
  function loadTextPack(pk, ords) {
    var keys = ords.map(textKey).filter(function (k) { return !memo['t' + k]; });
    if (!keys.length) return;
    var recs = cached('tp' + pk, function () { return load('tp', pk).then(function () { return take(pk); }); });
    keys.forEach(function (k) {
      memo['t' + k] = recs.then(function (m) {
        if (!m || m[k] === undefined) throw new Error('not in the pack');
        return m[k];
      }).catch(function () { delete memo['t' + k]; return loadJSON('t', k); });
    });
  }

  // terms the query matches, for highlighting: Set of analysed terms
  function queryTerms(pq) {
    var out = new Set(), prefixes = [];
    pq.must.concat(pq.should).forEach(function (cl) {
      var f = cl.field || '_all';
      if (f !== '_all' && f !== 'title') return;
      if (cl.k === 'match' || cl.k === 'phrase' || cl.k === 'number') analyze(cl.v).forEach(function (t) { out.add(t.term); });
      if (cl.k === 'wildcard' && /^[^*?]*\*$/.test(cl.v)) prefixes.push(cl.v.slice(0, -1));
    });
    // maybe(c0, c1): could a token whose first code units are c0 and c1 (-1:
    // it has one) analyse to a query term? Most tokens of a text cannot, and
    // this spares them the filters. For ASCII the filters change a term's
    // first two letters only by case, and by Porter's y -> i when the stem
    // is two letters long ("ays", "ayed" -> "ai"); a term or prefix shorter
    // than that may come from a longer token ("x's" -> "x", "aing" -> "a"),
    // so it is checked on c0 alone, and the prefix "" matches every term.
    // pass[c0 * 129 + c1] (c1 = 128: one code unit) answers for ASCII c0, c1
    // in one load; first[c0] for ASCII c0 followed by a code unit >= 128.
    var pass = new Uint8Array(128 * 129), first = new Uint8Array(128), all = false;
    function up(c) { return c >= 97 && c <= 122 ? c - 32 : c; }
    function pair(a, b) { pass[a * 129 + b] = pass[up(a) * 129 + b] = pass[a * 129 + up(b)] = pass[up(a) * 129 + up(b)] = 1; }
    function add(t) {
      if (t.length === 0) { all = true; return; }
      var a = t.charCodeAt(0), b = t.charCodeAt(1);
      if (a >= 128) return; // an ASCII c0 is a's lower case only if a < 128
      first[a] = first[up(a)] = 1;
      if (t.length < 2) { for (var k = 0; k <= 128; k++) pass[a * 129 + k] = pass[up(a) * 129 + k] = 1; return; }
      if (b >= 128) return;
      pair(a, b);
      if (b === 105) pair(a, 121);
    }
    out.forEach(add);
    prefixes.forEach(add);
    return {
      has: function (t) { if (out.has(t)) return true; for (var i = 0; i < prefixes.length; i++) if (t.indexOf(prefixes[i]) === 0) return true; return false; },
      maybe: function (c0, c1) {
        if (all || c0 >= 128) return true;
        if (c1 >= 128) return first[c0] === 1; // the first letter still holds
        return pass[c0 * 129 + (c1 < 0 ? 128 : c1)] === 1;
      }
    };
  }
  // the tokens of text that analyse to query terms
  function hitTokens(text, qt) {
    var out = [];
    eachToken(text, function (s, e, p) {
      // most tokens fail maybe: test before slicing their text
      if (!qt.maybe(text.charCodeAt(s), e - s > 1 ? text.charCodeAt(s + 1) : -1)) return;
      var term = termOf(text.slice(s, e));
      if (term !== '' && qt.has(term)) out.push({ term: term, pos: p, start: s, end: e });
    });
    return out;
  }

  // snippet: [{text, mark}] pieces of about `len` characters around the
  // densest run of query terms.
  function snippet(text, qt, len) {
    len = len || 220;
    var hits = hitTokens(text, qt);
    var start = 0;
    if (hits.length) {
      var best = 0, bestAt = hits[0].start;
      for (var i = 0, j = 0; i < hits.length; i++) {
        while (hits[i].end - hits[j].start > len) j++;
        if (i - j + 1 > best) { best = i - j + 1; bestAt = hits[j].start; }
      }
      start = Math.max(0, bestAt - 40);
      var sp = text.lastIndexOf(' ', start);
      if (start > 0 && sp > start - 20) start = sp + 1;
    }
    var end = Math.min(text.length, start + len);
    var sp2 = text.indexOf(' ', end);
    if (end < text.length && sp2 >= 0 && sp2 < end + 20) end = sp2;
    return highlight(text, qt, start, end, hits);
  }
  function highlight(text, qt, start, end, toks) {
    toks = toks || hitTokens(text, qt);
    var out = [], at = start;
    if (start > 0) out.push({ text: '… ', mark: false });
    for (var i = 0; i < toks.length; i++) {
      var t = toks[i];
      if (t.start < start || t.end > end || !qt.has(t.term)) continue;
      if (t.start > at) out.push({ text: text.slice(at, t.start), mark: false });
      out.push({ text: text.slice(t.start, t.end), mark: true });
      at = t.end;
    }
    if (at < end) out.push({ text: text.slice(at, end), mark: false });
    if (end < text.length) out.push({ text: ' …', mark: false });
    return out;
  }

  if (C.m) hot(); // request the common terms while the page starts
  C.engine = {
    analyze: analyze, tokenize: tokenize, stem: stem, lower: lower, parse: parse, lex: lex,
    search: search, first: first, facets: facets, months: months, doc: doc, queryTerms: function (q) { return queryTerms(parse(q)); },
    snippet: snippet, highlight: highlight, manifest: man, tuning: tuning, decodePositions: decodePositions, fixedColumn: fixed,
    idOf: function (ord) { return doc(ord).then(function (d) { return d.i; }); }
  };
  if (C.onEngine) C.onEngine(C.engine);
})(typeof self !== 'undefined' ? self : globalThis);
