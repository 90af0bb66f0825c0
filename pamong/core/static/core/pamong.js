// Small behaviours without inline script (CSP forbids inline handlers).
document.addEventListener("change", function (event) {
  var el = event.target;
  if (el.matches && el.matches("[data-autosubmit]")) { el.form.submit(); }
});
// Progress bars set their width from data-progress (no inline style needed).
function pamongProgress(root) {
  (root || document).querySelectorAll("[data-progress]").forEach(function (bar) {
    bar.style.width = bar.getAttribute("data-progress") + "%";
  });
}
document.addEventListener("DOMContentLoaded", function () { pamongProgress(document); });
document.addEventListener("htmx:afterSwap", function (event) { pamongProgress(event.target); });
