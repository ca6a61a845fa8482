// Search results quote the page's text. Maths on the pages is KaTeX HTML plus MathML whose
// <annotation> holds the TeX source: without this, snippets showed raw TeX ("\mathbf{w}^T")
// next to the rendered glyphs. Drop both from the text the snippet is cut from; the
// MathML's own symbols (σ(z) = 1/(1 + e^−z)) remain, once. Code blocks are dropped too: a
// snippet quotes the prose (nnlib's docstrings shown with literalinclude hold :math:`\mathbf{W}`).
function nnPatchSearch() {
  // `Search` is a global const of searchtools.js (not a property of window). Chapter pages
  // load it on demand (web/lazy-search.js calls this once it has); search.html at once.
  if (typeof Search === "undefined" || typeof Search.htmlToText !== "function" || Search.nnPatched) return;
  var original = Search.htmlToText;
  Search.htmlToText = function (htmlString, anchor) {
    var doc = new DOMParser().parseFromString(htmlString, "text/html");
    doc.querySelectorAll("annotation, .katex-html, div.highlight").forEach(function (el) { el.remove(); });
    return original(doc.documentElement.outerHTML, anchor);
  };
  Search.nnPatched = true;
}
window.addEventListener("DOMContentLoaded", nnPatchSearch);
