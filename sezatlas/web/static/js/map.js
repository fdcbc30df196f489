/* SEZ Atlas maps: the home map (every matching zone, clustered), a zone page's locator map, a
 * country page's map of its zones, the compare page's map of the compared zones, and the OGC API pages'
 * small maps (the features of an items page or an item, a collection's extent).
 *
 * No tiles: the base layer is the bundled Natural Earth country shapes served by this app, so the map
 * works offline and no request leaves the server. Map and list answer the same query: after htmx swaps
 * the list, the map fetches the points URL the new list carries.
 */
(function () {
  "use strict";

  var layers = window.sezatlasLayers;
  var NEAR_M = 300000;  // a zone page's map frames the nearest seaport and airport when within 300 km

  /* Land in one tint, the country named by `highlightIso3` (a zone page's country) a shade darker, and a
   * scale bar (map_layers.js). */
  function baseMap(element, attribution, options, highlightIso3) {
    var map = L.map(element, Object.assign({ preferCanvas: true, minZoom: 1, zoomSnap: 0.25 }, options));
    map.attributionControl.setPrefix("Leaflet");
    map.attributionControl.addAttribution(attribution);
    layers.addPanes(map);
    layers.land(map, highlightIso3);
    layers.scale(map);
    return map;
  }

  /* Site points are filled; approximate points (a nearby town) are hollow and dashed. */
  function zoneMarker(lat, lon, colour, isApproximate) {
    return L.circleMarker([lat, lon], isApproximate
      ? { pane: "zones", radius: 6, color: colour, weight: 2, dashArray: "3 3", fillColor: colour, fillOpacity: 0.15 }
      : { pane: "zones", radius: 6, color: "#ffffff", weight: 1, fillColor: colour, fillOpacity: 0.95 });
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

  /* Where the home map's zones are drawn (each cluster's icon, each single point), so no place name hides
   * them: markercluster keeps what it draws at this zoom in `_featureGroup`. */
  function zoneBoxes(map, cluster) {
    var frame = map.getContainer().getBoundingClientRect();
    var boxes = [];
    cluster._featureGroup.eachLayer(function (layer) {
      if (layer._icon) { boxes.push((layer._icon.firstChild || layer._icon).getBoundingClientRect()); return; }
      var point = map.latLngToContainerPoint(layer.getLatLng());
      var x = frame.left + point.x;
      var y = frame.top + point.y;
      boxes.push({ left: x - 7, right: x + 7, top: y - 7, bottom: y + 7 });
    });
    return boxes;
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
    var context = layers.context(map, element, [], function () { return zoneBoxes(map, cluster); });
    cluster.on("animationend", context.relabel);

    /* Leaflet drops a new view asked for while a zoom animation runs (the first fit of the page, say), so a
     * search typed quickly would leave the map where it was: the newest move waits for the animation's end. */
    var zooming = false;
    var waitingMove = null;
    map.on("zoomanim", function () { zooming = true; });
    map.on("zoomend", function () {
      zooming = false;
      var move = waitingMove;
      waitingMove = null;
      if (move) { move(); }
    });
    function moveTo(bounds, maxZoom) {
      var move = function () { map.fitBounds(bounds, { maxZoom: maxZoom }); };
      if (zooming) { waitingMove = move; } else { move(); }
    }

    /* The map moves to what the list now holds: the matching zones' points, or, when none of them has a
     * point, the countries filtered on. */
    function fitTo(markers, url) {
      if (markers.length) {
        moveTo(L.latLngBounds(markers.map(function (m) { return m.getLatLng(); })).pad(0.1), 8);
        return;
      }
      var countries = [];
      new URLSearchParams(url.split("?")[1] || "").getAll("country").forEach(function (value) {
        countries = countries.concat(value.split(",").filter(Boolean));
      });
      if (countries.length) {
        layers.countryBounds(countries).then(function (bounds) { if (bounds) { moveTo(bounds, 6); } });
      }
    }

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
          fitTo(markers, url);
          context.relabel();
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

  /* A zone page's map: the zone's point, its country shaded, the nearest seaport and airport named (when the
   * page computed them), and around them the places, ports and airports of the region. */
  function locatorMap(element) {
    var lat = parseFloat(element.dataset.lat);
    var lon = parseFloat(element.dataset.lon);
    var nearest = JSON.parse(element.dataset.nearest || "[]");
    var map = baseMap(element, element.dataset.attribution, { maxZoom: 10, scrollWheelZoom: false },
      element.dataset.country);
    var region = L.latLngBounds([[lat, lon], [lat, lon]]);
    nearest.forEach(function (feature) {
      if (map.distance([lat, lon], [feature[2], feature[3]]) <= NEAR_M) { region.extend([feature[2], feature[3]]); }
    });
    if (region.getNorthEast().equals(region.getSouthWest())) { map.setView([lat, lon], 7); }
    else { map.fitBounds(region.pad(0.2), { maxZoom: 8 }); }
    var marker = zoneMarker(lat, lon, element.dataset.colour, element.dataset.approximate === "true");
    marker.setRadius(8).addTo(map);
    var pinned = [layers.labelled(map, lat, lon, "zone", "map-zone", element.dataset.name).addTo(map)]
      .concat(nearest.map(function (feature) {
        return layers.labelled(map, feature[2], feature[3], feature[0], "map-facility is-nearest", feature[1]).addTo(map);
      }));
    var zoneBox = function () {
      var point = map.latLngToContainerPoint(marker.getLatLng());
      var frame = map.getContainer().getBoundingClientRect();
      var x = frame.left + point.x;
      var y = frame.top + point.y;
      return [{ left: x - 9, right: x + 9, top: y - 9, bottom: y + 9 }];
    };
    layers.context(map, element, pinned, zoneBox);
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

  /* An OGC API page's map (templates/_ogc_map.html): its features' points, each opening its item page, or
   * its collection's extent as a rectangle (west > east crosses the antimeridian). */
  function ogcMap(element) {
    var points = JSON.parse(element.dataset.points || "[]");
    var extent = element.dataset.extent ? JSON.parse(element.dataset.extent) : null;
    var map = baseMap(element, element.dataset.attribution, { maxZoom: 10, scrollWheelZoom: false })
      .setView([25, 70], 2);
    var markers = points.map(function (point) {
      var popup = function () {
        var link = document.createElement("a");
        link.href = point[6];
        link.textContent = point[1];
        return link;
      };
      return zoneMarker(point[2], point[3], point[4], point[5]).bindPopup(popup).addTo(map);
    });
    if (extent) {
      var east = extent[2] < extent[0] ? extent[2] + 360 : extent[2];
      var box = L.latLngBounds([extent[1], extent[0]], [extent[3], east]);
      L.rectangle(box, { pane: "zones", color: "#0072B2", weight: 2, fillOpacity: 0.08, interactive: false })
        .addTo(map);
      map.fitBounds(box.pad(0.05), { maxZoom: 6 });
    } else if (markers.length === 1) {
      markers[0].setRadius(8);
      map.setView(markers[0].getLatLng(), 5);
    } else if (markers.length) {
      map.fitBounds(L.latLngBounds(markers.map(function (m) { return m.getLatLng(); })).pad(0.1), { maxZoom: 7 });
    }
    element.dataset.markers = String(markers.length);
    element.dataset.state = "ready";
    window.sezatlas = { map: map, markers: markers };
  }

  var home = document.getElementById("map");
  if (home) { homeMap(home); }
  var locator = document.getElementById("locator");
  if (locator) { locatorMap(locator); }
  var country = document.getElementById("country-map");
  if (country) { countryMap(country); }
  var compared = document.getElementById("compare-map");
  if (compared) { compareMap(compared); }
  var ogc = document.getElementById("ogc-map");
  if (ogc) { ogcMap(ogc); }
})();
