// Copy the report paragraph to the clipboard (falls back to selecting it for Ctrl+C).
document.addEventListener("click", function (event) {
  var button = event.target.closest("button[data-copy]");
  if (!button) return;
  var field = document.getElementById(button.dataset.copy);
  var done = button.parentElement.querySelector(".copied");
  function shown() { if (done) { done.hidden = false; setTimeout(function () { done.hidden = true; }, 2000); } }
  field.focus();
  field.select();
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(field.value).then(shown, function () { document.execCommand("copy"); shown(); });
  } else {
    document.execCommand("copy");
    shown();
  }
});

// The monthly chart (vendored Chart.js); labels arrive translated in #figures-chart.
(function () {
  "use strict";
  var canvas = document.getElementById("monthly-chart");
  var source = document.getElementById("figures-chart");
  if (!canvas || !source || typeof Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  var byKey = {};
  data.series.forEach(function (s) { byKey[s.key] = s; });
  var chart = new Chart(canvas, {
    data: {
      labels: data.labels,
      datasets: [
        { type: "bar", label: byKey.shifts.label, data: byKey.shifts.data, yAxisID: "count", backgroundColor: "#4575b4", order: 2 },
        { type: "bar", label: byKey.events.label, data: byKey.events.data, yAxisID: "count", backgroundColor: "#91bfdb", order: 2 },
        { type: "line", label: byKey.attendees.label, data: byKey.attendees.data, yAxisID: "amount",
          borderColor: "#d73027", backgroundColor: "#d73027", tension: 0.2, order: 1 }
      ]
    },
    options: {
      responsive: true, maintainAspectRatio: false, animation: false,
      interaction: { mode: "index", intersect: false },
      scales: {
        count: { type: "linear", position: "left", beginAtZero: true, ticks: { precision: 0 },
                 title: { display: true, text: data.axes.count } },
        amount: { type: "linear", position: "right", beginAtZero: true, grid: { drawOnChartArea: false },
                  title: { display: true, text: data.axes.amount } }
      },
      plugins: { legend: { position: "bottom" } }
    }
  });
  canvas.setAttribute("data-ready", String(chart.data.datasets.length));
  window.addEventListener("beforeprint", function () { chart.resize(); });
})();

// The print view's button.
document.addEventListener("click", function (event) {
  if (event.target.closest("button[data-print]")) window.print();
});
