from django.urls import path

from kliento.analytics import report_views, views

app_name = "analytics"
urlpatterns = [
    path("", views.dashboard_detail, name="dashboard"),
    path("explore/", views.measure_explore, name="explore"),
    path("behind/", views.figure_behind, name="behind"),
    path("report.pdf", report_views.monthly_report_download, name="monthly-report"),
    path("reports/", report_views.monthly_reports, name="monthly-reports"),
]
