/* Town-then-village picker for the check-in form. Without JavaScript the village <select> (one
   <optgroup> per town) works on its own; with it, a town <select> narrows the village list.
   Labels come from the page (data attributes), so this file has nothing to translate. */
(function () {
  "use strict";
  document.querySelectorAll("select[data-town-picker]").forEach(function (villages) {
    var groups = Array.prototype.slice.call(villages.querySelectorAll("optgroup"));
    if (groups.length < 2) { return; }
    var blank = villages.querySelector("option[value='']");
    var towns = document.createElement("select");
    towns.id = villages.id + "_town";
    var first = document.createElement("option");
    first.value = "";
    first.textContent = villages.getAttribute("data-town-placeholder") || "—";
    towns.appendChild(first);
    var saved = groups.map(function (group, index) {
      var option = document.createElement("option");
      option.value = String(index);
      option.textContent = group.label;
      towns.appendChild(option);
      return group.cloneNode(true);
    });
    var label = document.createElement("label");
    label.textContent = villages.getAttribute("data-town-label") || "";
    label.appendChild(towns);
    var field = villages.closest("label") || villages;
    field.parentNode.insertBefore(label, field);
    var current = villages.value;
    var show = function (index) {
      while (villages.options.length) { villages.remove(0); }
      villages.querySelectorAll("optgroup").forEach(function (group) { group.remove(); });
      if (blank) { villages.appendChild(blank.cloneNode(true)); }
      var chosen = index === "" ? saved : [saved[parseInt(index, 10)]];
      chosen.forEach(function (group) { villages.appendChild(group.cloneNode(true)); });
    };
    if (current) {
      groups.forEach(function (group, index) {
        if (group.querySelector("option[value='" + current + "']")) { towns.value = String(index); }
      });
      show(towns.value);
      villages.value = current;
    }
    towns.addEventListener("change", function () { show(towns.value); villages.value = ""; });
  });
})();
