// Draws the map with vendored Leaflet over bundled country outlines: no tiles, no other host.
// data-mode="markers": every located event of the page's filter, clustered when dense.
// data-mode="pin": one event.
(function () {
  "use strict";
  var element = document.getElementById("map");
  if (!element || !window.L) { return; }
  // Without tiles nothing sets a zoom range, and the cluster layer needs one.
  var map = L.map(element, { zoomControl: true, attributionControl: true, minZoom: 3, maxZoom: 13 });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Outlines: Natural Earth · Places: Who's On First, GeoNames (CC BY)");
  map.setView([33.3, 43.5], 5);
  L.control.scale({ imperial: false, maxWidth: 160 }).addTo(map);

  function fetchJson(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) { throw new Error(url + ": " + response.status); }
      return response.json();
    });
  }

  fetchJson(element.dataset.outlines).then(function (outlines) {
    L.geoJSON(outlines, {
      interactive: false,
      style: { color: "#8a8577", weight: 1, fillColor: "#f3efe4", fillOpacity: 1 }
    }).addTo(map).bringToBack();
    element.dataset.outlinesDrawn = String(outlines.features.length);
  });

  // Place names the tiles would show: countries always, provinces and the main cities as the
  // map zooms in (bigger cities first). Labels are text nodes, never markup.
  var labelLayers = [];
  function label(kind, name, lat, lon) {
    var span = document.createElement("span");
    span.textContent = name;
    var icon = L.divIcon({ className: "map-label " + kind, html: span, iconSize: null });
    return L.marker([lat, lon], { icon: icon, interactive: false, keyboard: false });
  }
  function layer(minZoom, markers) {
    var group = L.layerGroup(markers);
    labelLayers.push({ minZoom: minZoom, group: group });
    return group;
  }
  function showLabels() {
    var zoom = map.getZoom(), shown = 0;
    labelLayers.forEach(function (item) {
      var on = zoom >= item.minZoom;
      if (on && !map.hasLayer(item.group)) { item.group.addTo(map); }
      if (!on && map.hasLayer(item.group)) { map.removeLayer(item.group); }
      if (on) { shown += item.group.getLayers().length; }
    });
    element.dataset.labelsShown = String(shown);
  }
  if (element.dataset.labels) {
    fetchJson(element.dataset.labels).then(function (labels) {
      layer(0, labels.countries.map(function (c) { return label("country", c[0], c[1], c[2]); }));
      layer(6, labels.provinces.map(function (p) { return label(p[3] ? "province beside-city" : "province", p[0], p[1], p[2]); }));
      var big = [], mid = [], small = [];
      labels.cities.forEach(function (c) {
        (c[3] >= 1000000 ? big : c[3] >= 300000 ? mid : small).push(label("city", c[0], c[1], c[2]));
      });
      layer(5, big); layer(6, mid); layer(7, small);
      map.on("zoomend", showLabels);
      showLabels();
    });
  }

  function marker(lat, lon, colour) {
    return L.circleMarker([lat, lon], {
      radius: 7, color: "#ffffff", weight: 1.5, fillColor: colour, fillOpacity: 0.9, className: "dl-marker"
    });
  }

  // Popups are built from DOM nodes with textContent, so no text from the ledger becomes markup.
  function popup(item, colours) {
    var box = document.createElement("div");
    box.className = "popup";
    var head = document.createElement("div");
    var date = document.createElement("strong");
    date.textContent = item.date || "date unknown";
    var chip = document.createElement("span");
    chip.className = "chip";
    chip.style.setProperty("--c", colours[item.type] || "#7f8c8d");
    chip.textContent = item.type;
    head.appendChild(date);
    head.appendChild(document.createTextNode(" "));
    head.appendChild(chip);
    box.appendChild(head);
    var who = document.createElement("div");
    who.textContent = item.actor1 + (item.actor2 ? " → " + item.actor2 : "");
    box.appendChild(who);
    var where = document.createElement("div");
    where.textContent = item.place + (item.fatalities != null ? " · " + item.fatalities + " killed" : "");
    box.appendChild(where);
    var link = document.createElement("a");
    link.href = "/events/" + encodeURIComponent(item.id);
    link.textContent = "Open the event →";
    box.appendChild(link);
    return box;
  }

  if (element.dataset.mode === "pin") {
    var lat = parseFloat(element.dataset.lat), lon = parseFloat(element.dataset.lon);
    // The place's own name stays shown beside the pin; the view is wide enough for the nearby
    // cities and provinces to give it context. Leaflet reads a string tooltip as HTML: the place
    // label (an analyst can correct it) goes in as a text node.
    var pinLabel = document.createElement("span");
    pinLabel.textContent = element.dataset.label || "";
    marker(lat, lon, element.dataset.colour)
      .bindTooltip(pinLabel, { permanent: true, direction: "right", className: "pin-label", offset: [8, 0] })
      .addTo(map);
    map.setView([lat, lon], 7);
    element.dataset.markersDrawn = "1";
    return;
  }

  var status = document.getElementById("map-status");
  fetchJson(element.dataset.markers).then(function (data) {
    var cluster = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false });
    var bounds = [];
    data.markers.forEach(function (row) {
      var item = {};
      data.fields.forEach(function (name, index) { item[name] = row[index]; });
      var m = marker(item.lat, item.lon, data.colours[item.type] || "#7f8c8d");
      m.bindPopup(function () { return popup(item, data.colours); });
      cluster.addLayer(m);
      bounds.push([item.lat, item.lon]);
    });
    map.addLayer(cluster);
    if (bounds.length) { map.fitBounds(bounds, { padding: [30, 30], maxZoom: 8, animate: false }); }
    element.dataset.markersDrawn = String(data.shown);
    if (status) {
      status.textContent = data.shown === data.total
        ? data.total + " located events."
        : "Showing the latest " + data.shown + " of " + data.total + " located events; narrow the filters to see others.";
    }
  }).catch(function (error) {
    if (status) { status.textContent = "Could not load the events: " + (error && error.message ? error.message : error); }
  });
})();
