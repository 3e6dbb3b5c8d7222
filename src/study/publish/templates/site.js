/* The study's report site: code toggle and province search (works from disk, no network). */
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "";
  var lang = document.documentElement.getAttribute("lang") === "en" ? "en" : "vi";

  var toggle = document.getElementById("code-toggle");
  if (toggle) {
    toggle.addEventListener("click", function () {
      var show = !document.body.classList.contains("show-code");
      document.body.classList.toggle("show-code", show);
      var blocks = document.querySelectorAll("details.code");
      for (var i = 0; i < blocks.length; i++) { blocks[i].open = show; }
      toggle.setAttribute("aria-pressed", show ? "true" : "false");
      toggle.textContent = show ? toggle.getAttribute("data-hide") : toggle.getAttribute("data-show");
    });
  }

  // The same key as study.registry.provinces.name_key: folded, letters and digits, prefixes removed.
  function key(text) {
    var k = String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/\u0111/g, "d").replace(/\u0110/g, "D").toLowerCase().replace(/[^0-9a-z]+/g, "");
    var prefixes = ["thanhpho", "tinh", "tp"];
    for (var i = 0; i < prefixes.length; i++) {
      if (k.indexOf(prefixes[i]) === 0 && k.length > prefixes[i].length + 2) { return k.slice(prefixes[i].length); }
    }
    return k;
  }

  function search(query) {
    var q = key(query), index = window.STUDY_SEARCH, hits = [];
    if (!q || !index) { return hits; }
    for (var i = 0; i < index.units.length; i++) {
      var unit = index.units[i], best = -1;
      for (var j = 0; j < unit.k.length; j++) {
        var at = unit.k[j].indexOf(q);
        if (at === 0) { best = 2; break; }
        if (at > 0) { best = Math.max(best, 1); }
      }
      if (best >= 0) { hits.push([best, unit]); }
    }
    hits.sort(function (a, b) { return b[0] - a[0] || (a[1].r < b[1].r ? 1 : -1) || (a[1].n < b[1].n ? -1 : 1); });
    return hits.slice(0, 10).map(function (h) { return h[1]; });
  }

  var box = document.getElementById("search"), list = document.getElementById("search-results");
  if (box && list) {
    var show = function () {
      var hits = search(box.value);
      list.textContent = "";
      hits.forEach(function (unit) {
        var li = document.createElement("li"), a = document.createElement("a");
        a.href = root + unit.h[lang];
        a.textContent = unit.n + " (" + unit.r + ")";
        li.appendChild(a);
        list.appendChild(li);
      });
      list.hidden = hits.length === 0;
    };
    box.addEventListener("input", show);
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        var first = list.querySelector("a");
        if (first) { window.location.href = first.href; }
      } else if (event.key === "Escape") { list.hidden = true; }
    });
  }
})();
