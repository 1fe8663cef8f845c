from django.contrib import admin

from kliento.people.models import Attendance, BonusRule, Contest, Training


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
