from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from kliento.api.v1 import api
from kliento.config.health import healthz
from kliento.customers import views as customer_views
from kliento.defects import views as defect_views
from kliento.questions import views as question_views
from kliento.surveys.views import public as survey_public
from kliento.ui import views as ui_views
from kliento.workforce import views as workforce_views

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    # The customer's survey link: outside the language prefix, the page picks the language.
    path("s/<str:token>/", survey_public.survey_respond, name="survey-page"),
    path("s/<str:token>/draft", survey_public.survey_draft_save, name="survey-draft"),
    path("p/<str:token>/", include("kliento.promises.status_urls")),  # a promise's status
    path("u/<str:token>/", customer_views.unsubscribe, name="unsubscribe"),  # RFC 8058
    # What else was wrong around the visit: linked from a survey's thank-you page.
    path("d/<str:token>/", defect_views.defect_report, name="defect-report"),
    # "We usually reply within …" for a company's own contact page (an iframe).
    path("r/response-time/", workforce_views.response_time_embed, name="response-time-embed"),
    # The public FAQ: outside the language prefix, the page picks the customer's language.
    path("faq/", question_views.public_faq, name="faq"),
]
urlpatterns += i18n_patterns(
    path("", ui_views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("dashboard/", include("kliento.analytics.urls")),
    path("alerts/", include("kliento.alerts.urls")),
    path("audits/", include("kliento.audits.urls")),
    path("surveys/", include("kliento.surveys.urls")),
    path("promises/", include("kliento.promises.urls")),
    path("webhooks/", include("kliento.webhooks.urls")),
    path("imports/", include("kliento.imports.urls")),
    path("recovery/", include("kliento.recovery.urls")),
    path("defects/", include("kliento.defects.urls")),
    path("occasions/", include("kliento.occasions.urls")),
    path("customers/", include("kliento.customers.urls")),
    path("journeys/", include("kliento.journeys.urls")),
    path("customers/", include("kliento.privacy.urls")),
    path("settings/", include("kliento.privacy.settings_urls")),
    path("staffing/", include("kliento.workforce.urls")),
    path("questions/", include("kliento.questions.urls")),
    path("people/", include("kliento.people.urls")),
    path("account/", include("kliento.accounts.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
