// casefile: filters for long lists (the entity index and a type's list, the
// timeline). The lists work without JavaScript; this only hides items.
// The state is kept in the address (?type=PER&q=smith, ?multi=1) so a
// filtered list can be shared.
(function () {
  "use strict";
  var params = new URLSearchParams(location.search);

  function remember(name, value) {
    if (value) params.set(name, value); else params.delete(name);
    var q = params.toString();
    try {
      history.replaceState(null, "", location.pathname + (q ? "?" + q : "") + location.hash);
    } catch (e) { /* file:// may refuse; the filter still works */ }
  }

  function say(status, shown, total, noun) {
    if (status) status.textContent = "Showing " + shown.toLocaleString("en") + " of " + total.toLocaleString("en") + " " + noun + ".";
  }

  var ef = document.getElementById("entity-filter");
  if (ef) {
    var boxes = Array.prototype.slice.call(ef.querySelectorAll('input[name="type"]'));
    var q = document.getElementById("filter-q");
    var status = document.getElementById("filter-status");
    var groups = Array.prototype.slice.call(document.querySelectorAll(".type-group"));
    var wanted = params.get("type");
    if (wanted) {
      var ts = wanted.split(",");
      boxes.forEach(function (b) { b.checked = ts.indexOf(b.value) >= 0; });
    }
    q.value = params.get("q") || "";
    var apply = function () {
      var on = {};
      boxes.forEach(function (b) { on[b.value] = b.checked; });
      var needle = q.value.trim().toLowerCase();
      var shown = 0, total = 0;
      groups.forEach(function (g) {
        var typeOn = boxes.length === 0 || on[g.getAttribute("data-type")];
        var any = false;
        g.querySelectorAll("li[data-type]").forEach(function (li) {
          total++;
          var ok = typeOn && (!needle || li.firstElementChild.textContent.toLowerCase().indexOf(needle) >= 0);
          li.hidden = !ok;
          if (ok) { any = true; shown++; }
        });
        g.hidden = !any;
      });
      say(status, shown, total, "entities listed");
      var checked = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      remember("type", checked.length === boxes.length ? "" : checked.join(","));
      remember("q", needle);
    };
    boxes.forEach(function (b) { b.addEventListener("change", apply); });
    q.addEventListener("input", apply);
    ef.addEventListener("submit", function (e) { e.preventDefault(); });
    ef.hidden = false;
    if (wanted || q.value) apply();
  }

  var tf = document.getElementById("timeline-filter");
  if (tf) {
    var multi = document.getElementById("multi-only");
    var ent = document.getElementById("tl-entity");
    var src = document.getElementById("tl-source");
    var tstatus = document.getElementById("filter-status");
    var days = Array.prototype.slice.call(document.querySelectorAll(".day"));
    multi.checked = params.get("multi") === "1";
    if (ent) ent.value = params.get("entity") || "";
    if (src) src.value = params.get("source") || "";
    var tapply = function () {
      var shown = 0, total = 0;
      var e = ent ? ent.value : "", s = src ? src.value : "";
      days.forEach(function (d) {
        var any = false;
        d.querySelectorAll("li[data-sources]").forEach(function (li) {
          total++;
          var ok = (!multi.checked || Number(li.getAttribute("data-sources")) > 1) &&
            (!e || (" " + li.getAttribute("data-entities") + " ").indexOf(" " + e + " ") >= 0) &&
            (!s || ("|" + li.getAttribute("data-outlets") + "|").indexOf("|" + s + "|") >= 0);
          li.hidden = !ok;
          if (ok) { any = true; shown++; }
        });
        d.hidden = !any;
      });
      say(tstatus, shown, total, "events");
      remember("multi", multi.checked ? "1" : "");
      remember("entity", e);
      remember("source", s);
    };
    multi.addEventListener("change", tapply);
    if (ent) ent.addEventListener("change", tapply);
    if (src) src.addEventListener("change", tapply);
    tf.addEventListener("submit", function (e) { e.preventDefault(); });
    tf.hidden = false;
    if (multi.checked || (ent && ent.value) || (src && src.value)) tapply();
  }
})();
