// Draws the staffing plan's week chart (required vs rostered agents, contacts forecast) from
// the JSON the template embeds; again after htmx swaps the plan in.
(function () {
  "use strict";
  let chart = null;

  function draw() {
    if (chart) { chart.destroy(); chart = null; }
    const canvas = document.querySelector("canvas[data-plan-chart]");
    const node = document.getElementById("plan-chart-data");
    if (!canvas || !node || !window.Chart) return;
    const data = JSON.parse(node.textContent);
    const css = getComputedStyle(document.documentElement);
    const accent = css.getPropertyValue("--accent").trim() || "#3454d1";
    const bad = css.getPropertyValue("--bad").trim() || "#b42318";
    const grid = css.getPropertyValue("--grid").trim() || "#eef0f4";
    const words = data.words;
    chart = new Chart(canvas, {
      type: "line",
      data: {labels: data.labels, datasets: [
        {label: words.required, data: data.required, borderColor: bad, borderWidth: 2,
          pointRadius: 0, stepped: true, yAxisID: "agents"},
        {label: words.rostered, data: data.rostered, borderColor: accent, borderWidth: 2,
          pointRadius: 0, stepped: true, yAxisID: "agents"},
        {label: words.forecast, data: data.forecast, borderColor: "#9aa3b2", borderWidth: 1,
          borderDash: [4, 3], pointRadius: 0, tension: 0.3, yAxisID: "contacts"},
      ]},
      options: {
        maintainAspectRatio: false,
        locale: window.KlientoNumbers.lang(),  // the page's decimal mark in ticks and tooltips
        animation: false,
        interaction: {mode: "index", intersect: false},
        plugins: {legend: {position: "bottom"}},
        scales: {
          x: {grid: {display: false}, ticks: {maxTicksLimit: 14, font: {size: 10}}},
          agents: {position: "left", beginAtZero: true, grid: {color: grid},
            title: {display: true, text: words.agents}, ticks: {precision: 0}},
          // Whole contacts on the axis: never "0,1 … 0,9 contacts" when few are expected.
          contacts: {position: "right", beginAtZero: true, grid: {display: false},
            title: {display: true, text: words.contacts}, ticks: {precision: 0}},
        },
      },
    });
  }

  document.addEventListener("DOMContentLoaded", draw);
  document.addEventListener("htmx:afterSettle", draw);
})();
