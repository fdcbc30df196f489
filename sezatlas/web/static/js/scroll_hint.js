/* SEZ Atlas scroll hints: a table wider than its box scrolls inside it (`.table-scroll`); when it does,
 * the hint just before the box (`.scroll-hint`, hidden by the server) is shown, so a reader knows there are
 * more columns. Checked on load, after each htmx swap, and when the window is resized.
 */
(function () {
  "use strict";

  function update() {
    document.querySelectorAll(".table-scroll[data-scroll-hint]").forEach(function (box) {
      var hint = box.previousElementSibling;
      if (hint && hint.classList.contains("scroll-hint")) {
        hint.hidden = box.scrollWidth <= box.clientWidth + 1;
      }
    });
  }
  update();
  document.body.addEventListener("htmx:afterSettle", update);
  window.addEventListener("resize", update);
})();
