"""What every page shares: the back-office and public base templates, form, message, pager,
filter and KPI-card partials, the formatting of numbers, durations, money and dates, and the
shared CSS. It imports no domain app, so every app's views and presentation may use it."""
