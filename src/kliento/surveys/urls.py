from django.urls import path

from kliento.surveys.views import manage

app_name = "surveys"
urlpatterns = [
    path("", manage.survey_list, name="list"),
    path("new/", manage.survey_new, name="new"),
    path("<int:pk>/", manage.survey_detail, name="detail"),
    path("<int:pk>/invite/", manage.survey_invite, name="invite"),
    path("<int:pk>/phone/", manage.survey_by_phone, name="phone"),
]
