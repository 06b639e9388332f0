/* Live progress of a background job: polls the job's JSON (GET /api/jobs/<id>/) every second while it
   is queued or running, moves the bar and the counts, and reloads the page once it has finished so the
   outcome (problems, per-village table, result link) shows. Without JavaScript the page shows the
   progress as rendered. No user-facing strings here (the state label comes from the page on reload). */
(function () {
  "use strict";
  var box = document.querySelector("[data-job-url]");
  if (!box) { return; }
  var state = box.getAttribute("data-state");
  if (state === "succeeded" || state === "failed") { return; }
  var url = box.getAttribute("data-job-url");
  var bar = box.querySelector("[data-job-bar]");
  var percent = box.querySelector("[data-job-percent]");
  var rows = box.querySelector("[data-job-rows]");
  var timer = null;
  var update = function (data) {
    bar.value = data.progress;
    bar.textContent = data.progress + " %";
    percent.textContent = data.progress + " %";
    rows.textContent = data.rows_done + " / " + data.rows_total;
    if (data.state === "succeeded" || data.state === "failed") {
      clearInterval(timer);
      box.setAttribute("data-state", data.state);
      window.location.reload();
    }
  };
  var poll = function () {
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data) { update(data); } })
      .catch(function () { /* offline for a moment: try again next tick */ });
  };
  timer = setInterval(poll, 1000);
  poll();
}());
