// The "Preview" button under each Markdown field of the admin's change forms: the text as the public page shows it,
// rendered and sanitised on the server by the same function (activism/markup.py, render_markdown). The field's
// data-markdown-preview attribute names the staff-only view; the form's CSRF token goes with the text.
(function () {
  "use strict";

  function setUp(textarea) {
    var form = textarea.form;
    var tools = document.createElement("div");
    var button = document.createElement("button");
    var preview = document.createElement("div");
    tools.className = "markdown-preview-tools";
    button.type = "button";
    button.className = "button markdown-preview-button";
    button.textContent = textarea.dataset.previewLabel;
    button.setAttribute("aria-expanded", "false");
    preview.className = "markdown-preview";
    preview.hidden = true;
    preview.setAttribute("aria-live", "polite");
    tools.append(button, preview);
    // Under the field and its label, beside nothing: the admin lays a label and its field out in one flex row.
    (textarea.closest(".flex-container") || textarea).after(tools);

    function hide() {
      preview.hidden = true;
      button.textContent = textarea.dataset.previewLabel;
      button.setAttribute("aria-expanded", "false");
    }

    function show(html, quiet) {
      preview.innerHTML = html; // sanitised by the server: an allow-list of tags, no scripts, styles or handlers
      preview.classList.toggle("markdown-preview--quiet", Boolean(quiet));
      preview.hidden = false;
      button.textContent = textarea.dataset.hideLabel;
      button.setAttribute("aria-expanded", "true");
    }

    function notice(text) {
      var paragraph = document.createElement("p");
      paragraph.textContent = text;
      show("", true);
      preview.append(paragraph);
    }

    button.addEventListener("click", function () {
      if (!preview.hidden) {
        hide();
        return;
      }
      var token = form && form.querySelector("input[name=csrfmiddlewaretoken]");
      fetch(textarea.dataset.markdownPreview, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": token ? token.value : "" },
        body: new URLSearchParams({ text: textarea.value }),
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.status);
          }
          return response.text();
        })
        .then(function (html) {
          if (html.trim()) {
            show(html, false);
          } else {
            notice(textarea.dataset.emptyLabel);
          }
        })
        .catch(function () {
          notice(textarea.dataset.errorLabel);
        });
    });

    // A preview left open follows the text no longer: close it when the text changes.
    textarea.addEventListener("input", function () {
      if (!preview.hidden) {
        hide();
      }
    });
  }

  // The admin loads this file in the page's head, before the form.
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-markdown-preview]").forEach(setUp);
  });
})();
