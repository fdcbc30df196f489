/* SEZ Atlas comparison picker: "Compare" buttons on the list and the zone pages toggle a zone in the
 * selection, kept in the `compare` cookie (comma-separated ids, percent-encoded) that the server also
 * reads, so pages render the buttons' state and the header link without waiting for this script.
 * Clicks are handled on the document, so buttons in lists swapped in by htmx work too.
 */
(function () {
  "use strict";

  var COOKIE = "compare";
  var MAX_ZONES = 5;
  var MAX_AGE_S = 30 * 24 * 3600;

  function selection() {
    var match = document.cookie.match(/(?:^|;\s*)compare=([^;]*)/);
    if (!match) { return []; }
    return decodeURIComponent(match[1]).split(",").filter(function (id) { return id; });
  }

  function remember(ids) {
    document.cookie = COOKIE + "=" + encodeURIComponent(ids.join(",")) + "; path=/; max-age=" + MAX_AGE_S +
      "; samesite=lax";
  }

  function refresh() {
    var ids = selection();
    document.querySelectorAll(".compare-toggle").forEach(function (button) {
      button.setAttribute("aria-pressed", ids.indexOf(button.dataset.zoneId) >= 0 ? "true" : "false");
    });
    var link = document.getElementById("compare-link");
    if (link) {
      link.href = "/compare?zones=" + ids.map(encodeURIComponent).join(",");
      link.querySelector(".compare-count").textContent = String(ids.length);
    }
  }

  function announce(text) {
    var status = document.getElementById("compare-status");
    if (status) { status.textContent = text; }
  }

  function toggle(button) {
    var ids = selection();
    var id = button.dataset.zoneId;
    var position = ids.indexOf(id);
    if (position >= 0) {
      ids.splice(position, 1);
    } else if (ids.length >= MAX_ZONES) {
      var link = document.getElementById("compare-link");
      announce(link ? link.dataset.full : "");
      button.classList.add("is-refused");
      return;
    } else {
      ids.push(id);
    }
    remember(ids);
    announce("");
    refresh();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest(".compare-toggle");
    if (button) { toggle(button); }
  });
  document.body.addEventListener("htmx:afterSettle", refresh);
  window.addEventListener("pageshow", refresh);  // a page restored from the back/forward cache
  refresh();
})();
