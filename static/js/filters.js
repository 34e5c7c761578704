/*
 * The "Filters (n)" disclosure (templates/includes/filter_form.html): folded on phones so that results come first,
 * opened here on wider screens, where the filters fit in a row or two above the results.
 */
(function () {
  "use strict";

  var WIDE_SCREEN = "(min-width: 48rem)";

  function init() {
    if (!window.matchMedia || !window.matchMedia(WIDE_SCREEN).matches) {
      return;
    }
    Array.prototype.forEach.call(document.querySelectorAll(".js-filter-panel"), function (panel) {
      panel.open = true;
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
