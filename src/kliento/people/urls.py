from django.urls import path

from kliento.people import analysis_views, employee_views, views

app_name = "people"
urlpatterns = [
    path("me/", views.scorecard_mine, name="me"),
    path("agents/<int:pk>/", views.scorecard, name="agent"),
    path("leaderboard/", views.leaderboard, name="leaderboard"),
    path("contests/", views.contest_list, name="contests"),
    path("contests/new/", views.contest_new, name="contest-new"),
    path("contests/<int:pk>/", views.contest_detail, name="contest"),
    path("bonuses/", views.bonus_list, name="bonuses"),
    path("bonuses/<int:pk>/payouts.<str:file_format>", views.bonus_export, name="bonus-export"),
    path("employee-survey/", employee_views.employee_survey_page, name="employee-survey"),
    path("loyalty/", employee_views.loyalty, name="loyalty"),
    path("loyalty/new-survey/", employee_views.employee_survey_new,
         name="employee-survey-new"),
    path("upsell/", analysis_views.upsell, name="upsell"),
    path("workforce/", analysis_views.workforce_health, name="workforce"),
    path("workforce/trainings/", analysis_views.training_import, name="training-import"),
]
