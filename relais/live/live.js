// Relais preview: reload when a rebuild is published; show the build's mistakes above the last good page.
(function () {
  "use strict";
  var epoch = -1;
  function show(errors) {
    var box = document.getElementById("relais-preview-errors");
    if (!errors.length) { if (box) box.remove(); return; }
    if (!box) {
      var sheet = document.createElement("link");
      sheet.rel = "stylesheet";
      sheet.href = "/__relais__/live.css";
      document.head.appendChild(sheet);
      box = document.createElement("section");
      box.id = "relais-preview-errors";
      box.setAttribute("role", "alert");
      document.body.prepend(box);
    }
    box.textContent = "";
    var title = document.createElement("h2");
    title.textContent = "The last edit cannot be built (" + errors.length + "). This page is the last good build.";
    var list = document.createElement("pre");
    list.textContent = errors.join("\n");
    box.append(title, list);
  }
  function poll() {
    fetch("/__relais__/events?epoch=" + epoch, { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (epoch >= 0 && state.epoch !== epoch && !state.errors.length) { location.reload(); return; }
        epoch = state.epoch;
        show(state.errors);
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
