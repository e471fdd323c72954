// Relais: progressive enhancement only; every page reads the same without it. Self-hosted, no tracking,
// nothing loaded from another site. Replaces Material's bundle: search, and the share panel's buttons.
(function () {
  "use strict";
  var root = new URL("../../", document.currentScript.src); // the language folder: assets/javascripts/ is two down
  var config = document.getElementById("__config");
  var strings = config ? JSON.parse(config.textContent).translations : {};
  document.documentElement.classList.replace("no-js", "js"); // Material's CSS shows the search button with .js

  // ---- Search: the language's own index, loaded on first use through a <script> (works from disk too).
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f\u064b-\u065f\u0670]/g, "").toLowerCase();
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function prepare(doc) {
    return { location: doc.location, title: doc.title, text: doc.text,
             title_f: " " + fold(doc.title), text_f: " " + fold(doc.text) };
  }

  // Every word of the query must start a word of the page; matches in titles rank first.
  function find(docs, query) {
    var terms = fold(query).split(/[^\p{L}\p{N}]+/u).filter(function (t) { return t.length > 1; });
    if (!terms.length) return null;
    var patterns = terms.map(function (t) { return new RegExp("[^\\p{L}\\p{N}]" + escapeRegExp(t), "u"); });
    var found = [];
    docs.forEach(function (doc, order) {
      var score = 0;
      for (var i = 0; i < patterns.length; i++) {
        var inTitle = patterns[i].test(doc.title_f);
        if (!inTitle && !patterns[i].test(doc.text_f)) return;
        score += inTitle ? 10 : 1;
      }
      found.push({ doc: doc, score: score, order: order, term: terms[0] });
    });
    return found.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
  }

  function snippet(doc, term) {
    var at = doc.text_f.length - 1 === doc.text.length ? Math.max(0, doc.text_f.indexOf(term) - 1 - 40) : 0;
    var text = doc.text.slice(at, at + 180);
    return (at > 0 ? "… " : "") + text + (at + 180 < doc.text.length ? " …" : "");
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function setupSearch() {
    var toggle = document.getElementById("__search");
    var form = document.forms.search;
    if (!toggle || !form) return;
    var input = form.elements.query;
    var meta = form.parentNode.querySelector(".md-search-result__meta");
    var list = form.parentNode.querySelector(".md-search-result__list");
    var docs = null;
    var pages = {};
    meta.setAttribute("role", "status");
    list.removeAttribute("role");

    function load(then) {
      if (docs) return then();
      var script = document.createElement("script");
      script.src = new URL("search/search_index.js", root).href;
      script.onload = function () {
        docs = (window.__index ? window.__index.docs : []).map(prepare);
        docs.forEach(function (doc) { if (doc.location.indexOf("#") < 0) pages[doc.location] = doc.title; });
        then();
      };
      document.head.appendChild(script);
    }

    function render() {
      var results = find(docs, input.value);
      list.textContent = "";
      if (results === null) { meta.textContent = strings["search.result.placeholder"] || ""; return; }
      var count = results.length;
      meta.textContent = count === 0 ? strings["search.result.none"] : count === 1 ? strings["search.result.one"]
        : String(strings["search.result.other"]).replace("#", count);
      results.slice(0, 20).forEach(function (result) {
        var doc = result.doc;
        var page = pages[doc.location.split("#")[0]];
        var link = element("a", "md-search-result__link");
        link.href = new URL(doc.location, root).href;
        var article = element("article", "md-search-result__article md-typeset");
        article.appendChild(element("p", "relais-result__title", page && page !== doc.title ? doc.title + " – " + page : doc.title));
        if (doc.text) article.appendChild(element("p", "relais-result__text", snippet(doc, result.term)));
        link.appendChild(article);
        var item = element("li", "md-search-result__item");
        item.appendChild(link);
        list.appendChild(item);
      });
    }

    toggle.addEventListener("change", function () { if (toggle.checked) { input.focus(); load(render); } });
    input.addEventListener("focus", function () { toggle.checked = true; load(render); });
    input.addEventListener("input", function () { load(render); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = list.querySelector("a");
      if (first) first.focus();
    });
    form.addEventListener("reset", function () { setTimeout(function () { load(render); input.focus(); }); });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked) { toggle.checked = false; input.blur(); }
    });
  }

  // ---- Share panel: the phone's own share menu, copy the link, and Mastodon on the reader's own server.
  function setupShare() {
    var tools = document.querySelector("[data-relais-share-tools]");
    if (tools) {
      var share = tools.querySelector("[data-relais-share]");
      var copy = tools.querySelector("[data-relais-copy]");
      var status = tools.querySelector(".relais-share__status");
      share.hidden = !navigator.share;
      copy.hidden = !(navigator.clipboard && window.isSecureContext);
      tools.hidden = share.hidden && copy.hidden;
      share.addEventListener("click", function () {
        navigator.share({ title: document.title, text: share.dataset.relaisText, url: share.dataset.relaisShare })
          .catch(function () {}); // the reader closed the menu
      });
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(copy.dataset.relaisCopy).then(function () {
          status.textContent = copy.dataset.relaisCopied;
        });
      });
    }
    var mastodon = document.querySelector("[data-relais-mastodon]");
    if (mastodon) {
      mastodon.hidden = false;
      mastodon.addEventListener("submit", function (event) {
        event.preventDefault();
        var field = mastodon.elements.server;
        var host = field.value.trim().replace(/^https?:\/\//i, "").replace(/[/?#].*$/, "").toLowerCase();
        var valid = /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?$/.test(host);
        field.setAttribute("aria-invalid", valid ? "false" : "true");
        if (!valid) { field.focus(); return; }
        window.open("https://" + host + "/share?text=" + encodeURIComponent(mastodon.dataset.relaisMastodon), "_blank", "noopener");
      });
    }
  }

  setupSearch();
  setupShare();
})();
