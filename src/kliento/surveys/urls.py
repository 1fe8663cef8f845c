from django.urls import path, re_path

from kliento.surveys.views import inbox, manage

app_name = "surveys"
urlpatterns = [
    path("", manage.survey_list, name="list"),
    path("new/", manage.survey_add, name="new"),
    path("<int:pk>/", manage.survey_detail, name="detail"),
    path("<int:pk>/invite/", manage.survey_invite, name="invite"),
    path("<int:pk>/phone/", manage.phone_answers_record, name="phone"),
    path("<int:pk>/preview/", manage.survey_preview, name="preview"),
    path("<int:pk>/questions/<int:question_pk>/", manage.question_edit, name="question"),
    path("<int:pk>/questions/<int:question_pk>/delete/", manage.question_remove,
         name="question-delete"),
    path("<int:pk>/questions/<int:question_pk>/move/", manage.question_reorder,
         name="question-move"),
    path("responses/", inbox.response_inbox, name="responses"),
    re_path(r"^responses/export\.(?P<file_format>csv|xlsx)$", inbox.response_export,
            name="responses-export"),
    path("responses/<int:pk>/", inbox.response_detail, name="response"),
    path("responses/<int:pk>/change/", inbox.response_change, name="response-change"),
]
