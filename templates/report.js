// dealaudit report: draws each chart from the option in its data-option
// attribute with the vendored ECharts build (SVG renderer), and collapses
// the data tables, which stay open when scripts do not run.
(function () {
  'use strict';
  // iso sets a name from the data apart as its own direction (U+2068 …
  // U+2069), so that a right-to-left name cannot carry the figures beside
  // it into its order.
  function iso(s) { return '\u2068' + String(s) + '\u2069'; }
  // Tooltips are plain text (richText mode): every value from the data is
  // shown as text, never as HTML.
  function tooltip(params) {
    var list = Array.isArray(params) ? params : [params];
    var lines = [];
    if (list.length > 0 && list[0].axisValueLabel !== undefined) {
      lines.push(iso(list[0].axisValueLabel));
    }
    list.forEach(function (p) {
      var d = p.data;
      var text;
      if (p.seriesType === 'pie') {
        text = iso(p.name) + ': ' + p.value + ' (' + p.percent + '%)';
      } else if (p.dataType === 'edge' && d) {
        text = iso(d.source) + ' referred ' + iso(d.target);
      } else if (d && typeof d === 'object' && d.name) {
        text = String(d.name);
      } else {
        text = p.value == null ? 'n/a' : String(p.value);
      }
      lines.push(list.length > 1 || p.seriesType === 'line' || p.seriesType === 'bar' ? iso(p.seriesName) + ': ' + text : text);
    });
    return lines.join('\n');
  }

  var tables = document.querySelectorAll('details.data');
  Array.prototype.forEach.call(tables, function (el) { el.removeAttribute('open'); });
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(tables, function (el) { el.setAttribute('open', ''); });
  });

  if (!window.echarts) { return; }
  var charts = [];
  Array.prototype.forEach.call(document.querySelectorAll('.chart[data-option]'), function (el) {
    // Heights are set here, not in a style attribute, which the page's
    // Content-Security-Policy does not allow.
    // The chart drawn at build time gives way to the same chart with
    // tooltips, at the height the drawing had: the page does not move.
    var drawn = el.querySelector('svg');
    var height = drawn ? drawn.getBoundingClientRect().height : 0;
    el.style.height = (height > 0 ? height : (parseInt(el.getAttribute('data-height'), 10) || 320)) + 'px';
    var option = JSON.parse(el.getAttribute('data-option'));
    if (option.tooltip) { option.tooltip.formatter = tooltip; }
    while (el.firstChild) { el.removeChild(el.firstChild); }
    var chart = window.echarts.init(el, null, { renderer: 'svg' });
    chart.setOption(option);
    charts.push(chart);
  });
  window.addEventListener('resize', function () {
    charts.forEach(function (c) { c.resize(); });
  });
})();
