from django.urls import path

from kliento.webhooks import views

app_name = "webhooks"
urlpatterns = [
    path("", views.webhook_list, name="list"),
    path("deliveries/<int:pk>/retry/", views.delivery_retry, name="retry"),
]
