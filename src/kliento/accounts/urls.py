from django.urls import path

from kliento.accounts import views

app_name = "accounts"
urlpatterns = [
    path("tokens/", views.api_tokens, name="tokens"),
]
