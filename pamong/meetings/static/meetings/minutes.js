// The minutes page: once the "new agenda item" form is saved (its fragment joins the list), empty it for the next.
(function () {
  "use strict";
  document.body.addEventListener("htmx:afterRequest", function (event) {
    var slot = document.getElementById("agenda-new");
    var form = event.target;
    if (!slot || !slot.contains(form) || !event.detail.successful) return;
    form.reset();
    var title = form.querySelector("input[name=title]");
    if (title) title.focus();
  });
})();
