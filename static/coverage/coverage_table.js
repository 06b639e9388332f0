/* Sortable tables: click (or press Enter on) a header with data-sort="num"|"text" to sort by the
   cells' data-value; empty values ("no data") always go last. No dependencies. */
(function () {
  "use strict";

  function value(row, index, numeric) {
    var cell = row.cells[index];
    var raw = cell ? (cell.getAttribute("data-value") || "") : "";
    if (!numeric) return raw;
    return raw === "" ? null : parseFloat(raw);
  }

  function sortBy(table, header) {
    var index = Array.prototype.indexOf.call(header.parentNode.children, header);
    var numeric = header.getAttribute("data-sort") === "num";
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a, index, numeric), y = value(b, index, numeric);
      if (x === null || x === "") return (y === null || y === "") ? 0 : 1;
      if (y === null || y === "") return -1;
      var order = numeric ? x - y : String(x).localeCompare(String(y), document.documentElement.lang || "zh");
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(header.parentNode.children, function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("th[data-sort]").forEach(function (header) {
      header.tabIndex = 0;
      header.classList.add("sortable-header");
      header.addEventListener("click", function () { sortBy(table, header); });
      header.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sortBy(table, header); }
      });
    });
  });
})();
