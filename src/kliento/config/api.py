"""The REST API, version 1. Each capability contributes its router."""

from ninja import NinjaAPI
from ninja.security import django_auth

from kliento.analytics.api import router as metrics_router
from kliento.surveys.api import router as surveys_router

api = NinjaAPI(
    title="Kliento API",
    version="1",
    description="Customer-experience measures, promises and surveys. Dates are the "
                "organisation's local calendar days.",
    urls_namespace="api-v1",
    auth=django_auth,
)
api.add_router("/", metrics_router)
api.add_router("/", surveys_router)
