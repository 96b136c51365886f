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
  map.attributionControl.addAttribution("Outlines: Natural Earth");
  map.setView([33.3, 43.5], 5);

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
    // Leaflet reads a string tooltip as HTML: the place label (an analyst can correct it) goes
    // in as a text node.
    var label = document.createElement("span");
    label.textContent = element.dataset.label || "";
    marker(lat, lon, element.dataset.colour).bindTooltip(label).addTo(map);
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
