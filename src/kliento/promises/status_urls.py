"""The customer's status link, included under ``p/<token>/`` outside the language prefix:
the page picks the customer's language itself."""

from django.urls import path

from kliento.promises import views

urlpatterns = [
    path("", views.promise_status_detail, name="promise-status"),
]
