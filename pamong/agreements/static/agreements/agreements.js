// Agreement pages: add a budget row to the draft form (the formset's next index, fetched as a fragment).
document.addEventListener("click", function (event) {
  var button = event.target.closest ? event.target.closest("[data-add-budget-row]") : null;
  if (!button) { return; }
  var total = document.getElementById("id_budget-TOTAL_FORMS");
  var rows = document.getElementById("budget-rows");
  if (!total || !rows) { return; }
  var index = parseInt(total.value, 10) || 0;
  fetch(button.getAttribute("data-add-budget-row") + "?index=" + index, {
    headers: { "HX-Request": "true" }, credentials: "same-origin"
  }).then(function (response) {
    return response.ok ? response.text() : Promise.reject(response.status);
  }).then(function (html) {
    rows.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var input = rows.querySelector("tr:last-child input");
    if (input) { input.focus(); }
  }).catch(function () { /* the form still works without the extra row */ });
});
