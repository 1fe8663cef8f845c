from django.urls import path

from kliento.analytics import views

app_name = "analytics"
urlpatterns = [
    path("", views.dashboard_detail, name="dashboard"),
    path("explore/", views.measure_explore, name="explore"),
]
