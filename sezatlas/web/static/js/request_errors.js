/* SEZ Atlas: say why a button did nothing. htmx does not swap in 4xx/5xx answers (see the
 * responseHandling of base.html), so a refused click (403: not yours to answer; 401: logged out; 429:
 * too many changes) would otherwise leave the page as it was. The messages come translated from the
 * page itself (data-* attributes of #request-error), so this script holds no text.
 */
(function () {
  "use strict";

  function messageFor(status, box) {
    if (status === 401) { return box.dataset.loggedOut; }
    if (status === 403) { return box.dataset.forbidden; }
    if (status === 429) { return box.dataset.tooMany; }
    if (status === 503) { return box.dataset.busy; }
    return box.dataset.failed.replace("%(status)s", String(status));
  }

  document.body.addEventListener("htmx:responseError", function (event) {
    var box = document.getElementById("request-error");
    if (!box) { return; }
    box.textContent = messageFor(event.detail.xhr.status, box);
    box.hidden = false;
  });

  document.body.addEventListener("htmx:beforeRequest", function () {
    var box = document.getElementById("request-error");
    if (box) { box.hidden = true; box.textContent = ""; }
  });
})();
