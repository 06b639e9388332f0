// Site-wide behaviours declared in the markup (the Content-Security-Policy allows no inline script or
// inline event handler): data-print prints the page; data-confirm asks before a button's click or a
// form's submit goes ahead; data-check-all ticks every box named by its value (default "persons").
(function () {
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-print], button[data-confirm], input[data-confirm]");
    if (!target) return;
    if (target.hasAttribute("data-print")) {
      event.preventDefault();
      window.print();
    } else if (!window.confirm(target.dataset.confirm)) {
      event.preventDefault();
    }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.matches("form[data-confirm]") && !window.confirm(form.dataset.confirm)) event.preventDefault();
  });
  document.addEventListener("change", function (event) {
    var all = event.target;
    if (!all.matches("[data-check-all]")) return;
    var name = all.getAttribute("data-check-all") || "persons";
    document.querySelectorAll('input[name="' + name + '"]').forEach(function (box) { box.checked = all.checked; });
  });
})();
