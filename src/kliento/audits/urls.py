from django.urls import path

from kliento.audits import views

app_name = "audits"
urlpatterns = [
    path("", views.audit_overview, name="overview"),
    path("new/", views.audit_create, name="new"),
    path("<int:pk>/", views.audit_detail, name="detail"),
]
