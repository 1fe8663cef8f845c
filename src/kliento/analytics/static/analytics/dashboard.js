// Draws the dashboard's weekly trend charts from the JSON the template embeds: the week in
// progress dashed, weeks resting on few answers as open grey points, durations in one unit.
(function () {
  "use strict";
  const charts = [];

  // Durations get one unit per axis, chosen from the largest value (seconds below 2 min,
  // minutes below 2 h, hours above): the data are divided by it, so Chart.js picks nice
  // ticks in that unit ("0, 20, 40 min", never "83.3 min, 66.7 min").
  const UNIT_SECONDS = [1, 60, 3600];

  function durationUnit(values) {
    const largest = Math.max(0, ...values.filter((v) => v !== null));
    return largest < 120 ? 0 : (largest < 7200 ? 1 : 2);
  }

  // The page's decimal mark and the true minus sign: ui/numbers.js, shared by every chart.
  function formatter(unit, units, durationIndex) {
    const names = (units || "s|min|h").split("|");
    const format = window.KlientoNumbers.format;
    if (unit === "points") return (v) => format(v, 0, {plus: true});
    if (unit === "percent") return (v) => format(v, 0) + " %";
    if (unit === "ratio" || unit === "scale7") return (v) => format(v, 2);
    if (unit === "grade") return (v) => format(v, 1);
    return (v) => format(v, 1) + " " + names[durationIndex];
  }

  function scaled(values, divisor) {
    return values.map((v) => (v === null ? null : v / divisor));
  }

  function weekUrl(pattern, monday) {
    const sunday = new Date(monday + "T00:00:00Z");
    sunday.setUTCDate(sunday.getUTCDate() + 6);
    return pattern.replace("{start}", monday)
      .replace("{end}", sunday.toISOString().slice(0, 10));
  }

  function read(id) {
    const node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function draw() {
    while (charts.length) charts.pop().destroy();
    if (!window.Chart) return;
    const labels = read("chart-labels");
    const meta = read("chart-meta") || {};
    const unfinished = meta.unfinished === null || meta.unfinished === undefined ? null
      : meta.unfinished;
    const words = document.getElementById("chart-words").dataset;
    const css = getComputedStyle(document.documentElement);
    const accent = css.getPropertyValue("--accent").trim() || "#3454d1";
    const band = css.getPropertyValue("--accent-soft").trim() || "rgba(52,84,209,.15)";
    const grid = css.getPropertyValue("--grid").trim() || "#eef0f4";
    const muted = css.getPropertyValue("--muted").trim() || "#5f6b85";
    // The week in progress: its segment dashed, its bar pale (it is not a full week).
    const dashed = {borderDash: (ctx) => (unfinished !== null && ctx.p1DataIndex >= unfinished
      ? [5, 4] : undefined)};

    document.querySelectorAll("canvas[data-chart]").forEach((canvas) => {
      const id = canvas.dataset.chart;
      if (id === "chart-volume") {
        const volume = read("chart-volume-data");
        charts.push(new Chart(canvas, {
          type: "bar",
          data: {labels, datasets: [{label: words.contacts, data: volume,
            backgroundColor: volume.map((_, i) => (i === unfinished ? band : accent)),
            borderColor: accent, borderWidth: volume.map((_, i) => (i === unfinished ? 1 : 0)),
            borderDash: [4, 3], borderRadius: 4}]},
          options: {maintainAspectRatio: false, locale: window.KlientoNumbers.lang(),
            plugins: {legend: {display: false},
            tooltip: {callbacks: {afterLabel: (ctx) => (ctx.dataIndex === unfinished
              ? words.soFar : "")}}},
            scales: {x: {grid: {display: false}, ticks: {maxRotation: 0, autoSkip: true, maxTicksLimit: 8}},
              y: {grid: {color: grid}, beginAtZero: true, ticks: {precision: 0}}}},
        }));
        return;
      }
      const raw = read(id);
      if (!raw) return;
      const isDuration = raw.unit === "seconds";
      const durationIndex = isDuration ? durationUnit(raw.values) : 0;
      const divisor = UNIT_SECONDS[durationIndex];
      const data = {...raw, values: scaled(raw.values, divisor), low: scaled(raw.low, divisor),
        high: scaled(raw.high, divisor)};
      const fmt = formatter(data.unit, words.units, durationIndex);
      const few = (i) => data.n && data.n[i] !== null && data.n[i] < meta.few;
      const datasets = [];
      if (data.band) {
        datasets.push({label: words.interval, data: data.high, borderWidth: 0, pointRadius: 0,
          backgroundColor: band, fill: "+1", spanGaps: true});
        datasets.push({label: "low", data: data.low, borderWidth: 0, pointRadius: 0,
          fill: false, spanGaps: true});
      }
      // A week resting on few answers is an open grey point, not a solid one.
      datasets.push({label: words.value, data: data.values, borderColor: accent, borderWidth: 2,
        pointRadius: data.values.map((_, i) => (few(i) ? 3.5 : 2.5)),
        pointBackgroundColor: data.values.map((_, i) => (few(i) ? "#fff" : accent)),
        pointBorderColor: data.values.map((_, i) => (few(i) ? muted : accent)),
        tension: 0.3, cubicInterpolationMode: "monotone", fill: false, spanGaps: true,
        segment: dashed});
      charts.push(new Chart(canvas, {
        type: "line",
        data: {labels, datasets},
        options: {
          maintainAspectRatio: false,
          locale: window.KlientoNumbers.lang(),
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
                afterBody: (items) => {
                  const i = items.length ? items[0].dataIndex : -1;
                  const notes = [];
                  if (i === unfinished) notes.push(words.soFar);
                  if (i >= 0 && few(i)) notes.push(words.few);
                  return notes;
                },
              },
            },
          },
          // A point opens the rows behind that week's figure.
          onClick: (event, elements) => {
            if (!data.drill || !elements.length || !meta.weeks) return;
            window.location.href = weekUrl(data.drill, meta.weeks[elements[0].index]);
          },
          onHover: (event, elements) => {
            event.native.target.style.cursor = data.drill && elements.length ? "pointer" : "";
          },
          scales: {
            x: {grid: {display: false}, ticks: {maxTicksLimit: 6, font: {size: 10}}},
            y: {grid: {color: grid}, ticks: {maxTicksLimit: 4, font: {size: 10},
              callback: (v) => fmt(v)}, beginAtZero: isDuration,
              // A bounded scale keeps its own ends (CES 1–7, grade 1–10), not "0 … 10".
              ...(data.unit === "scale7" ? {min: 1, max: 7}
                : (data.unit === "grade" ? {min: 1, max: 10} : {}))},
          },
        },
      }));
    });
  }

  document.addEventListener("DOMContentLoaded", draw);
  document.addEventListener("htmx:afterSettle", draw);
})();
