// The six-month trend of the GDN review page, drawn by ECharts from JSON embedded with json_script.
// No inline script and no inline style (CSP): tooltips are rich text, not HTML.
(function () {
  "use strict";

  function draw(root) {
    if (typeof echarts === "undefined") { return; }
    (root || document).querySelectorAll("[data-chart='discipline-trend']").forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-chart-source"));
      if (!source) { return; }
      var d = JSON.parse(source.textContent);
      var chart = echarts.getInstanceByDom(el) || echarts.init(el);
      chart.setOption({
        tooltip: { trigger: "axis", renderMode: "richText" },
        legend: { bottom: 0 },
        grid: { left: 44, right: 56, top: 16, bottom: 48 },
        xAxis: { type: "category", data: d.labels },
        yAxis: [
          { type: "value", minInterval: 1, name: el.getAttribute("data-absent-label") || "" },
          { type: "value", minInterval: 1, name: el.getAttribute("data-late-label") || "" }
        ],
        series: [
          { name: el.getAttribute("data-absent-label") || "TK", type: "bar", data: d.absent_days, itemStyle: { color: "#dc3545" } },
          { name: el.getAttribute("data-late-label") || "TL", type: "line", yAxisIndex: 1, data: d.late_minutes, itemStyle: { color: "#0b4f6c" } }
        ]
      });
      el.setAttribute("data-chart-ready", "1");
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSwap", function (event) { draw(event.target); });
})();
