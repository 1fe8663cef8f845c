// One way to write a number in a chart's labels and tooltips: the page's language decides the
// decimal mark and the grouping (Intl, i.e. CLDR), and a negative takes the true minus sign
// U+2212 in every language (Intl writes a hyphen in en, lv, pl and ru). Every chart drawer
// uses it, and gives Chart.js the page's language for the ticks it writes itself.
(function (root) {
  "use strict";
  const cache = {};

  function lang() {
    return (root.document && root.document.documentElement.lang) || "en";
  }

  function format(value, digits, options) {
    const opts = options || {};
    if (value === null || value === undefined || Number.isNaN(value)) return "—";
    const places = digits === undefined ? 2 : digits;
    const key = `${lang()}|${places}|${opts.exact ? 1 : 0}`;
    const number = cache[key] || (cache[key] = new Intl.NumberFormat(lang(), {
      maximumFractionDigits: places, minimumFractionDigits: opts.exact ? places : 0}));
    // The sign from the rounded value: −0,004 shown with no decimals is "0", not "−0".
    const zero = Math.round(Math.abs(value) * 10 ** places) === 0;
    const sign = zero ? "" : (value < 0 ? "\u2212" : (opts.plus ? "+" : ""));
    return sign + number.format(Math.abs(value));
  }

  root.KlientoNumbers = {lang, format};
})(typeof window !== "undefined" ? window : globalThis);
