// A filter or the language switch applies as soon as it changes: `data-submit-on-change` on
// a field submits its form. (A script file rather than onchange="…" attributes, which the
// Content-Security-Policy refuses as inline scripts.)
document.addEventListener("change", (event) => {
  const field = event.target.closest("[data-submit-on-change]");
  if (field && field.form) {
    field.form.submit();
  }
});
