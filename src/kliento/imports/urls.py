from django.urls import path

from kliento.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.import_run_list, name="list"),
    path("<int:pk>/", views.import_run_detail, name="run"),
    path("<int:pk>/again/", views.import_run_again_with_encoding, name="again"),
    path("<int:pk>/refused.csv", views.import_rejects_download, name="rejects"),
    path("template/<str:kind>.csv", views.import_template_download, name="template"),
]
