// Live volume on the overview: listens to /console/live (Server-Sent Events) and updates the
// chart, its data table, the aria-live figures and the cards without reloading; every event
// carries one snapshot, so the cards (rendered by the hub in the page's language) and the chart
// always show the same moment. EventSource reconnects by
// itself after a network error; the state text says so.
(function () {
  'use strict';
  var section = document.getElementById('live');
  if (!section || !window.EventSource) { return; }
  var numbers = new Intl.NumberFormat(section.dataset.lang === 'en' ? 'en' : 'vi-VN');
  var total = document.getElementById('live-total');
  var last = document.getElementById('live-last');
  var totals = document.getElementById('totals');
  var state = document.getElementById('live-state');
  var tbody = document.querySelector('#live-table tbody');
  var chart = new Chart(document.getElementById('live-chart'), {
    type: 'line',
    data: { labels: [], datasets: [{ label: section.dataset.label, data: [], borderColor: '#0b5394',
      backgroundColor: 'rgba(11, 83, 148, 0.15)', fill: true, tension: 0.2, pointRadius: 2 }] },
    options: { locale: section.dataset.lang === 'en' ? 'en' : 'vi-VN', animation: false, responsive: true, maintainAspectRatio: false,
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
  });
  window.lgspLiveChart = chart;

  function setText(el, text) { if (el.textContent !== text) { el.textContent = text; } }

  var source = new EventSource(section.dataset.source);
  source.onopen = function () { setText(state, document.getElementById('live-online-text').textContent); };
  source.onerror = function () { setText(state, document.getElementById('live-offline-text').textContent); };
  source.onmessage = function (event) {
    var update = JSON.parse(event.data);
    var s = update.snapshot;
    // Server-rendered and escaped by the hub's templates, never text from the address.
    totals.innerHTML = update.figuresHtml;
    chart.data.labels = s.labels;
    chart.data.datasets[0].data = s.counts;
    chart.update();
    total.dataset.value = String(s.windowTotal);
    setText(total, numbers.format(s.windowTotal));
    setText(last, numbers.format(s.lastMinute));
    setText(state, document.getElementById('live-online-text').textContent);
    var rows = document.createDocumentFragment();
    for (var i = s.labels.length - 1; i >= 0; i--) {
      var tr = document.createElement('tr');
      var th = document.createElement('th');
      th.scope = 'row';
      th.textContent = s.labels[i];
      var td = document.createElement('td');
      td.textContent = numbers.format(s.counts[i]);
      tr.appendChild(th);
      tr.appendChild(td);
      rows.appendChild(tr);
    }
    tbody.replaceChildren(rows);
  };
})();
