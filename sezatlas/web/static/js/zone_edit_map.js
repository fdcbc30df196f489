/* The zone edit form's point: a small map (the site's land layers, no tiles) with a draggable marker.
 * Clicking the map or dragging the marker writes the latitude and longitude inputs; typing in them moves
 * the marker. Without script the inputs work alone. */
(function () {
  "use strict";

  var element = document.getElementById("edit-point-map");
  var latInput = document.getElementById("field-latitude");
  var lonInput = document.getElementById("field-longitude");
  if (!element || !latInput || !lonInput || !window.L) { return; }
  var layers = window.sezatlasLayers;

  var map = L.map(element, { preferCanvas: true, minZoom: 1, maxZoom: 12, zoomSnap: 0.25, scrollWheelZoom: false });
  map.attributionControl.setPrefix("Leaflet");
  map.attributionControl.addAttribution(element.dataset.attribution);
  layers.addPanes(map);
  layers.land(map, element.dataset.country);
  layers.scale(map);

  var icon = L.divIcon({ className: "edit-point-marker", iconSize: [18, 18], iconAnchor: [9, 9] });
  var marker = null;

  function place(latlng) {
    if (marker) { marker.setLatLng(latlng); return; }
    marker = L.marker(latlng, { icon: icon, draggable: true, keyboard: true, title: element.getAttribute("aria-label") }).addTo(map);
    marker.on("dragend", function () { write(marker.getLatLng()); });
  }

  function write(latlng) {
    var wrapped = latlng.wrap();
    latInput.value = wrapped.lat.toFixed(5);
    lonInput.value = wrapped.lng.toFixed(5);
    latInput.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function typed() {
    var lat = parseFloat(latInput.value);
    var lon = parseFloat(lonInput.value);
    if (isFinite(lat) && isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) { place([lat, lon]); }
  }

  map.on("click", function (event) { place(event.latlng); write(event.latlng); });
  latInput.addEventListener("input", typed);
  lonInput.addEventListener("input", typed);

  var lat = parseFloat(element.dataset.lat);
  var lon = parseFloat(element.dataset.lon);
  if (isFinite(lat) && isFinite(lon)) {
    place([lat, lon]);
    map.setView([lat, lon], 8);
  } else {
    map.setView([20, 60], 2);
    layers.countryBounds([element.dataset.country]).then(function (bounds) { if (bounds) { map.fitBounds(bounds); } });
  }
  element.dataset.state = "ready";
  window.sezatlas = { map: map, marker: function () { return marker; } };
})();
