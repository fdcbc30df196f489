/* SEZ Atlas maps: the home map (every matching zone, clustered), a zone page's locator map, a
 * country page's map of its zones, and the compare page's map of the compared zones.
 *
 * No tiles: the base layer is the bundled Natural Earth country shapes served by this app, so the map
 * works offline and no request leaves the server. Map and list answer the same query: after htmx swaps
 * the list, the map fetches the points URL the new list carries.
 */
(function () {
  "use strict";

  var SHAPES_URL = "/api/v1/countries/shapes?resolution=110m";

  /* Land in one tint; the country named by `highlightIso3` (a zone page's country) a shade darker. */
  function baseMap(element, attribution, options, highlightIso3) {
    var map = L.map(element, Object.assign({ preferCanvas: true, minZoom: 1, zoomSnap: 0.25 }, options));
    map.attributionControl.setPrefix("Leaflet");
    map.attributionControl.addAttribution(attribution);
    fetch(SHAPES_URL)
      .then(function (response) { return response.json(); })
      .then(function (shapes) {
        L.geoJSON(shapes, {
          interactive: false,
          style: function (feature) {
            var isHighlighted = highlightIso3 && feature.properties.iso_a3 === highlightIso3;
            return { color: "#8a9099", weight: 0.6, fillOpacity: 1,
              fillColor: isHighlighted ? "#d8cba0" : "#efebe0" };
          },
        }).addTo(map).bringToBack();
      });
    return map;
  }

  /* Site points are filled; approximate points (a nearby town) are hollow and dashed. */
  function zoneMarker(lat, lon, colour, isApproximate) {
    return L.circleMarker([lat, lon], isApproximate
      ? { radius: 6, color: colour, weight: 2, dashArray: "3 3", fillColor: colour, fillOpacity: 0.15 }
      : { radius: 6, color: "#ffffff", weight: 1, fillColor: colour, fillOpacity: 0.95 });
  }

  function popupContent(point, types, labels) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = "/zones/" + encodeURIComponent(point[0]);
    link.textContent = point[1];
    box.appendChild(link);
    var meta = document.createElement("div");
    meta.textContent = (types[point[4]] || {}).title || point[4];
    box.appendChild(meta);
    var precision = document.createElement("div");
    precision.textContent = point[5] ? labels.approximate : labels.site;
    box.appendChild(precision);
    return box;
  }

  function homeMap(element) {
    var types = {};
    JSON.parse(element.dataset.types).forEach(function (type) { types[type.code] = type; });
    var labels = JSON.parse(element.dataset.labels);
    var map = baseMap(element, labels.attribution, { maxZoom: 14 }).setView([25, 70], 2);
    var cluster = L.markerClusterGroup({ showCoverageOnHover: false, chunkedLoading: true, maxClusterRadius: 50 });
    map.addLayer(cluster);
    var shownUrl = null;
    var latestRequest = 0;

    function show(url) {
      if (!url || url === shownUrl) { return; }
      shownUrl = url;
      var request = ++latestRequest;
      element.dataset.state = "loading";
      fetch(url)
        .then(function (response) { return response.json(); })
        .then(function (data) {
          if (request !== latestRequest) { return; }  // a newer search has started
          var markers = data.points.map(function (point) {
            var colour = (types[point[4]] || {}).colour || "#333333";
            return zoneMarker(point[2], point[3], colour, point[5])
              .bindPopup(function () { return popupContent(point, types, labels); });
          });
          cluster.clearLayers();
          cluster.addLayers(markers);
          if (markers.length) {
            map.fitBounds(L.latLngBounds(markers.map(function (m) { return m.getLatLng(); })).pad(0.1),
              { maxZoom: 8 });
          }
          element.dataset.markers = String(markers.length);
          element.dataset.shownUrl = url;
          element.dataset.state = "ready";
        });
    }

    function showResults() {
      var results = document.getElementById("results");
      if (results) { show(results.dataset.pointsUrl); }
    }
    document.body.addEventListener("htmx:afterSettle", showResults);
    showResults();
    window.sezatlas = { map: map, cluster: cluster };
  }

  function locatorMap(element) {
    var lat = parseFloat(element.dataset.lat);
    var lon = parseFloat(element.dataset.lon);
    var map = baseMap(element, element.dataset.attribution, { maxZoom: 10, scrollWheelZoom: false },
      element.dataset.country).setView([lat, lon], 3.5);
    var marker = zoneMarker(lat, lon, element.dataset.colour, element.dataset.approximate === "true");
    marker.setRadius(8).addTo(map);
    element.dataset.state = "ready";
    window.sezatlas = { map: map };
  }

  /* A country page's map: every zone of the country that has a point, its country shaded. */
  function countryMap(element) {
    var types = {};
    JSON.parse(element.dataset.types).forEach(function (type) { types[type.code] = type; });
    var labels = JSON.parse(element.dataset.labels);
    var map = baseMap(element, labels.attribution, { maxZoom: 10, scrollWheelZoom: false },
      element.dataset.country).setView([25, 70], 2);
    fetch(element.dataset.pointsUrl)
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var markers = data.points.map(function (point) {
          return zoneMarker(point[2], point[3], (types[point[4]] || {}).colour || "#333333", point[5])
            .bindPopup(function () { return popupContent(point, types, labels); }).addTo(map);
        });
        if (markers.length) {
          map.fitBounds(L.latLngBounds(markers.map(function (m) { return m.getLatLng(); })).pad(0.1),
            { maxZoom: 7 });
        }
        element.dataset.markers = String(markers.length);
        element.dataset.state = "ready";
      });
    window.sezatlas = { map: map };
  }

  /* The compare page's map: the compared zones (points from the page itself), each named. */
  function compareMap(element) {
    var points = JSON.parse(element.dataset.points);
    var map = baseMap(element, element.dataset.attribution, { maxZoom: 10, scrollWheelZoom: false })
      .setView([25, 70], 2);
    var markers = points.map(function (point) {
      return zoneMarker(point[2], point[3], point[4], point[5])
        .bindTooltip(point[1], { permanent: true, direction: "top", className: "compare-label" }).addTo(map);
    });
    map.fitBounds(L.latLngBounds(markers.map(function (m) { return m.getLatLng(); })).pad(0.3), { maxZoom: 6 });
    element.dataset.markers = String(markers.length);
    element.dataset.state = "ready";
    window.sezatlas = { map: map };
  }

  var home = document.getElementById("map");
  if (home) { homeMap(home); }
  var locator = document.getElementById("locator");
  if (locator) { locatorMap(locator); }
  var country = document.getElementById("country-map");
  if (country) { countryMap(country); }
  var compared = document.getElementById("compare-map");
  if (compared) { compareMap(compared); }
})();
