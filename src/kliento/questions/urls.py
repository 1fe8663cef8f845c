from django.urls import path

from kliento.questions import views

app_name = "questions"
urlpatterns = [
    path("", views.candidate_list, name="candidates"),
    path("mine/", views.mining_request, name="mine"),
    path("comments/", views.comment_topic_list, name="comments"),
    path("topics/<int:pk>/", views.topic_detail, name="topic"),
    path("topics/<int:pk>/name/", views.topic_rename, name="topic-name"),
    path("topics/<int:pk>/questions/", views.topic_question_list, name="topic-questions"),
    path("topics/<int:pk>/faq/", views.faq_entry_edit, name="faq-edit"),
    path("topics/<int:pk>/faq/publish/", views.faq_entry_publishing, name="faq-publish"),
]
