from django.urls import path

from kliento.surveys.views import manage

app_name = "surveys"
urlpatterns = [
    path("", manage.survey_list, name="list"),
    path("new/", manage.survey_add, name="new"),
    path("<int:pk>/", manage.survey_detail, name="detail"),
    path("<int:pk>/invite/", manage.survey_invite, name="invite"),
    path("<int:pk>/phone/", manage.phone_answers_record, name="phone"),
]
