/* The site's own few behaviours, in one static file: the Content-Security-Policy allows
   scripts only from our own static files, so no page carries inline script (no onclick=,
   no hx-on). Each behaviour is switched on by a data attribute in a template. */
(function () {
  "use strict";

  // <form data-confirm="question">: ask before sending it.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  // <input type="radio" data-fill="id_union">: choosing it puts its value in that field.
  document.addEventListener("change", function (event) {
    var input = event.target;
    var target = input.getAttribute && input.getAttribute("data-fill");
    var field = target && document.getElementById(target);
    if (field) {
      field.value = input.value;
      // data-note="id" data-note-text="…": say beside the field what was chosen.
      var note = document.getElementById(input.getAttribute("data-note") || "");
      if (note) {
        note.textContent = input.getAttribute("data-note-text") || "";
      }
    }
  });

  // A tree toggle (<button class="toggle" hx-get=…>) whose children have arrived: open.
  document.addEventListener("htmx:afterRequest", function (event) {
    var button = event.detail.elt;
    if (button && button.classList && button.classList.contains("toggle")) {
      button.setAttribute("aria-expanded", "true");
      button.textContent = "\u2212";
      button.removeAttribute("hx-get");
    }
  });
})();
