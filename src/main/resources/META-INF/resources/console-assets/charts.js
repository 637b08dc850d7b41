// Charts drawn from the data table printed beside them (the table is the accessible
// alternative and the single source of the numbers): <canvas class="bar-chart" data-table="id">
// or <canvas class="line-chart" data-table="id">; in a line chart a row with data-up="false"
// (a failed probe) is drawn as a red point. A table marked data-newest-first (as people read a
// history) is drawn oldest first all the same, so time runs left to right.
(function () {
  'use strict';
  function draw(canvas, type) {
    var table = document.getElementById(canvas.dataset.table);
    if (!table) { return; }
    var labels = [];
    var values = [];
    var colours = [];
    table.querySelectorAll('tbody tr').forEach(function (row) {
      var label = row.querySelector('[data-label]');
      var value = row.querySelector('[data-value]');
      if (label && value) {
        labels.push(label.dataset.label);
        values.push(Number(value.dataset.value));
        colours.push(row.dataset.up === 'false' ? '#b91c1c' : '#0b5394');
      }
    });
    if (table.dataset.newestFirst !== undefined) {
      labels.reverse();
      values.reverse();
      colours.reverse();
    }
    var dataset = type === 'bar'
      ? { label: canvas.dataset.label, data: values, backgroundColor: '#0b5394' }
      : { label: canvas.dataset.label, data: values, borderColor: '#0b5394', pointBackgroundColor: colours,
          pointBorderColor: colours, pointRadius: 3 };
    new Chart(canvas, {
      type: type,
      data: { labels: labels, datasets: [dataset] },
      // Axis numbers as read in the page's language (1.234 in Vietnamese, 1,234 in English).
      options: { locale: document.documentElement.lang === 'en' ? 'en' : 'vi-VN', animation: false, responsive: true,
        maintainAspectRatio: false,
        scales: type === 'bar' ? { y: { beginAtZero: true, ticks: { precision: 0 } } }
          : { x: { ticks: { maxTicksLimit: 8 } }, y: { beginAtZero: true } } }
    });
  }
  document.querySelectorAll('canvas.bar-chart').forEach(function (canvas) { draw(canvas, 'bar'); });
  document.querySelectorAll('canvas.line-chart').forEach(function (canvas) { draw(canvas, 'line'); });
})();
