/*
 * The public map: one marker per city, clustered, from the JSON the page sends with json_script.
 *
 * The data (element #map-data): {tiles: {url, attribution}, center: [lat, lng], zoom,
 * markers: [{name, url, lat, lng, initiatives: [{name, url}]}]}.
 *
 * The Content-Security-Policy allows no inline script and no style="" attributes, so everything here is
 * styled with classes (static/css/site.css), and data only ever reaches the page through textContent.
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

  function popupContent(marker, container) {
    var wrapper = document.createElement("div");
    wrapper.className = "map-popup";

    var title = document.createElement("p");
    title.className = "map-popup__title";
    title.appendChild(link(marker.name, marker.url));
    wrapper.appendChild(title);

    var intro = document.createElement("p");
    intro.className = "map-popup__intro";
    intro.textContent = label(container, "initiatives", "Initiatives here:");
    wrapper.appendChild(intro);

    var list = document.createElement("ul");
    list.className = "map-popup__list";
    (marker.initiatives || []).forEach(function (initiative) {
      var item = document.createElement("li");
      item.appendChild(link(initiative.name, initiative.url));
      list.appendChild(item);
    });
    wrapper.appendChild(list);
    return wrapper;
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

  function countIcon(count, className, accessibleLabel) {
    var inner = document.createElement("span");
    inner.className = "map-count__number";
    inner.textContent = String(count);
    var size = className.indexOf("marker-cluster") !== -1 ? 40 : 30;
    return new LabelledIcon({
      html: inner,
      className: "map-count " + className,
      iconSize: [size, size],
      popupAnchor: [0, -size / 2],
      label: accessibleLabel,
    });
  }

  // A cluster shows how many different initiatives its cities hold (one initiative can be in several).
  function clusterIcon(container) {
    var text = label(container, "cluster", "Initiatives in this area: {count}. Select to zoom in.");
    return function (cluster) {
      var seen = {};
      var total = 0;
      cluster.getAllChildMarkers().forEach(function (child) {
        (child.options.initiativeUrls || []).forEach(function (url) {
          if (!seen[url]) {
            seen[url] = true;
            total += 1;
          }
        });
      });
      var size = total < 10 ? "map-cluster--small" : total < 100 ? "map-cluster--medium" : "map-cluster--large";
      return countIcon(total, "marker-cluster map-cluster " + size, text.replace("{count}", String(total)));
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
      iconCreateFunction: clusterIcon(container),
      showCoverageOnHover: false,
      maxClusterRadius: 50,
    });
    var bounds = [];

    (data.markers || []).forEach(function (item) {
      if (typeof item.lat !== "number" || typeof item.lng !== "number") {
        return;
      }
      var initiatives = item.initiatives || [];
      var count = initiatives.length;
      // The label comes translated, with the right plural for the page language.
      var description = item.label || item.name + ": " + count;
      var marker = L.marker([item.lat, item.lng], {
        icon: countIcon(count, "map-marker", description),
        title: description,
        riseOnHover: true,
        initiativeUrls: initiatives.map(function (initiative) {
          return initiative.url;
        }),
      });
      marker.bindPopup(popupContent(item, container), { maxWidth: 280 });
      group.addLayer(marker);
      bounds.push([item.lat, item.lng]);
    });

    map.addLayer(group);
    if (bounds.length) {
      // The first view is simply there, not flown to: an animated zoom would redraw the markers under a first click.
      map.fitBounds(bounds, { padding: [50, 50], maxZoom: SINGLE_MARKER_ZOOM, animate: false });
    }
    container.classList.add("map--ready");
    return map;
  }

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
        createMap(container, data);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
