/* SEZ Atlas charts: a horizontal stacked bar per `.chart` element, drawn by the vendored ECharts (SVG
 * renderer) from the numbers the server put in its `data-chart` attribute. The same numbers are in the
 * table next to each chart, which is what screen readers and printouts use. Right-to-left pages get a
 * mirrored chart (bars grow from the right, labels on the right); the chart element itself is dir="ltr",
 * because ECharts lays out its SVG text for left-to-right and misplaces it in an RTL element.
 */
(function () {
  "use strict";

  var ROW_HEIGHT_PX = 30;
  var CHROME_HEIGHT_PX = 110;

  function option(data, isRtl, isNarrow) {
    return {
      animation: false,
      aria: { enabled: true },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, confine: true },
      legend: { top: 0, type: "scroll", align: isRtl ? "right" : "auto" },
      grid: { left: 8, right: 16, top: isNarrow ? 56 : 36, bottom: 30, containLabel: true },
      xAxis: { type: "value", name: data.axis_title, minInterval: 1, inverse: isRtl,
        nameLocation: "middle", nameGap: 24 },
      yAxis: { type: "category", data: data.categories, inverse: true, position: isRtl ? "right" : "left",
        axisLabel: { width: isNarrow ? 110 : 260, overflow: "truncate" } },
      series: data.series.map(function (series) {
        return { type: "bar", stack: "zones", name: series.name, data: series.data,
          itemStyle: { color: series.colour }, barMaxWidth: 22, emphasis: { focus: "series" } };
      }),
    };
  }

  function draw(element) {
    var data = JSON.parse(element.dataset.chart);
    var isNarrow = element.clientWidth < 560;
    element.style.height = (data.categories.length * ROW_HEIGHT_PX + CHROME_HEIGHT_PX +
      (isNarrow ? 40 : 0)) + "px";
    var chart = echarts.init(element, null, { renderer: "svg" });
    chart.setOption(option(data, document.documentElement.dir === "rtl", isNarrow));
    window.addEventListener("resize", function () { if (!chart.isDisposed()) { chart.resize(); } });
    element.dataset.state = "ready";
    return chart;
  }

  var charts = [];
  function drawNew() {
    document.querySelectorAll(".chart[data-chart]:not([data-state])").forEach(function (element) {
      charts.push(draw(element));
    });
  }
  drawNew();
  // Pages whose results htmx swaps in (the rank page) get their charts drawn after each swap.
  document.body.addEventListener("htmx:afterSettle", function () {
    charts = charts.filter(function (chart) {
      var isShown = document.body.contains(chart.getDom());
      if (!isShown) { chart.dispose(); }
      return isShown;
    });
    window.sezatlasCharts = charts;
    drawNew();
  });
  window.sezatlasCharts = charts;
})();
