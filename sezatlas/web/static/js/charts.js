/* SEZ Atlas charts: a horizontal stacked bar per `.chart` element, drawn by the vendored ECharts (SVG
 * renderer) from the numbers the server put in its `data-chart` attribute. The same numbers are in the
 * table next to each chart, which is what screen readers and printouts use. Right-to-left pages get a
 * mirrored chart (bars grow from the right, labels on the right); the chart element itself is dir="ltr",
 * because ECharts lays out its SVG text for left-to-right and misplaces it in an RTL element.
 *
 * The legend is an HTML list above the chart, not ECharts' own: a list wraps onto as many lines as the
 * screen needs, so every series is named at any width (ECharts' legend either pages, hiding series
 * behind arrows, or overlaps the bars when it wraps), and it follows the page's direction. Each entry
 * is a button that shows or hides its series. Category labels (country names) wrap instead of being
 * cut, and each bar's row is as tall as its longest label needs.
 */
(function () {
  "use strict";

  var MIN_ROW_HEIGHT_PX = 30;
  var LABEL_LINE_PX = 15;
  var LABEL_FONT_PX = 12;
  var CHROME_HEIGHT_PX = 80;
  var NARROW_LABEL_PX = 110;
  var WIDE_LABEL_PX = 260;

  function option(data, isRtl, labels) {
    return {
      animation: false,
      aria: { enabled: true },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, confine: true },
      legend: { show: false },  // the HTML legend above the chart names the series
      grid: { left: 8, right: 16, top: 12, bottom: 30, containLabel: true },
      xAxis: { type: "value", name: data.axis_title, minInterval: 1, inverse: isRtl,
        nameLocation: "middle", nameGap: 24 },
      yAxis: { type: "category", data: data.categories, inverse: true, position: isRtl ? "right" : "left",
        axisLabel: { interval: 0, lineHeight: LABEL_LINE_PX, fontSize: LABEL_FONT_PX, fontFamily: labels.font,
          formatter: function (value) { return labels.wrapped[value] || value; } } },
      series: data.series.map(function (series) {
        return { type: "bar", stack: "zones", name: series.name, data: series.data,
          itemStyle: { color: series.colour }, barMaxWidth: 22, emphasis: { focus: "series" } };
      }),
    };
  }

  /* A label broken between words into lines of at most `width` px, measured whole (ECharts measures
   * letter by letter, which overestimates joined Arabic letters and breaks words in the middle). A text
   * without spaces (Chinese) is broken between characters. */
  function wrap(context, label, width) {
    var text = String(label);
    var pieces = text.indexOf(" ") >= 0 ? text.split(" ") : Array.from(text);
    var joiner = text.indexOf(" ") >= 0 ? " " : "";
    var lines = [];
    var line = "";
    pieces.forEach(function (piece) {
      var candidate = line ? line + joiner + piece : piece;
      if (line && context.measureText(candidate).width > width) {
        lines.push(line);
        line = piece;
      } else {
        line = candidate;
      }
    });
    lines.push(line);
    return lines;
  }

  /* Every category label wrapped to `width`, and the most lines any of them takes (for the row height). */
  function wrappedLabels(categories, width) {
    var font = window.getComputedStyle(document.body).fontFamily;
    var context = document.createElement("canvas").getContext("2d");
    context.font = LABEL_FONT_PX + "px " + font;
    var wrapped = {};
    var lines = 1;
    categories.forEach(function (label) {
      var broken = wrap(context, label, width);
      wrapped[label] = broken.join("\n");
      lines = Math.max(lines, broken.length);
    });
    return { font: font, wrapped: wrapped, lines: lines };
  }

  function legendEntry(chart, series) {
    var item = document.createElement("li");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "chart-legend-entry";
    button.setAttribute("aria-pressed", "true");
    var swatch = document.createElement("span");
    swatch.className = "chart-swatch";
    swatch.style.backgroundColor = series.colour;  // CSSOM, allowed by the page's style-src 'self'
    var name = document.createElement("span");
    name.textContent = series.name;
    button.append(swatch, name);
    button.addEventListener("click", function () {
      var isShown = button.getAttribute("aria-pressed") === "true";
      button.setAttribute("aria-pressed", isShown ? "false" : "true");
      chart.dispatchAction({ type: isShown ? "legendUnSelect" : "legendSelect", name: series.name });
    });
    item.append(button);
    return item;
  }

  /* The list of series before the chart; a chart of one series needs none (its axis names it). */
  function addLegend(element, chart, data) {
    if (data.series.length < 2) { return; }
    var list = document.createElement("ul");
    list.className = "chart-legend";
    list.dataset.legendFor = element.id;
    data.series.forEach(function (series) { list.append(legendEntry(chart, series)); });
    element.before(list);
  }

  function draw(element) {
    var data = JSON.parse(element.dataset.chart);
    var labels = wrappedLabels(data.categories, element.clientWidth < 560 ? NARROW_LABEL_PX : WIDE_LABEL_PX);
    var rowHeight = Math.max(MIN_ROW_HEIGHT_PX, labels.lines * LABEL_LINE_PX + 8);
    element.style.height = (data.categories.length * rowHeight + CHROME_HEIGHT_PX) + "px";
    var chart = echarts.init(element, null, { renderer: "svg" });
    chart.setOption(option(data, document.documentElement.dir === "rtl", labels));
    addLegend(element, chart, data);
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
