// Relais: progressive enhancement only; every page reads the same without it. Self-hosted, no tracking,
// nothing loaded from another site. Replaces Material's bundle: search, the header's menu, search and
// language buttons for the keyboard, and the share panel's buttons.
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
    // Right-to-left indexes isolate their Latin runs (LRI ... PDI): a cut one is closed or opened again.
    var opens = text.indexOf("\u2066"), closes = text.indexOf("\u2069");
    if (closes >= 0 && (opens < 0 || closes < opens)) text = "\u2066" + text;
    if (text.lastIndexOf("\u2066") > text.lastIndexOf("\u2069")) text += "\u2069";
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
    input.addEventListener("focus", function () { setChecked(toggle, true); load(render); });
    input.addEventListener("input", function () { load(render); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = list.querySelector("a");
      if (first) first.focus();
    });
    form.addEventListener("reset", function () { setTimeout(function () { load(render); input.focus(); }); });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !toggle.checked) return;
      setChecked(toggle, false);
      var button = document.querySelector("[data-relais-toggle=__search]");
      if (button && button.offsetParent) button.focus(); else input.blur(); // phones: back to the button
    });
  }

  // A checkbox changed by script tells its listeners, as a click would.
  function setChecked(toggle, value) {
    if (toggle.checked === value) return;
    toggle.checked = value;
    toggle.dispatchEvent(new Event("change"));
  }

  // ---- Header: Material's menu and search "buttons" are labels of checkboxes, which a keyboard cannot
  // reach. Each becomes a real button that says whether its panel is open (without JavaScript the labels
  // stay: they work with a mouse or a finger); the closed drawer and search box are hidden (CSS).
  function setupToggles() {
    [["__drawer", ".md-sidebar--primary", "relais-drawer"], ["__search", ".md-search", "relais-search"]].forEach(function (parts) {
      var toggle = document.getElementById(parts[0]);
      var label = document.querySelector("label.md-header__button[for=" + parts[0] + "]");
      var panel = document.querySelector(parts[1]);
      if (!toggle || !label || !panel) return;
      panel.id = panel.id || parts[2];
      var button = element("button", label.className + " relais-toggle");
      button.type = "button";
      button.setAttribute("data-relais-toggle", parts[0]);
      button.setAttribute("aria-label", label.getAttribute("data-relais-name"));
      button.setAttribute("aria-controls", panel.id);
      while (label.firstChild) button.appendChild(label.firstChild); // the icon
      label.replaceWith(button);
      function sync() { button.setAttribute("aria-expanded", String(toggle.checked)); }
      sync();
      toggle.addEventListener("change", sync);
      button.addEventListener("click", function () { setChecked(toggle, !toggle.checked); });
    });
    var drawer = document.getElementById("__drawer");
    var menu = document.querySelector("[data-relais-toggle=__drawer]");
    if (!drawer || !menu) return;
    drawer.addEventListener("change", function () {
      var first = drawer.checked && document.querySelector(".md-sidebar--primary .md-nav__link[href]");
      if (first) first.focus();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked) { setChecked(drawer, false); menu.focus(); }
    });
  }

  // ---- Language menu: a disclosure button (aria-expanded), arrow keys between languages, Escape closes.
  // Closed, its links are hidden (CSS), so Tab does not wander through them.
  function setupLanguages() {
    var select = document.querySelector(".relais-languages .md-select");
    if (!select) return;
    var button = select.querySelector("button");
    var menu = select.querySelector(".md-select__inner");
    var links = Array.prototype.slice.call(menu.querySelectorAll("a"));
    menu.id = "relais-languages-menu";
    button.setAttribute("aria-controls", menu.id);
    function open(value) {
      select.classList.toggle("relais-open", value);
      button.setAttribute("aria-expanded", String(value));
    }
    function focusLink(at) { links[(at + links.length) % links.length].focus(); }
    open(false);
    button.addEventListener("click", function () {
      var opening = button.getAttribute("aria-expanded") !== "true";
      open(opening);
      if (opening) focusLink(Math.max(0, links.findIndex(function (a) { return a.hasAttribute("aria-current"); })));
    });
    select.addEventListener("keydown", function (event) {
      var at = links.indexOf(document.activeElement);
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        event.stopPropagation();
        open(false);
        button.focus();
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        open(true);
        focusLink(at < 0 ? 0 : at + (event.key === "ArrowDown" ? 1 : -1));
      }
    });
    select.addEventListener("focusout", function (event) {
      if (!select.contains(event.relatedTarget)) open(false);
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

  // ---- Relay kit: each button copies the exact text of the element it names (a post, an alt text, a
  // template) and says so in its card's status line. The clipboard API where the page may use it (a
  // secure context, which a file opened from disk is in Chromium), else the selection's copy command.
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return legacyCopy(text); });
    }
    return legacyCopy(text);
  }

  function legacyCopy(text) {
    var buffer = element("textarea", "relais-copy-buffer");
    buffer.value = text;
    buffer.setAttribute("readonly", "");
    buffer.setAttribute("aria-hidden", "true");
    buffer.tabIndex = -1;
    document.body.appendChild(buffer);
    buffer.select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (error) { done = false; }
    buffer.remove();
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function setupCopy() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-relais-copy-target]"), function (button) {
      var target = document.getElementById(button.getAttribute("data-relais-copy-target"));
      var card = button.closest(".relais-post");
      var status = card && card.querySelector(".relais-post__status");
      if (!target) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        copyText(target.textContent).then(function () {
          button.focus(); // the fallback's selection took it
          if (!status) return;
          status.textContent = ""; // the same words again are announced again
          setTimeout(function () { status.textContent = button.getAttribute("data-relais-copied"); }, 50);
        }, function () {
          var range = document.createRange(); // no clipboard at all: select the text for Ctrl+C
          range.selectNodeContents(target);
          var selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
        });
      });
    });
  }

  setupToggles();
  setupLanguages();
  setupSearch();
  setupShare();
  setupCopy();
})();
