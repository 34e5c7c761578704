// The language tabs of the admin's change forms (django-modeltranslation's tabbed_translation_fields.js, loaded
// before this file) marked while their language's text is empty, so a missing translation shows without opening
// each tab. Runs after the tabs are made: jQuery runs its ready callbacks in the order they were added.
(function ($) {
  "use strict";

  $(function () {
    $(".ui-tabs-nav a[href^='#tab_']").each(function () {
      var tab = this.parentElement;
      var panel = document.getElementById(this.getAttribute("href").slice(1));
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
