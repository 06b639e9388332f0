/* The dashboard's monthly trend: Chart.js from our static files; labels arrive translated in #trend-data. */
(function () {
  "use strict";
  var canvas = document.getElementById("trend-chart");
  if (!canvas || typeof Chart === "undefined") return;
  var data = JSON.parse(document.getElementById("trend-data").textContent);
  var byKey = {};
  data.series.forEach(function (s) { byKey[s.key] = s; });
  var chart = new Chart(canvas, {
    data: {
      labels: data.labels,
      datasets: [
        { type: "bar", label: byKey.events.label, data: byKey.events.data, yAxisID: "count",
          backgroundColor: "#b4232a", order: 2 },
        { type: "line", label: byKey.attendees.label, data: byKey.attendees.data, yAxisID: "amount",
          borderColor: "#4575b4", backgroundColor: "#4575b4", tension: 0.2, order: 1 },
        { type: "line", label: byKey.duty_hours.label, data: byKey.duty_hours.data, yAxisID: "amount",
          borderColor: "#1a7f37", backgroundColor: "#1a7f37", borderDash: [6, 4], tension: 0.2, order: 1 }
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
})();
