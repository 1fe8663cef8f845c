from django.urls import path

from kliento.analytics import views

app_name = "analytics"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("explore/", views.explore, name="explore"),
]
