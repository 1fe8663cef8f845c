from django.urls import path

from kliento.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.imports, name="list"),
    path("<int:pk>/", views.run_detail, name="run"),
    path("<int:pk>/refused.csv", views.rejects, name="rejects"),
    path("template/<str:kind>.csv", views.template, name="template"),
]
