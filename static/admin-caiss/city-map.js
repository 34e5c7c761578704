/*
 * Placing a city on the admin's map (activism/forms.py CityMapWidget).
 *
 * Clicking the map puts the city's marker there, and dragging the marker moves it: both write the latitude and
 * longitude inputs at once. Typing in those inputs moves the marker. The point itself is posted as django-leaflet's
 * PointField reads it: GeoJSON ({"type": "Point", "coordinates": [lng, lat]}) in the hidden input named "location",
 * rewritten on every click, drag and keystroke (emptied while the typed numbers are no point). The map opens on the city, or else on its
 * region (a dashed circle shows how far from the region's centre a city may lie without an Editor's confirmation),
 * and follows the region select. The other cities are grey dots named on hover. The search box finds the cities and
 * regions already recorded and only moves the map: the coordinates change only by a click, a drag or typing.
 *
 * The data (element #city-map-data, json_script): {tiles: {url, attribution}, center: [lat, lng], zoom, limit_km,
 * regions: {id: {name, lat, lng}}, cities: [{name, lat, lng}], places: [{name, kind, lat, lng}], labels: {...}}.
 * No inline script and no style attributes: the admin may run under a strict Content-Security-Policy.
 */
(function () {
  "use strict";

  var CITY_ZOOM = 11;
  var REGION_ZOOM = 7;

  function readData() {
    var element = document.getElementById("city-map-data");
    if (!element) {
      return null;
    }
    try {
      return JSON.parse(element.textContent);
    } catch (error) {
      return null;
    }
  }

  // A number typed in an input, or null: an empty input is not 0.
  function typedNumber(input) {
    var text = input ? input.value.trim() : "";
    var number = text === "" ? NaN : Number(text);
    return isFinite(number) ? number : null;
  }

  // Calls back when the select changes, also when the admin's autocomplete (select2) changes it through jQuery.
  function onSelectChange(select, callback) {
    if (window.django && window.django.jQuery) {
      window.django.jQuery(select).on("change", callback);
    } else {
      select.addEventListener("change", callback);
    }
  }

  function start() {
    var data = readData();
    var box = document.getElementById("city-map");
    var latitudeInput = document.getElementById("id_latitude");
    var longitudeInput = document.getElementById("id_longitude");
    var regionSelect = document.getElementById("id_region");
    var pointInput = document.getElementById("id_location");
    if (!data || !box || !window.L || !latitudeInput || !longitudeInput) {
      return;
    }

    var map = L.map(box, { minZoom: 2, maxZoom: 18 });
    window.CaissCityMap = map; // for the console and the browser tests
    L.tileLayer(data.tiles.url, { attribution: data.tiles.attribution, maxZoom: 18 }).addTo(map);

    data.cities.forEach(function (city) {
      L.circleMarker([city.lat, city.lng], {
        radius: 5,
        color: "#555",
        weight: 1,
        opacity: 0.7,
        fillColor: "#888",
        fillOpacity: 0.45,
        bubblingMouseEvents: true,
      })
        .bindTooltip(city.name, { direction: "top" })
        .addTo(map);
    });

    var marker = null;
    var limitCircle = null;

    function typedPoint() {
      var latitude = typedNumber(latitudeInput);
      var longitude = typedNumber(longitudeInput);
      if (latitude === null || longitude === null || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
        return null;
      }
      return L.latLng(latitude, longitude);
    }

    // The hidden GeoJSON the server reads (empty: no point).
    function writePoint(latlng) {
      if (pointInput) {
        pointInput.value = latlng ? JSON.stringify({ type: "Point", coordinates: [latlng.lng, latlng.lat] }) : "";
      }
    }

    function writeInputs(latlng) {
      var point = map.wrapLatLng(latlng);
      latitudeInput.value = point.lat.toFixed(6);
      longitudeInput.value = point.lng.toFixed(6);
      writePoint(typedPoint()); // the same six decimals as the inputs
    }

    function putMarker(latlng) {
      if (marker) {
        marker.setLatLng(latlng);
        return;
      }
      marker = L.marker(latlng, { draggable: true, autoPan: true, title: data.labels.marker, alt: data.labels.marker });
      marker.on("drag dragend", function () {
        writeInputs(marker.getLatLng());
      });
      marker.addTo(map);
    }

    function showRegion(moveMap) {
      var region = regionSelect ? data.regions[regionSelect.value] : null;
      if (limitCircle) {
        limitCircle.remove();
        limitCircle = null;
      }
      if (!region) {
        return;
      }
      limitCircle = L.circle([region.lat, region.lng], {
        radius: data.limit_km * 1000,
        interactive: false,
        fill: false,
        color: "#3b6ea5",
        weight: 1.5,
        dashArray: "6 6",
      }).addTo(map);
      if (moveMap) {
        map.fitBounds(limitCircle.getBounds());
      }
    }

    map.on("click", function (event) {
      putMarker(event.latlng);
      writeInputs(event.latlng);
    });

    [latitudeInput, longitudeInput].forEach(function (input) {
      input.addEventListener("input", function () {
        var point = typedPoint();
        writePoint(point);
        if (!point) {
          return;
        }
        putMarker(point);
        if (!map.getBounds().contains(point)) {
          map.panTo(point);
        }
      });
    });

    if (regionSelect) {
      var shownRegion = regionSelect.value;
      onSelectChange(regionSelect, function () {
        // Only a new choice moves the map: the autocomplete also reports a "change" when it starts.
        if (regionSelect.value !== shownRegion) {
          shownRegion = regionSelect.value;
          showRegion(true);
        }
      });
    }

    var first = typedPoint();
    if (first) {
      putMarker(first);
      map.setView(first, CITY_ZOOM);
      showRegion(false);
    } else if (regionSelect && data.regions[regionSelect.value]) {
      showRegion(true);
    } else {
      map.setView(data.center, data.zoom);
    }

    // The place search: a list the browser offers as one types (a datalist), Enter or the button to go.
    var search = document.getElementById("city-map-search");
    var list = document.getElementById("city-map-places");
    var goButton = document.getElementById("city-map-go");
    var status = document.getElementById("city-map-status");
    if (!search || !list) {
      return;
    }
    data.places.forEach(function (place) {
      var option = document.createElement("option");
      option.value = place.name;
      list.appendChild(option);
    });

    function findPlace(text, exactOnly) {
      var wanted = text.trim().toLocaleLowerCase();
      if (!wanted) {
        return null;
      }
      var names = data.places.map(function (place) {
        return place.name.toLocaleLowerCase();
      });
      var index = names.indexOf(wanted);
      if (index < 0 && !exactOnly) {
        index = names.findIndex(function (name) {
          return name.indexOf(wanted) === 0;
        });
      }
      if (index < 0 && !exactOnly) {
        index = names.findIndex(function (name) {
          return name.indexOf(wanted) >= 0;
        });
      }
      return index < 0 ? null : data.places[index];
    }

    function go(place) {
      if (!place) {
        status.textContent = data.labels.not_found;
        return;
      }
      map.setView([place.lat, place.lng], place.kind === "city" ? CITY_ZOOM : REGION_ZOOM);
      status.textContent = data.labels.shown.replace("%(name)s", place.name);
    }

    // A name chosen from the list (or typed in full) moves the map at once.
    search.addEventListener("input", function () {
      var place = findPlace(search.value, true);
      if (place) {
        go(place);
      } else {
        status.textContent = "";
      }
    });
    // Enter finds the first name that starts with (or holds) what was typed, and never sends the city's form.
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        go(findPlace(search.value, false));
      }
    });
    if (goButton) {
      goButton.addEventListener("click", function () {
        go(findPlace(search.value, false));
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
