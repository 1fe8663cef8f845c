from django.urls import path

from kliento.journeys import views

app_name = "journeys"
urlpatterns = [
    path("", views.journey_map, name="map"),
    path("customers/", views.customer_list, name="customers"),
    path("customers/<int:pk>/", views.customer_profile, name="profile"),
    path("segments/", views.segment_overview, name="segments"),
    path("segments/refresh/", views.segment_refresh, name="refresh"),
    path("segments/rules/", views.rules_edit, name="rules"),
    path("engagement/", views.engagement_overview, name="engagement"),
    path("drift/", views.drift_overview, name="drift"),
    path("drift/markers/", views.marker_add, name="marker-add"),
    path("churn/", views.churn_overview, name="churn"),
]
