from django.urls import path

from kliento.recovery import views

app_name = "recovery"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("open/", views.case_open, name="open"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("from-response/<int:pk>/", views.case_open_from_response, name="open-from-response"),
]
