// Starts the vendored Swagger UI on /api/v1/docs with the settings the page carries (a
// file rather than an inline script, so the Content-Security-Policy needs no exception).
const config = JSON.parse(document.getElementById("swagger-settings").textContent);
config.dom_id = "#swagger-ui";
config.presets = [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset];
const csrfToken = document.body.dataset.csrfToken;
if (csrfToken) {
  // "Try it out" with the browser session: Django wants the CSRF token on unsafe calls.
  config.requestInterceptor = (request) => {
    request.headers["X-CSRFToken"] = csrfToken;
    return request;
  };
}
SwaggerUIBundle(config);
