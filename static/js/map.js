/*
 * The public map: one marker per place (a city, or a region's centre for its sensitive initiatives), clustered,
 * from the JSON the page sends with json_script.
 *
 * The data (element #map-data): {tiles: {url, attribution}, center: [lat, lng], zoom,
 * markers: [{name, lat, lng, count, color, size, label, url, popup, list}]}: `url` is the place's page, `popup` the
 * address of the small HTML list of its initiatives that the popup loads when it opens (none on an initiative's own
 * page), `list` the initiative list under the same filters; `color` is its main theme's (#rrggbb), `size` a class
 * from 1 to 4 that grows with the count.
 *
 * `event_markers` (the map page's events layer, when shown) has the same shape: its `popup` loads the place's events,
 * its `list` is the timeline there. Events are diamonds set beside the point, in clusters of their own, so that a
 * place's initiatives and events never hide each other and never add up in one count.
 *
 * window.CaissMap.showMarkers(data) puts another set of markers on the page's maps (static/js/map-filters.js).
 * Keyboard: Enter on a marker opens its popup (Leaflet); Esc closes it and returns focus to the marker.
 *
 * The Content-Security-Policy allows no inline script and no style="" attributes, so everything here is
 * styled with classes (static/css/site.css). Data reaches the page through textContent, except the popup's list:
 * server-rendered, escaped HTML from this site's own address, parsed apart from the page (where no script runs)
 * and then moved in.
 */
(function () {
  "use strict";

  var SINGLE_MARKER_ZOOM = 10;

  function readData() {
    var element = document.getElementById("map-data");
    if (!element) {
      return null;
    }
    try {
      return JSON.parse(element.textContent);
    } catch (error) {
      return null;
    }
  }

  // Only site paths and web addresses become links; anything else (javascript:, data:) is dropped.
  function safeUrl(url) {
    if (typeof url !== "string") {
      return null;
    }
    if (url.charAt(0) === "/" && url.charAt(1) !== "/") {
      return url;
    }
    return /^https?:\/\//i.test(url) ? url : null;
  }

  function link(text, url, className) {
    var href = safeUrl(url);
    var element = document.createElement(href ? "a" : "span");
    if (href) {
      element.href = href;
    }
    if (className) {
      element.className = className;
    }
    element.textContent = text;
    return element;
  }

  function label(container, name, fallback) {
    return container.getAttribute("data-label-" + name) || fallback;
  }

  function paragraph(className, child) {
    var element = document.createElement("p");
    element.className = className;
    element.appendChild(child);
    return element;
  }

  function replaceContent(element, nodes) {
    while (element.firstChild) {
      element.removeChild(element.firstChild);
    }
    nodes.forEach(function (node) {
      element.appendChild(node);
    });
  }

  // What a popup shows before its list arrives: the place, and "Loading…" while there is a list to load.
  function popupContent(item, container) {
    var wrapper = document.createElement("div");
    wrapper.className = "map-popup";
    wrapper.appendChild(paragraph("map-popup__title", link(item.name, item.url)));
    if (safeUrl(item.popup)) {
      var loading = document.createTextNode(label(container, "loading", "Loading…"));
      wrapper.appendChild(paragraph("map-popup__intro", loading));
    }
    return wrapper;
  }

  // The place's initiatives, fetched from this site when the popup first opens. If that fails, a link to the same
  // initiatives in the list, which works without this script.
  function loadPopup(marker, item, wrapper, container, isEvent) {
    var url = safeUrl(item.popup);
    if (!url || url.charAt(0) !== "/") {
      return;
    }
    fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("The list of " + item.name + " answered " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        var fragment = new DOMParser().parseFromString(html, "text/html").querySelector(".map-popup");
        if (!fragment) {
          throw new Error("The list of " + item.name + " is not a map popup");
        }
        var nodes = Array.prototype.map.call(fragment.childNodes, function (node) {
          return document.importNode(node, true);
        });
        replaceContent(wrapper, nodes);
      })
      .catch(function () {
        var text = isEvent
          ? label(container, "events-failed", "See these events in the timeline")
          : label(container, "failed", "See these initiatives in the list");
        replaceContent(wrapper, [
          paragraph("map-popup__title", link(item.name, item.url)),
          paragraph("map-popup__intro", link(text, item.list)),
        ]);
      })
      .then(function () {
        marker.getPopup().update();
      });
  }

  // A divIcon whose element gets an aria-label: Leaflet makes it a focusable role="button".
  // Defined in init(), once Leaflet is known to be loaded.
  var LabelledIcon = null;

  function defineLabelledIcon() {
    LabelledIcon = L.DivIcon.extend({
      createIcon: function (oldIcon) {
        var element = L.DivIcon.prototype.createIcon.call(this, oldIcon);
        if (this.options.label) {
          element.setAttribute("aria-label", this.options.label);
        }
        return element;
      },
    });
  }

  var SVG = "http://www.w3.org/2000/svg";
  var MARKER_SIZES = { 1: 28, 2: 34, 3: 42, 4: 50 };
  var EVENT_SIZES = { 1: 26, 2: 30, 3: 36, 4: 42 };
  // How far (in pixels, across and up) a diamond's centre sits from its place: past a cluster's 20-pixel radius.
  var EVENT_OFFSET = 22;

  // The theme's colour as an SVG fill attribute: the Content-Security-Policy blocks style="".
  function colorDot(color) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", "map-marker__dot");
    svg.setAttribute("viewBox", "0 0 20 20");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var circle = document.createElementNS(SVG, "circle");
    circle.setAttribute("cx", "10");
    circle.setAttribute("cy", "10");
    circle.setAttribute("r", "10");
    circle.setAttribute("fill", color);
    svg.appendChild(circle);
    return svg;
  }

  // The events' diamond (its colours in site.css): a shape, so that the two layers differ by more than colour.
  function diamond() {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", "map-event__shape");
    svg.setAttribute("viewBox", "0 0 20 20");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var shape = document.createElementNS(SVG, "polygon");
    shape.setAttribute("points", "10,0.8 19.2,10 10,19.2 0.8,10");
    svg.appendChild(shape);
    return svg;
  }

  function countIcon(count, className, accessibleLabel, options) {
    options = options || {};
    var inner = document.createElement("span");
    inner.className = "map-count__number";
    inner.textContent = String(count);
    var html = inner;
    if (options.isEvent) {
      html = document.createElement("span");
      html.className = "map-event__body";
      html.appendChild(diamond());
      html.appendChild(inner);
    } else if (options.color && /^#[0-9a-f]{6}$/i.test(options.color)) {
      html = document.createElement("span");
      html.className = "map-marker__body";
      html.appendChild(colorDot(options.color));
      html.appendChild(inner);
    }
    var size = options.size || (className.indexOf("marker-cluster") !== -1 ? 40 : 30);
    var icon = {
      html: html,
      className: "map-count " + className,
      iconSize: [size, size],
      popupAnchor: [0, -size / 2],
      label: accessibleLabel,
    };
    if (options.isEvent) {
      // Centred up and to the right of the point, clear of the initiatives' circle or cluster there.
      icon.iconAnchor = [size / 2 - EVENT_OFFSET, size / 2 + EVENT_OFFSET];
      icon.popupAnchor = [EVENT_OFFSET, -EVENT_OFFSET - size / 2];
    }
    return new LabelledIcon(icon);
  }

  // A cluster shows the sum of its places' counts. The markers carry counts, not initiatives, so an initiative
  // working in two cities of one cluster counts twice there.
  function clusterIcon(container, isEvent) {
    var text = isEvent
      ? label(container, "events-cluster", "Events in this area: {count}. Select to zoom in.")
      : label(container, "cluster", "Initiatives in this area: {count}. Select to zoom in.");
    return function (cluster) {
      var total = 0;
      cluster.getAllChildMarkers().forEach(function (child) {
        total += child.options.count || 0;
      });
      var size = total < 10 ? "map-cluster--small" : total < 100 ? "map-cluster--medium" : "map-cluster--large";
      var className = "marker-cluster map-cluster " + size + (isEvent ? " map-event map-event--cluster" : "");
      var options = isEvent ? { isEvent: true, size: 36 } : {};
      return countIcon(total, className, text.replace("{count}", String(total)), options);
    };
  }

  function createMap(container, data) {
    // Remove the "needs JavaScript" note before Leaflet takes the element over.
    while (container.firstChild) {
      container.removeChild(container.firstChild);
    }
    if (!container.hasAttribute("role")) {
      container.setAttribute("role", "region");
    }
    if (!container.hasAttribute("aria-label")) {
      container.setAttribute("aria-label", "Map of initiatives by city");
    }

    var large = container.classList.contains("map--large");
    var map = L.map(container, {
      center: data.center || [48.0, 67.5],
      zoom: data.zoom || 5,
      minZoom: 2,
      maxZoom: 18,
      scrollWheelZoom: large,
    });

    var tiles = data.tiles || {};
    if (tiles.url) {
      L.tileLayer(tiles.url, { attribution: tiles.attribution || "", maxZoom: 18 }).addTo(map);
    }

    var group = L.markerClusterGroup({
      iconCreateFunction: clusterIcon(container, false),
      showCoverageOnHover: false,
      maxClusterRadius: 50,
    });
    map.addLayer(group);
    var eventGroup = L.markerClusterGroup({
      iconCreateFunction: clusterIcon(container, true),
      showCoverageOnHover: false,
      maxClusterRadius: 50,
    });
    map.addLayer(eventGroup);
    var state = { map: map, group: group, eventGroup: eventGroup, container: container, openMarker: null };
    handleEscape(state);
    showMarkers(state, data);
    container.classList.add("map--ready");
    return state;
  }

  // Esc closes the open popup and gives the focus back to its marker, wherever in the map the focus was.
  // Listened to in the capture phase, before Leaflet's own Esc handling closes the popup and forgets the marker.
  function handleEscape(state) {
    state.container.addEventListener(
      "keydown",
      function (event) {
        if ((event.key !== "Escape" && event.key !== "Esc") || !state.openMarker) {
          return;
        }
        var marker = state.openMarker;
        event.preventDefault();
        event.stopPropagation();
        marker.closePopup();
        var element = marker.getElement && marker.getElement();
        if (element) {
          element.focus();
        }
      },
      true
    );
  }

  function showMarkers(state, data) {
    state.map.closePopup();
    state.group.clearLayers();
    state.eventGroup.clearLayers();
    var bounds = [];
    state.group.addLayers(markersOf(state, data.markers, false, bounds));
    state.eventGroup.addLayers(markersOf(state, data.event_markers, true, bounds));
    if (bounds.length) {
      // The first view is simply there, not flown to: an animated zoom would redraw the markers under a first click.
      state.map.fitBounds(bounds, { padding: [50, 50], maxZoom: SINGLE_MARKER_ZOOM, animate: false });
    }
  }

  // The Leaflet markers of one layer; their positions are added to `bounds`.
  function markersOf(state, items, isEvent, bounds) {
    var container = state.container;
    var markers = [];
    (items || []).forEach(function (item) {
      if (typeof item.lat !== "number" || typeof item.lng !== "number") {
        return;
      }
      var count = typeof item.count === "number" ? item.count : 0;
      var size = MARKER_SIZES[item.size] ? item.size : 1;
      // The label comes translated, with the right plural for the page language.
      var description = item.label || item.name + ": " + count;
      var className = isEvent ? "map-event map-event--" + size : "map-marker map-marker--" + size;
      var marker = L.marker([item.lat, item.lng], {
        icon: countIcon(count, className, description, {
          color: item.color,
          size: isEvent ? EVENT_SIZES[size] : MARKER_SIZES[size],
          isEvent: isEvent,
        }),
        title: description,
        riseOnHover: true,
        count: count,
      });
      var content = popupContent(item, container);
      marker.bindPopup(content, { maxWidth: 280 });
      marker.once("popupopen", function () {
        loadPopup(marker, item, content, container, isEvent);
      });
      marker.on("popupopen", function () {
        state.openMarker = marker;
      });
      marker.on("popupclose", function () {
        if (state.openMarker === marker) {
          state.openMarker = null;
        }
      });
      markers.push(marker);
      bounds.push([item.lat, item.lng]);
    });
    return markers;
  }

  var maps = [];

  function init() {
    if (typeof L === "undefined" || typeof L.markerClusterGroup !== "function") {
      return;
    }
    defineLabelledIcon();
    var data = readData();
    if (!data) {
      return;
    }
    var containers = document.querySelectorAll("#map, .js-map");
    Array.prototype.forEach.call(containers, function (container) {
      if (!container.classList.contains("map--ready")) {
        maps.push(createMap(container, data));
      }
    });
  }

  window.CaissMap = {
    showMarkers: function (data) {
      maps.forEach(function (state) {
        showMarkers(state, data);
      });
    },
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
