// Charts of the performance pages, drawn by ECharts from JSON the page embeds with json_script.
// No inline script and no inline style (CSP): tooltips are rendered as rich text, not HTML.
(function () {
  "use strict";
  var COLOURS = { green: "#198754", yellow: "#ffc107", red: "#dc3545", grey: "#adb5bd", line: "#0b4f6c" };

  function data(el) {
    var source = document.getElementById(el.getAttribute("data-chart-source"));
    return source ? JSON.parse(source.textContent) : null;
  }

  function numbers(values) {
    return values.map(function (v) { return v === null ? null : Number(v); });
  }

  var builders = {
    // Index per month: one line per series, with the tenant's traffic-light bands behind.
    trend: function (d, el) {
      var green = Number(el.getAttribute("data-green") || 90);
      var yellow = Number(el.getAttribute("data-yellow") || 75);
      return {
        tooltip: { trigger: "axis", renderMode: "richText" },
        legend: { bottom: 0, type: "scroll" },
        grid: { left: 40, right: 12, top: 16, bottom: 48 },
        xAxis: { type: "category", data: d.labels },
        yAxis: { type: "value", min: 0 },
        series: d.series.map(function (s, i) {
          var line = { name: s.name, type: "line", data: numbers(s.data), connectNulls: false, symbolSize: 6 };
          if (i === 0) {
            line.markArea = {
              silent: true,
              data: [
                [{ yAxis: 0, itemStyle: { color: "rgba(220,53,69,0.08)" } }, { yAxis: yellow }],
                [{ yAxis: yellow, itemStyle: { color: "rgba(255,193,7,0.10)" } }, { yAxis: green }],
                [{ yAxis: green, itemStyle: { color: "rgba(25,135,84,0.08)" } }, { yAxis: "max" }]
              ]
            };
          }
          return line;
        })
      };
    },
    // Histogram of capaian.
    distribution: function (d) {
      return {
        tooltip: { trigger: "axis", renderMode: "richText" },
        grid: { left: 36, right: 12, top: 16, bottom: 28 },
        xAxis: { type: "category", data: d.labels, axisLabel: { interval: 0, fontSize: 10 } },
        yAxis: { type: "value", minInterval: 1 },
        series: [{ type: "bar", data: d.counts, itemStyle: { color: COLOURS.line } }]
      };
    },
    // Indicators by colour.
    colours: function (d) {
      var palette = [COLOURS.green, COLOURS.yellow, COLOURS.red, COLOURS.grey];
      return {
        tooltip: { trigger: "item", renderMode: "richText" },
        legend: { bottom: 0 },
        series: [{
          type: "pie", radius: ["40%", "68%"], center: ["50%", "44%"],
          label: { formatter: "{c}" },
          data: d.labels.map(function (label, i) {
            // an empty slice keeps its legend entry but draws no label
            return { name: label, value: d.counts[i], itemStyle: { color: palette[i] },
                     label: { show: d.counts[i] > 0 }, labelLine: { show: d.counts[i] > 0 } };
          })
        }]
      };
    }
  };

  function draw(root) {
    if (typeof echarts === "undefined") { return; }
    (root || document).querySelectorAll("[data-chart]").forEach(function (el) {
      var d = data(el);
      var build = builders[el.getAttribute("data-chart")];
      if (!d || !build) { return; }
      var chart = echarts.getInstanceByDom(el) || echarts.init(el);
      chart.setOption(build(d, el));
      el.setAttribute("data-chart-ready", "1");
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSwap", function (event) { draw(event.target); });
})();
