from django.urls import path

from kliento.occasions import views

app_name = "occasions"
urlpatterns = [
    path("", views.occasion_list, name="list"),
    path("name-days/", views.name_day_add, name="name-day-add"),
    path("offers/", views.experiment_list, name="experiments"),
    path("offers/<int:pk>/", views.experiment_detail, name="experiment"),
    path("offers/<int:pk>/launch/", views.experiment_launch, name="experiment-launch"),
    path("offers/<int:pk>/print/", views.experiment_print, name="experiment-print"),
]
