/* SEZ Atlas map layers under and around the zones: land, a scale bar, and context (place names, seaports,
 * airports), all from this server (no tiles, no network).
 *
 * Land: the Natural Earth 1:110m countries on a world view; zoomed in (DETAIL_ZOOM and closer), the 1:50m
 * polygons of the view from /map/land, so coastlines and ports agree. Context: /map/context answers a view
 * and a zoom with the places, seaports and airports that zoom shows, most important first; it is asked
 * again only when the map settles on a view its last answer does not cover. Labels that would overlap an
 * earlier (more important) one are hidden, so a small scale shows few names.
 *
 * Panes, bottom to top: land (250), context (450, never catches the pointer), zones (500), clusters (600).
 */
window.sezatlasLayers = (function () {
  "use strict";

  var SHAPES_URL = "/api/v1/countries/shapes?resolution=110m";
  var DETAIL_ZOOM = 4.5;
  var FACILITY_LABEL_ZOOM = 6;  // seaports and airports are named from this zoom on
  var SETTLE_MS = 150;

  function addPanes(map) {
    map.createPane("land").style.zIndex = 250;
    map.createPane("context").style.zIndex = 450;
    map.getPane("context").style.pointerEvents = "none";
    map.createPane("zones").style.zIndex = 500;
  }

  /* The view as the server's bbox (min_lon,min_lat,max_lon,max_lat, crossing 180° when min_lon > max_lon),
   * padded and snapped outward to a grid, so small moves ask for the same URL. */
  function viewBox(bounds, step) {
    var west = Math.floor(bounds.getWest() / step) * step;
    var east = Math.ceil(bounds.getEast() / step) * step;
    var south = Math.max(-90, Math.floor(bounds.getSouth() / step) * step);
    var north = Math.min(90, Math.ceil(bounds.getNorth() / step) * step);
    var box = L.latLngBounds([south, west], [north, east]);
    if (east - west >= 360) { return { text: [-180, south, 180, north].join(","), bounds: box }; }
    var wrap = function (lon) { return ((lon + 180) % 360 + 360) % 360 - 180; };
    var minLon = wrap(west);
    var maxLon = wrap(east);
    if (maxLon === -180 && east > west) { maxLon = 180; }
    return { text: [minLon, south, maxLon, north].join(","), bounds: box };
  }

  function gridStep(zoom) { return zoom < 4 ? 10 : zoom < 6 ? 2 : 0.5; }

  /* A longitude moved by whole turns to the copy of the world the map is looking at. */
  function nearView(map, lon) {
    var centre = map.getCenter().lng;
    return lon + 360 * Math.round((centre - lon) / 360);
  }

  function landStyle(highlightIso3) {
    return function (feature) {
      var isHighlighted = highlightIso3 && feature.properties.iso_a3 === highlightIso3;
      return { color: "#8a9099", weight: 0.6, fillOpacity: 1, fillColor: isHighlighted ? "#e3d3a0" : "#f2efe6" };
    };
  }

  /* Coarse shapes on a world view, the view's detailed polygons closer in; each loaded when first needed. */
  function land(map, highlightIso3) {
    var options = { interactive: false, pane: "land", renderer: L.canvas({ pane: "land" }),
      style: landStyle(highlightIso3) };
    var coarse = null;
    var detailed = L.geoJSON(null, options);
    var detailedBox = null;
    var latest = 0;

    function showCoarse() {
      map.removeLayer(detailed);
      if (coarse) { coarse.addTo(map); return; }
      coarse = L.geoJSON(null, options).addTo(map);
      fetch(SHAPES_URL).then(function (r) { return r.json(); }).then(function (shapes) { coarse.addData(shapes); });
    }

    function showDetailed() {
      var view = map.getBounds();
      if (detailedBox && detailedBox.contains(view)) { detailed.addTo(map); if (coarse) { map.removeLayer(coarse); } return; }
      var box = viewBox(view.pad(0.5), 2);
      var request = ++latest;
      fetch("/map/land?bbox=" + box.text).then(function (r) { return r.json(); }).then(function (shapes) {
        if (request !== latest) { return; }
        detailed.clearLayers();
        detailed.addData(shapes);
        detailedBox = box.bounds;
        if (map.getZoom() >= DETAIL_ZOOM) { detailed.addTo(map); if (coarse) { map.removeLayer(coarse); } }
      });
    }

    function update() { if (map.getZoom() >= DETAIL_ZOOM) { showDetailed(); } else { showCoarse(); } }
    map.on("moveend", update);
    map.whenReady(update);
  }

  /* The bounds of countries' coarse shapes (the filter's countries when no zone of theirs has a point). */
  function countryBounds(iso3s) {
    return fetch(SHAPES_URL).then(function (r) { return r.json(); }).then(function (shapes) {
      var found = shapes.features.filter(function (feature) { return iso3s.indexOf(feature.properties.iso_a3) >= 0; });
      return found.length ? L.geoJSON(found).getBounds() : null;
    });
  }

  function scale(map) {
    L.control.scale({ imperial: false, maxWidth: 120 }).addTo(map);
  }

  /* A symbol from the page's legend (one drawing for both), or an empty box when the page has none. */
  function symbol(kind) {
    var drawn = document.querySelector("[data-map-symbol='" + kind + "'] svg");
    var box = document.createElement("span");
    box.className = "map-symbol";
    if (drawn) { box.appendChild(drawn.cloneNode(true)); }
    return box;
  }

  function labelled(map, lat, lon, kind, className, text) {
    var box = document.createElement("div");
    box.appendChild(symbol(kind));
    var label = document.createElement("span");
    label.className = "map-label";  // placed in the page's direction; the name inside in its own
    if (text) { label.appendChild(document.createElement("bdi")).textContent = text; }
    box.appendChild(label);
    var icon = L.divIcon({ html: box, className: "map-context " + className, iconSize: [0, 0] });
    return L.marker([lat, nearView(map, lon)], { icon: icon, pane: "context", interactive: false, keyboard: false });
  }

  /* The label's box on its reading side, and mirrored to the other side of its point. */
  function candidates(element) {
    var label = element.querySelector(".map-label");
    if (!label || !label.textContent) { return null; }
    element.classList.remove("is-flipped");
    var box = label.getBoundingClientRect();
    var x = element.getBoundingClientRect().left;  // the icon is 0 × 0 at its point
    var flipped = { left: 2 * x - box.right, right: 2 * x - box.left, top: box.top, bottom: box.bottom };
    return [box, flipped];
  }

  /* Place each label (the list is most important first, the first `pinnedCount` pinned) on the first side
   * where it overlaps nothing placed before it and stays inside the map, or hide it: a place loses its dot with its name, a
   * seaport or airport keeps its symbol. Returns how many labels are shown. */
  function declutter(markers, pinnedCount, obstacles, frame) {
    var elements = markers.map(function (marker) { return marker.getElement(); });
    var sides = elements.map(function (element) { return element ? candidates(element) : null; });
    var symbols = elements.filter(function (element) { return element && element.classList.contains("map-facility"); })
      .map(function (element) { return element.querySelector(".map-symbol").getBoundingClientRect(); });
    var taken = obstacles.concat(symbols);  // no name covers a seaport's or an airport's symbol
    var overlaps = function (a, b) {
      return a.left < b.right + 2 && b.left < a.right + 2 && a.top < b.bottom && b.top < a.bottom;
    };
    var isFree = function (box) { return !taken.some(function (other) { return overlaps(box, other); }); };
    var isInside = function (box) { return box.left >= frame.left && box.right <= frame.right; };
    var choose = function (boxes, isPinned) {  // a pinned label may run off the map rather than vanish
      var free = [0, 1].filter(function (side) { return isFree(boxes[side]); });
      var inside = free.filter(function (side) { return isInside(boxes[side]); });
      return inside.length ? inside[0] : free.length && isPinned ? free[0] : -1;
    };
    var shown = 0;
    sides.forEach(function (boxes, index) {
      if (!boxes) { return; }
      var side = choose(boxes, index < pinnedCount);
      elements[index].classList.toggle("is-crowded", side < 0);
      elements[index].classList.toggle("is-flipped", side === 1);
      if (side >= 0) { taken.push(boxes[side]); shown += 1; }
    });
    return shown;
  }

  /* The context layer of a map: `lang` names places; `pinned` are markers drawn first (a zone page's
   * nearest seaport and airport); `obstacles()` gives boxes no label may cover (the zone's point). */
  function context(map, element, pinned, obstacles) {
    var layer = L.layerGroup().addTo(map);
    var markers = [];
    var shown = null;
    var latest = 0;
    var timer = null;
    var lang = element.dataset.lang || "en";

    function draw(data) {
      layer.clearLayers();
      var detail = map.getZoom() >= FACILITY_LABEL_ZOOM;
      var important = data.places.filter(function (p) { return p[3] > 1; });
      var others = data.places.filter(function (p) { return p[3] === 1; });
      var placeMarker = function (p) { return labelled(map, p[1], p[2], "place", "map-place size-" + p[3], p[0]); };
      var isPinned = function (lat, lon) {  // a zone page's nearest seaport or airport is drawn once
        return pinned.some(function (marker) { return marker.getLatLng().distanceTo([lat, nearView(map, lon)]) < 100; });
      };
      var facilities = data.seaports.filter(function (p) { return !isPinned(p[1], p[2]); }).map(function (p) {
        return labelled(map, p[1], p[2], "seaport", "map-facility", detail ? p[0] : "");
      }).concat(data.airports.filter(function (a) { return !isPinned(a[2], a[3]); }).map(function (a) {
        return labelled(map, a[2], a[3], "airport", "map-facility", detail ? a[0] + (a[1] ? " (" + a[1] + ")" : "") : "");
      }));
      markers = pinned.concat(important.map(placeMarker), facilities, others.map(placeMarker));
      markers.forEach(function (marker) { if (pinned.indexOf(marker) < 0) { layer.addLayer(marker); } });
      relabel();
      element.dataset.contextState = "ready";
    }

    function relabel() {
      var frame = map.getContainer().getBoundingClientRect();
      element.dataset.shownLabels = String(declutter(markers, pinned.length, obstacles ? obstacles() : [], frame));
    }

    function refresh() {
      var zoom = Math.floor(map.getZoom());
      var view = map.getBounds();
      if (shown && shown.zoom === zoom && shown.bounds.contains(view)) { relabel(); return; }
      var box = viewBox(view.pad(0.25), gridStep(zoom));
      var request = ++latest;
      element.dataset.contextState = "loading";
      fetch("/map/context?bbox=" + box.text + "&zoom=" + zoom + "&lang=" + encodeURIComponent(lang))
        .then(function (r) { return r.json(); })
        .then(function (data) {
          if (request !== latest) { return; }
          shown = { zoom: zoom, bounds: box.bounds };
          draw(data);
        });
    }

    map.on("moveend", function () { clearTimeout(timer); timer = setTimeout(refresh, SETTLE_MS); });
    map.whenReady(refresh);
    return { refresh: refresh, relabel: relabel };
  }

  return { addPanes: addPanes, land: land, scale: scale, context: context, labelled: labelled,
    countryBounds: countryBounds };
})();
