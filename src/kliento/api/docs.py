"""The API's interactive documentation (Swagger UI) from files vendored in the project
(``ui/static/vendor/swagger-ui-*``), not from a CDN: ``/api/v1/docs`` works offline and loads
no third-party script."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import Swagger, _csrf_needed


class VendoredSwagger(Swagger):
    template = "ui/api_docs.html"

    def render_page(self, request: HttpRequest, api, **kwargs: Any) -> HttpResponse:
        swagger_settings = self.settings | {
            "url": self.get_openapi_url(api, kwargs),
            "validatorUrl": None,  # else a badge is fetched from validator.swagger.io
        }
        return render(request, self.template, {
            "api": api, "swagger_settings": swagger_settings, "add_csrf": _csrf_needed(api)})
