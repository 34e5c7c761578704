// The language tabs of the admin's change forms (django-modeltranslation's tabbed_translation_fields.js, loaded
// before this file) marked while their language's text is empty, so a missing translation shows without opening
// each tab. Runs after the tabs are made: jQuery runs its ready callbacks in the order they were added.
(function ($) {
  "use strict";

  $(function () {
    // The switch that turns every field to one language, named for screen readers.
    var label = document.querySelector("meta[name=caiss-language-switch-label]");
    var languageSwitch = document.getElementById("modeltranslation-main-switch");
    if (label && languageSwitch) {
      languageSwitch.setAttribute("aria-label", label.content);
    }
    // It starts on the language the tabs open in (the page's), not on the first of the list.
    if (languageSwitch) {
      Array.prototype.forEach.call(languageSwitch.options, function (option) {
        if (option.textContent === document.documentElement.lang) {
          languageSwitch.value = option.value;
        }
      });
    }

    $(".ui-tabs-nav li[aria-controls^='tab_']").each(function () {
      var tab = this;
      var panel = document.getElementById(this.getAttribute("aria-controls"));
      var field = panel && panel.querySelector("input.mt, textarea.mt");
      if (!field) {
        return;
      }
      function mark() {
        tab.classList.toggle("mt-empty", field.value.trim() === "");
      }
      field.addEventListener("input", mark);
      mark();
    });
  });
})(django.jQuery);
