/* Live attendance: polls the JSON count of the event and updates every [data-count] element.
   Works on the event page and the projector. Without JavaScript the page shows the count as
   rendered. Also wires [data-print] and [data-fullscreen] buttons. No user-facing strings here. */
(function () {
  "use strict";
  var box = document.querySelector("[data-counts-url]");
  if (box) {
    var url = box.getAttribute("data-counts-url");
    var every = parseInt(box.getAttribute("data-refresh") || "5", 10) * 1000;
    var lookup = function (data, path) {
      return path.split(".").reduce(function (value, key) {
        return value == null ? undefined : value[key];
      }, data);
    };
    var update = function (data) {
      document.querySelectorAll("[data-count]").forEach(function (node) {
        var value = lookup(data, node.getAttribute("data-count"));
        if (value === undefined) { return; }
        if (node.tagName === "METER") {
          node.value = value;
          node.max = Math.max(data.checkins || 0, 1);
        } else {
          node.textContent = value;
        }
      });
    };
    var poll = function () {
      if (document.hidden) { return; }
      fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) { if (data) { update(data); } })
        .catch(function () { /* offline for a moment: try again next tick */ });
    };
    setInterval(poll, every);
    document.addEventListener("visibilitychange", poll);
  }
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  document.querySelectorAll("[data-fullscreen]").forEach(function (button) {
    if (!document.documentElement.requestFullscreen) { return; }
    button.hidden = false;
    button.addEventListener("click", function () { document.documentElement.requestFullscreen(); });
  });
})();
