// Explore: headers sort the table (by the cells' data-sort values, so "1 234" and "—" sort
// as numbers), and the chosen measure is charted, one line per group, the running period
// dashed and weeks resting on few answers drawn as open grey points.
(function () {
  "use strict";
  let chart = null;
  const PALETTE = ["#3454d1", "#e07a1f", "#1a7f4e", "#b42318", "#7a4cc2", "#0f8fa3", "#8a6d1b",
    "#c2417a", "#5f6b85"];
  const UNIT_SECONDS = [1, 60, 3600];

  function sortBy(table, header) {
    const index = Array.from(header.parentNode.children).indexOf(header);
    const numeric = header.dataset.sortType === "number";
    const ascending = header.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("thead th").forEach((th) => th.removeAttribute("aria-sort"));
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    const body = table.tBodies[0];
    const rows = Array.from(body.rows).filter((row) => row.cells.length > 1);
    const key = (row) => {
      const cell = row.cells[index];
      const raw = cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
      if (!numeric) return raw;
      return raw === "" ? null : Number(raw);
    };
    rows.sort((a, b) => {
      const x = key(a);
      const y = key(b);
      if (x === null || y === null) return x === y ? 0 : (x === null ? 1 : -1);  // blanks last
      const order = numeric ? x - y : String(x).localeCompare(String(y));
      return ascending ? order : -order;
    });
    rows.forEach((row) => body.appendChild(row));
  }

  function sortable() {
    document.querySelectorAll("table.sortable").forEach((table) => {
      table.querySelectorAll("thead th button.sort").forEach((button) => {
        button.addEventListener("click", () => sortBy(table, button.closest("th")));
      });
    });
  }

  function draw() {
    if (chart) { chart.destroy(); chart = null; }
    const node = document.getElementById("explore-chart-data");
    const canvas = document.querySelector("canvas[data-explore-chart]");
    if (!node || !canvas || !window.Chart) return;
    const data = JSON.parse(node.textContent);
    const lang = document.documentElement.lang || "en";
    const css = getComputedStyle(document.documentElement);
    const muted = css.getPropertyValue("--muted").trim() || "#5f6b85";
    const all = data.series.flatMap((s) => s.values).filter((v) => v !== null);
    // Durations: one unit for the whole axis, chosen from the largest value.
    const largest = Math.max(0, ...all);
    const unitIndex = data.unit !== "seconds" ? 0 : (largest < 120 ? 0 : (largest < 7200 ? 1 : 2));
    const names = (document.getElementById("explore-units") || {dataset: {units: "s|min|h"}})
      .dataset.units.split("|");
    const divisor = data.unit === "seconds" ? UNIT_SECONDS[unitIndex] : 1;
    // The page's decimal mark and the true minus sign (ui/numbers.js, shared by every chart).
    const tick = (v) => window.KlientoNumbers.format(v, 2)
      + (data.unit === "seconds" ? " " + names[unitIndex] : "");
    const few = (s, i) => s.n[i] !== null && s.n[i] < data.few;
    const datasets = data.series.map((s, k) => {
      const colour = PALETTE[k % PALETTE.length];
      return {
        label: s.label, data: s.values.map((v) => (v === null ? null : v / divisor)),
        borderColor: colour, backgroundColor: colour, borderWidth: 2, spanGaps: true,
        tension: 0.25, cubicInterpolationMode: "monotone",  // no overshoot past real values
        pointRadius: s.values.map((_, i) => (few(s, i) ? 3.5 : 2.5)),
        pointBackgroundColor: s.values.map((_, i) => (few(s, i) ? "#fff" : colour)),
        pointBorderColor: s.values.map((_, i) => (few(s, i) ? muted : colour)),
        segment: {borderDash: (ctx) => (data.unfinished !== null
          && ctx.p1DataIndex >= data.unfinished ? [5, 4] : undefined)},
      };
    });
    const labels = data.whole_period ? [data.title] : data.labels;
    chart = new Chart(canvas, {
      type: data.whole_period ? "bar" : "line",
      data: {labels, datasets},
      options: {
        maintainAspectRatio: false,
        locale: lang,
        interaction: {mode: "nearest", intersect: false},
        plugins: {legend: {position: "right", labels: {boxWidth: 12, font: {size: 11}}},
          tooltip: {callbacks: {label: (ctx) => `${ctx.dataset.label}: ${tick(ctx.raw)}`}}},
        scales: {x: {grid: {display: false}, ticks: {maxTicksLimit: 10, font: {size: 10}}},
          y: {ticks: {maxTicksLimit: 6, font: {size: 10}, callback: tick},
            beginAtZero: data.unit === "seconds"}},
      },
    });
  }

  function init() { sortable(); draw(); }
  document.addEventListener("DOMContentLoaded", init);
  document.addEventListener("htmx:afterSettle", init);
})();
