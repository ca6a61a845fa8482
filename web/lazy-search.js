// The search index loads when the reader searches, not with every page
// (book_ext/templates/layout.html puts this script where the theme loaded the index).
// Sphinx's search tools, its language data and the index (about 70 kB, growing with every
// chapter) load in order when the reader opens the search (Ctrl+K, or a click or focus on a
// search box), or once the page has loaded and the browser is idle. Enter in the search box
// opens search.html, which loads them itself.
(function () {
  var base = document.documentElement.dataset.content_root || "", asked = false;
  function load() {
    if (asked) return;
    asked = true;
    ["_static/searchtools.js", "_static/language_data.js", "searchindex.js"].reduce(function (before, src) {
      return before.then(function () {
        return new Promise(function (done) {
          var s = document.createElement("script");
          s.src = base + src;
          s.onload = s.onerror = done;
          document.head.appendChild(s);
        });
      });
    }, Promise.resolve()).then(function () {
      if (window.nnPatchSearch) window.nnPatchSearch();  // web/search-snippets.js
    });
  }
  function nearSearch(e) {
    return e.target && e.target.closest && e.target.closest("[class*=search-button], .bd-search, form[role=search]");
  }
  document.addEventListener("keydown", function (e) { if ((e.ctrlKey || e.metaKey) && e.key === "k") load(); }, true);
  document.addEventListener("pointerdown", function (e) { if (nearSearch(e)) load(); }, true);
  document.addEventListener("focusin", function (e) { if (nearSearch(e)) load(); }, true);
  window.addEventListener("load", function () { (window.requestIdleCallback || setTimeout)(load); });
})();
