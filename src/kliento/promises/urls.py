from django.urls import path

from kliento.promises import views

app_name = "promises"
urlpatterns = [
    path("", views.promise_list, name="list"),
    path("<int:pk>/close/", views.promise_close, name="close"),
]
