// Starts Swagger UI 5 (served from the installed fastapi-offline package) on this server's schema.
(function () {
  "use strict";
  var node = document.getElementById("swagger-ui");
  if (!node || !window.SwaggerUIBundle) return;
  window.SwaggerUIBundle({ url: node.getAttribute("data-openapi"), dom_id: "#swagger-ui", deepLinking: true });
})();
