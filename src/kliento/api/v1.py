"""The REST API, version 1. Each capability contributes its router."""

from functools import partial

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.db import DataError
from ninja.errors import AuthenticationError

from kliento.analytics.api import router as analytics_router
from kliento.api.authentication import (
    ApiTokenAuth,
    SessionAuth,
    authentication_failed,
    permission_denied,
)
from kliento.api.docs import VendoredSwagger
from kliento.api.problems import request_too_large, value_out_of_range
from kliento.api.shared_paths import PathSharingNinjaAPI
from kliento.customers.api import router as customers_router
from kliento.defects.api import router as defects_router
from kliento.imports.api import router as imports_router
from kliento.interactions.api import router as interactions_router
from kliento.journeys.api import router as journeys_router
from kliento.occasions.api import router as occasions_router
from kliento.orders.api import router as orders_router
from kliento.privacy.api import router as privacy_router
from kliento.promises.api import router as promises_router
from kliento.questions.api import router as questions_router
from kliento.recovery.api import router as recovery_router
from kliento.surveys.api import router as surveys_router
from kliento.workforce.api import router as workforce_router

api = PathSharingNinjaAPI(
    title="Kliento API",
    version="1",
    description="Customer-experience measures, promises and surveys. Dates are the "
                "organisation's local calendar days. Authenticate with a personal API token "
                "(`kliento api-token create USERNAME`) sent as `Authorization: Bearer <token>`, "
                "or with a signed-in browser session.",
    urls_namespace="api-v1",
    docs=VendoredSwagger(),
    # Tried in order: a Bearer token first, then the session the dashboard's scripts use.
    auth=[ApiTokenAuth(), SessionAuth()],
)
api.add_exception_handler(AuthenticationError, partial(authentication_failed, api=api))
api.add_exception_handler(PermissionDenied, partial(permission_denied, api=api))
api.add_exception_handler(RequestDataTooBig, partial(request_too_large, api=api))
api.add_exception_handler(DataError, partial(value_out_of_range, api=api))
api.add_router("/", analytics_router)
api.add_router("/", surveys_router)
api.add_router("/", promises_router)
api.add_router("/", customers_router)
api.add_router("/", interactions_router)
api.add_router("/", imports_router)
api.add_router("/", recovery_router)
api.add_router("/", workforce_router)
api.add_router("/", questions_router)
api.add_router("/", privacy_router)
api.add_router("/", orders_router)
api.add_router("/", journeys_router)
api.add_router("/", defects_router)
api.add_router("/", occasions_router)
