from django.urls import path

from kliento.promises import new_page, views

app_name = "promises"
urlpatterns = [
    path("", views.promise_list, name="list"),
    path("new/", new_page.promise_new, name="new"),
    path("<int:pk>/close/", views.promise_close, name="close"),
    path("<int:pk>/acknowledge/", views.promise_acknowledge, name="acknowledge"),
    path("<int:pk>/history/", views.promise_history, name="history"),
]
