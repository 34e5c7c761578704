/*
 * Filtering the map page without reloading it. When a filter changes, or a legend or "clear" link is followed, the
 * same page is fetched under the new query (GET, this site only); its markers (#map-data) go onto the map through
 * window.CaissMap (static/js/map.js) and the parts marked data-map-part (the empty notice, the legend, the count and
 * places list, the events layer's list, the embed code) replace theirs, matched by id. The address changes with history.pushState, and
 * back/forward (popstate) restore each address's state the same way. Without this script the form and the links
 * load the page as usual; if a request fails, the page is loaded as usual too.
 *
 * The fetched page is parsed apart from this one (no script runs in it) and its nodes moved in: server-rendered,
 * escaped HTML from this site's own address.
 */
(function () {
  "use strict";

  var FILTER_LINKS = ".js-map-filter-link, .filter-form__clear";
  var latestRequest = 0;
  // A year typed or stepped through: the map follows once the changes pause, not at every step.
  var YEAR_PAUSE_MS = 400;
  var yearTimer = null;

  // Only this page's own address, under another query, is loaded in place.
  function isThisPage(url) {
    return url.origin === window.location.origin && url.pathname === window.location.pathname;
  }

  // The form's query without empty fields: ?theme=ecology, not ?theme=ecology&form=&status=&region=.
  function formUrl(form) {
    var url = new URL(form.getAttribute("action") || window.location.pathname, window.location.href);
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string" && value !== "") {
        params.append(name, value);
      }
    });
    url.search = params.toString();
    return url;
  }

  // The focused element inside a part about to be replaced, found again in its replacement by id or address.
  function focusKey(part) {
    var active = document.activeElement;
    if (!active || active === document.body || !part.contains(active)) {
      return null;
    }
    if (active.id) {
      return "#" + CSS.escape(active.id);
    }
    var href = active.getAttribute("href");
    return href ? '[href="' + CSS.escape(href) + '"]' : null;
  }

  function replaceParts(newDocument) {
    Array.prototype.forEach.call(document.querySelectorAll("[data-map-part]"), function (part) {
      var replacement = part.id && newDocument.getElementById(part.id);
      if (!replacement) {
        return;
      }
      var focused = focusKey(part);
      var imported = document.importNode(replacement, true);
      part.parentNode.replaceChild(imported, part);
      var again = focused && (imported.matches(focused) ? imported : imported.querySelector(focused));
      if (again) {
        again.focus();
      }
    });
  }

  // The filters show what the new address asks for (back and forward change it under them). After a change made
  // here, the field being typed in is left alone: its next change is on its way.
  function updateForm(form, newDocument, keepFocused) {
    var newForm = newDocument.querySelector("form.filter-form");
    if (!newForm) {
      return;
    }
    Array.prototype.forEach.call(form.elements, function (field) {
      var newField = field.name && newForm.elements.namedItem(field.name);
      if (keepFocused && field === document.activeElement) {
        return;
      }
      if (newField && field.type === "checkbox") {
        field.checked = newField.checked;
      } else if (newField && "value" in newField && field.value !== newField.value) {
        field.value = newField.value;
      }
    });
    ["filter-toggle", "filter-actions"].forEach(function (id) {
      var current = document.getElementById(id);
      var replacement = newDocument.getElementById(id);
      if (current && replacement && !current.contains(document.activeElement)) {
        current.parentNode.replaceChild(document.importNode(replacement, true), current);
      }
    });
  }

  function announce(newDocument) {
    var status = document.getElementById("map-status");
    var headings = ["results-heading", "events-heading"].map(function (id) {
      var heading = newDocument.getElementById(id);
      return heading ? heading.textContent.replace(/\s+/g, " ").trim() : "";
    });
    if (status && headings[0]) {
      status.textContent = headings.filter(Boolean).join(". ");
    }
  }

  function load(url, form, addToHistory) {
    var request = ++latestRequest;
    var stage = document.querySelector(".map-stage");
    if (stage) {
      stage.classList.add("map-stage--loading");
    }
    fetch(url.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("The map under these filters answered " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        if (request !== latestRequest) {
          return; // a later change has been asked for
        }
        var newDocument = new DOMParser().parseFromString(html, "text/html");
        var dataElement = newDocument.getElementById("map-data");
        var data = JSON.parse(dataElement.textContent);
        if (addToHistory) {
          window.history.pushState({ mapFilters: true }, "", url.href);
        }
        window.CaissMap.showMarkers(data);
        document.getElementById("map-data").textContent = dataElement.textContent;
        replaceParts(newDocument);
        updateForm(form, newDocument, addToHistory);
        announce(newDocument);
      })
      .catch(function () {
        window.location.assign(url.href);
      })
      .then(function () {
        if (stage && request === latestRequest) {
          stage.classList.remove("map-stage--loading");
        }
      });
  }

  function init() {
    var form = document.querySelector("form.filter-form");
    if (!form || !window.CaissMap || !window.fetch || !window.DOMParser || !window.history.pushState) {
      return;
    }
    window.history.replaceState({ mapFilters: true }, "", window.location.href);

    form.addEventListener("change", function (event) {
      window.clearTimeout(yearTimer);
      if (event.target.type === "number") {
        yearTimer = window.setTimeout(function () {
          load(formUrl(form), form, true);
        }, YEAR_PAUSE_MS);
        return;
      }
      load(formUrl(form), form, true);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.clearTimeout(yearTimer);
      load(formUrl(form), form, true);
    });
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest(FILTER_LINKS);
      if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
        return;
      }
      var url = new URL(link.href, window.location.href);
      if (!isThisPage(url)) {
        return;
      }
      event.preventDefault();
      load(url, form, true);
    });
    window.addEventListener("popstate", function () {
      load(new URL(window.location.href), form, false);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
