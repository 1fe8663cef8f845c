from django.urls import path

from kliento.defects import views

app_name = "defects"
urlpatterns = [
    path("", views.defect_list, name="list"),
    path("new/", views.defect_new, name="new"),
    path("analysis/", views.defect_analysis, name="analysis"),
    path("<int:pk>/fix/", views.defect_fix, name="fix"),
    path("<int:pk>/verify/", views.defect_verify, name="verify"),
    path("<int:pk>/photo/", views.defect_photo, name="photo"),
]
