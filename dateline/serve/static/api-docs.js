// Swagger UI over this server's OpenAPI document; no validator badge (it would call another host).
window.addEventListener("DOMContentLoaded", function () {
  var element = document.getElementById("swagger");
  window.ui = SwaggerUIBundle({
    url: element.dataset.spec,
    dom_id: "#swagger",
    validatorUrl: null,
    deepLinking: true,
    tryItOutEnabled: false
  });
});
