from django.contrib import admin

from kliento.workforce.models import Closure, RosterEntry, ServiceTarget, Shift


@admin.register(ServiceTarget)
class ServiceTargetAdmin(admin.ModelAdmin):
    list_display = ["channel", "service_level", "answer_within_seconds", "shrinkage",
                    "max_occupancy"]


@admin.register(Shift)
class ShiftAdmin(admin.ModelAdmin):
    list_display = ["name", "starts_at", "ends_at"]
    search_fields = ["name"]


@admin.register(RosterEntry)
class RosterEntryAdmin(admin.ModelAdmin):
    list_display = ["day", "shift", "agent", "channel"]
    list_filter = ["channel", "shift"]
    list_select_related = ["shift", "agent__user", "channel"]
    date_hierarchy = "day"
    raw_id_fields = ["agent"]
    show_full_result_count = False


@admin.register(Closure)
class ClosureAdmin(admin.ModelAdmin):
    list_display = ["day", "reason"]
