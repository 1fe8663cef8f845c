from django.urls import path, re_path

from kliento.surveys.views import inbox, manage

app_name = "surveys"
urlpatterns = [
    path("", manage.survey_list, name="list"),
    path("new/", manage.survey_add, name="new"),
    path("<int:pk>/", manage.survey_detail, name="detail"),
    path("<int:pk>/invite/", manage.survey_invite, name="invite"),
    path("<int:pk>/phone/", manage.phone_answers_record, name="phone"),
    path("responses/", inbox.response_inbox, name="responses"),
    re_path(r"^responses/export\.(?P<file_format>csv|xlsx)$", inbox.response_export,
            name="responses-export"),
    path("responses/<int:pk>/", inbox.response_detail, name="response"),
    path("responses/<int:pk>/change/", inbox.response_change, name="response-change"),
]
