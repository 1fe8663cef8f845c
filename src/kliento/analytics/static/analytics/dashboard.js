// Draws the dashboard's weekly trend charts from the JSON the template embeds.
(function () {
  "use strict";
  const charts = [];

  function formatter(unit, lang, units) {
    const [second, minute, hour] = (units || "s|min|h").split("|");
    const number = (digits) => new Intl.NumberFormat(lang, {maximumFractionDigits: digits});
    if (unit === "points") return (v) => (v > 0 ? "+" : "") + number(0).format(v);
    if (unit === "percent") return (v) => number(0).format(v) + " %";
    if (unit === "ratio" || unit === "scale7") return (v) => number(2).format(v);
    if (unit === "grade") return (v) => number(1).format(v);
    return (v) => {
      if (v < 120) return number(0).format(v) + " " + second;
      if (v < 7200) return number(1).format(v / 60) + " " + minute;
      return number(1).format(v / 3600) + " " + hour;
    };
  }

  function read(id) {
    const node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function draw() {
    while (charts.length) charts.pop().destroy();
    if (!window.Chart) return;
    const labels = read("chart-labels");
    const words = document.getElementById("chart-words").dataset;
    const css = getComputedStyle(document.documentElement);
    const accent = css.getPropertyValue("--accent").trim() || "#3454d1";
    const band = css.getPropertyValue("--accent-soft").trim() || "rgba(52,84,209,.15)";
    const grid = css.getPropertyValue("--grid").trim() || "#eef0f4";

    document.querySelectorAll("canvas[data-chart]").forEach((canvas) => {
      const id = canvas.dataset.chart;
      if (id === "chart-volume") {
        charts.push(new Chart(canvas, {
          type: "bar",
          data: {labels, datasets: [{label: words.contacts, data: read("chart-volume-data"),
            backgroundColor: accent, borderRadius: 4}]},
          options: {maintainAspectRatio: false, plugins: {legend: {display: false}},
            scales: {x: {grid: {display: false}, ticks: {maxRotation: 0, autoSkip: true, maxTicksLimit: 8}},
              y: {grid: {color: grid}, beginAtZero: true}}},
        }));
        return;
      }
      const data = read(id);
      if (!data) return;
      const fmt = formatter(data.unit, words.lang, words.units);
      const datasets = [];
      if (data.band) {
        datasets.push({label: words.interval, data: data.high, borderWidth: 0, pointRadius: 0,
          backgroundColor: band, fill: "+1", spanGaps: true});
        datasets.push({label: "low", data: data.low, borderWidth: 0, pointRadius: 0,
          fill: false, spanGaps: true});
      }
      datasets.push({label: words.value, data: data.values, borderColor: accent, borderWidth: 2,
        pointRadius: 2, pointBackgroundColor: accent, tension: 0.3, fill: false,
        spanGaps: true});
      charts.push(new Chart(canvas, {
        type: "line",
        data: {labels, datasets},
        options: {
          maintainAspectRatio: false,
          interaction: {mode: "index", intersect: false},
          plugins: {
            legend: {display: false},
            tooltip: {
              filter: (item) => item.dataset.label !== "low",
              callbacks: {
                label: (ctx) => {
                  if (ctx.dataset.label === words.interval) {
                    const low = data.low[ctx.dataIndex];
                    return `${words.interval}: ${fmt(low)} … ${fmt(ctx.raw)}`;
                  }
                  return `${ctx.dataset.label}: ${fmt(ctx.raw)}`;
                },
              },
            },
          },
          scales: {
            x: {grid: {display: false}, ticks: {maxTicksLimit: 6, font: {size: 10}}},
            y: {grid: {color: grid}, ticks: {maxTicksLimit: 4, font: {size: 10},
              callback: (v) => fmt(v)}},
          },
        },
      }));
    });
  }

  document.addEventListener("DOMContentLoaded", draw);
  document.addEventListener("htmx:afterSettle", draw);
})();
