from django.urls import path

from kliento.workforce import views

app_name = "workforce"
urlpatterns = [
    path("", views.plan, name="plan"),
    path("accuracy/", views.accuracy, name="accuracy"),
]
