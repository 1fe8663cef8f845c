from django.urls import path

from kliento.customers import views

app_name = "customers"
urlpatterns = [
    path("new/", views.customer_add, name="new"),
    path("<int:pk>/", views.customer_detail, name="detail"),
]
