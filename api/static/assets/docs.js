// Starts Swagger UI at /docs on the API's own contract. A file, not an inline script, so
// that the Content-Security-Policy can allow this origin's scripts only.
/* global SwaggerUIBundle */
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
  layout: "BaseLayout",
  validatorUrl: null, // no badge from the public validator: nothing leaves the machine
});
