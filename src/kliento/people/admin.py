from django.contrib import admin

from kliento.people.models import (
    Attendance,
    BonusRule,
    Contest,
    EmployeeAnswer,
    EmployeeSurvey,
    Participation,
    Training,
)


@admin.register(Contest)
class ContestAdmin(admin.ModelAdmin):
    list_display = ["name", "metric", "starts_on", "ends_on", "minimum_sample"]
    list_filter = ["metric"]
    filter_horizontal = ["teams", "agents"]
    search_fields = ["name"]


@admin.register(BonusRule)
class BonusRuleAdmin(admin.ModelAdmin):
    list_display = ["name", "metric", "target", "amount_per_point", "cap", "minimum_sample",
                    "is_active"]
    list_filter = ["metric", "is_active"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    raw_id_fields = ["agent"]
    extra = 3


@admin.register(Training)
class TrainingAdmin(admin.ModelAdmin):
    list_display = ["course", "held_on"]
    search_fields = ["course"]
    date_hierarchy = "held_on"
    inlines = [AttendanceInline]


@admin.register(EmployeeSurvey)
class EmployeeSurveyAdmin(admin.ModelAdmin):
    list_display = ["survey", "starts_on", "ends_on"]
    raw_id_fields = ["survey"]


# Read-only: an answer's team and a participation are written only by the anonymous
# answering service, and the two lists show no time that could line them up.
@admin.register(EmployeeAnswer)
class EmployeeAnswerAdmin(admin.ModelAdmin):
    list_display = ["employee_survey", "team"]
    list_filter = ["employee_survey"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["employee_survey", "agent"]
    list_filter = ["employee_survey"]
    ordering = ["employee_survey", "agent__user__last_name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["training", "agent"]
    list_select_related = ["training", "agent__user"]
    raw_id_fields = ["agent"]
