/* The coverage map: Leaflet from our static files, NO tile layer (works offline). Villages come
   from /api/coverage.geojson; each one is a single SVG path carrying data-code. Labels arrive
   translated in the page's JSON config (#coverage-config). */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("coverage-config").textContent);
  var element = document.getElementById("coverage-map");
  var metricSelect = document.getElementById("id_metric");
  var metricKey = config.metric;
  var villages = [];  // {layer, properties}

  var map = L.map(element, { attributionControl: false, zoomSnap: 0.25, preferCanvas: false });
  var renderer = L.svg({ padding: 0.5 });
  map.setView([0, 0], 1);  // a view must exist before layers are added; fitBounds replaces it below

  function metricValue(p, key) {
    switch (key) {
      case "score": return p.score;
      case "events": return p.events;
      case "duty": return p.duty_compliance;
      case "legal_savvy": return p.legal_savvy_quota ? (p.legal_savvy * 100) / p.legal_savvy_quota : null;
      case "residents": return p.residents_per_1000;
    }
    return null;
  }

  function colour(value, key) {
    if (value === null || value === undefined) return config.noData.colour;
    var bins = config.metrics[key].bins;
    for (var i = 0; i < bins.length; i++) {
      if (bins[i].below === null || value < bins[i].below) return bins[i].colour;
    }
    return bins[bins.length - 1].colour;
  }

  function tooltip(p) {
    var value = metricValue(p, metricKey);
    var shown = value === null || value === undefined ? config.strings.noData : String(Math.round(value * 10) / 10);
    var box = document.createElement("div");
    var name = document.createElement("strong");
    name.textContent = p.name;
    box.appendChild(name);
    box.appendChild(document.createElement("br"));
    box.appendChild(document.createTextNode(config.metrics[metricKey].label + ": " + shown));
    if (p.coords_approximate) {
      box.appendChild(document.createElement("br"));
      var em = document.createElement("em");
      em.textContent = config.strings.approximate;
      box.appendChild(em);
    }
    return box;
  }

  // Town outlines underneath, not clickable.
  var towns = L.layerGroup().addTo(map);
  config.towns.forEach(function (town) {
    var depth = town.geometry.type === "Polygon" ? 1 : 2;
    L.polygon(L.GeoJSON.coordsToLatLngs(town.geometry.coordinates, depth), {
      renderer: renderer, interactive: false, fill: false, color: "#555", weight: 1.5,
      dashArray: town.hull ? "5 4" : null, className: "town-outline"
    }).addTo(towns);
  });

  var legend = L.control({ position: "bottomright" });
  legend.onAdd = function () {
    this._div = L.DomUtil.create("div", "coverage-legend");
    return this._div;
  };
  legend.update = function () {
    var div = this._div;
    div.textContent = "";
    var title = document.createElement("strong");
    title.textContent = config.metrics[metricKey].label;
    div.appendChild(title);
    config.metrics[metricKey].bins.concat([{ colour: config.noData.colour, label: config.noData.label }])
      .forEach(function (bin) {
        var line = document.createElement("div");
        var swatch = document.createElement("i");
        swatch.style.background = bin.colour;
        line.appendChild(swatch);
        line.appendChild(document.createTextNode(bin.label));
        div.appendChild(line);
      });
  };
  legend.addTo(map);
  legend.update();

  function recolour() {
    villages.forEach(function (v) {
      v.layer.setStyle({ fillColor: colour(metricValue(v.properties, metricKey), metricKey) });
      v.layer.setTooltipContent(tooltip(v.properties));
    });
    legend.update();
  }

  function draw(collection) {
    var bounds = L.latLngBounds([]);
    collection.features.forEach(function (feature) {
      var p = feature.properties, g = feature.geometry, layer;
      if (!g) return;  // no coordinates: counted above the map, listed in the table
      var style = {
        renderer: renderer, color: "#333", weight: 1, fillOpacity: 0.85,
        fillColor: colour(metricValue(p, metricKey), metricKey), className: "village-shape"
      };
      if (g.type === "Point") {
        style.radius = 9;
        if (p.coords_approximate) style.dashArray = "3 3";
        layer = L.circleMarker([g.coordinates[1], g.coordinates[0]], style);
      } else {
        layer = L.polygon(L.GeoJSON.coordsToLatLngs(g.coordinates, g.type === "Polygon" ? 1 : 2), style);
      }
      layer.addTo(map);
      layer.bindTooltip(tooltip(p), { sticky: true });
      layer.on("click", function () {
        window.location.href = config.profile.replace("CODE", encodeURIComponent(p.village));
      });
      var path = layer.getElement();
      path.setAttribute("data-code", p.village);
      path.setAttribute("role", "link");
      path.setAttribute("aria-label", p.name);
      villages.push({ layer: layer, properties: p });
      bounds.extend(layer.getBounds ? layer.getBounds() : layer.getLatLng());
    });
    towns.eachLayer(function (layer) { bounds.extend(layer.getBounds()); });
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [16, 16] });
    } else {
      map.setView([22.2, 113.3], 10);
      var note = L.control({ position: "topright" });
      note.onAdd = function () {
        var div = L.DomUtil.create("div", "coverage-legend");
        div.textContent = config.strings.nothing;
        return div;
      };
      note.addTo(map);
    }
    element.setAttribute("data-drawn", String(villages.length));
  }

  if (metricSelect) {
    metricSelect.addEventListener("change", function () {
      if (!config.metrics[metricSelect.value]) return;
      metricKey = metricSelect.value;
      recolour();
      var url = new URL(window.location.href);
      url.searchParams.set("metric", metricKey);
      window.history.replaceState(null, "", url);
    });
  }

  fetch(config.geojson, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    })
    .then(draw)
    .catch(function () {
      element.setAttribute("data-drawn", "error");
      var p = document.createElement("p");
      p.className = "msg error";
      p.textContent = config.strings.failed;
      element.parentNode.insertBefore(p, element);
    });
})();
