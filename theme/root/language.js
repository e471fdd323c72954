// Send the reader to the first of their browser's languages that the site has; the links work without it.
(function () {
  var links = document.querySelectorAll("a[hreflang]");
  var available = {};
  links.forEach(function (a) { available[a.getAttribute("hreflang")] = a.getAttribute("href"); });
  var wanted = navigator.languages || [navigator.language || ""];
  for (var i = 0; i < wanted.length; i++) {
    var code = String(wanted[i]).slice(0, 2).toLowerCase();
    if (available[code]) { window.location.replace(available[code]); return; }
  }
})();
