from django.urls import path

from kliento.privacy import views

app_name = "settings"
urlpatterns = [
    path("", views.company_settings_edit, name="company"),
    path("logo", views.company_logo, name="logo"),
]
