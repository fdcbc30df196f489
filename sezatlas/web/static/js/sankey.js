/* SEZ Atlas: the chain page's Sankey diagram, each input flowing into the product, drawn by the vendored
 * full ECharts build (SVG renderer) from the numbers the server put in the element's `data-chart`
 * attribute. The same numbers, and the zones, are in the table below it, which is what screen readers
 * and printouts use. The element is dir="ltr": ECharts lays out its SVG text left to right.
 */
(function () {
  "use strict";

  var ROW_PX = 34;
  var MIN_HEIGHT_PX = 260;

  function draw(element) {
    var data = JSON.parse(element.dataset.chart);
    var inputs = data.nodes.length - 1;
    element.style.height = Math.max(MIN_HEIGHT_PX, inputs * ROW_PX) + "px";  // CSSOM: allowed by style-src
    var chart = echarts.init(element, null, { renderer: "svg" });
    var labelWidth = Math.max(120, Math.floor(element.clientWidth * 0.3));
    chart.setOption({
      animation: false,
      aria: { enabled: true },
      tooltip: { trigger: "item", confine: true,
        valueFormatter: function (value) { return Number(value).toFixed(4) + " $/$"; } },
      series: [{
        type: "sankey", left: 8, right: labelWidth, top: 8, bottom: 8, nodeWidth: 14, nodeGap: 8,
        layoutIterations: 0, emphasis: { focus: "adjacency" }, data: data.nodes, links: data.links,
        label: { width: labelWidth - 16, overflow: "truncate", fontSize: 12 },
        lineStyle: { color: "gradient", opacity: 0.45 },
      }],
    });
    window.addEventListener("resize", function () { if (!chart.isDisposed()) { chart.resize(); } });
    element.dataset.state = "ready";
    return chart;
  }

  window.sezatlasCharts = (window.sezatlasCharts || []).concat(
    Array.prototype.map.call(document.querySelectorAll(".sankey[data-chart]"), draw)
  );
})();
