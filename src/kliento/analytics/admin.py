from django.contrib import admin

from kliento.analytics.models import (
    KpiRollup,
    MonthlyReportMailing,
    RollupFillPart,
    RollupFillState,
    SharedPart,
)


@admin.register(KpiRollup)
class KpiRollupAdmin(admin.ModelAdmin):
    list_display = ["grain", "breakdown", "bucket", "group", "interactions", "responses"]
    list_filter = ["grain", "breakdown"]
    date_hierarchy = "bucket"

    def has_add_permission(self, request):
        return False  # filled by `kliento rollups fill`, never by hand


@admin.register(RollupFillState)
class RollupFillStateAdmin(admin.ModelAdmin):
    list_display = ["grain", "breakdown", "filled_through", "updated_at"]

    def has_add_permission(self, request):
        return False


@admin.register(RollupFillPart)
class RollupFillPartAdmin(admin.ModelAdmin):
    """Which worker filled which part of a fill, and how long it took."""

    list_display = ["grain", "breakdown", "first", "last", "done_at", "filled_by", "rows",
                    "seconds"]
    list_filter = ["grain", "breakdown", "filled_by"]

    def has_add_permission(self, request):
        return False  # planned by the fill, never by hand

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(MonthlyReportMailing)
class MonthlyReportMailingAdmin(admin.ModelAdmin):
    list_display = ["month", "sent_at", "language"]
    readonly_fields = ["month", "sent_at", "recipients", "language"]

    def has_add_permission(self, request):
        return False  # written by the job that sends the report


@admin.register(SharedPart)
class SharedPartAdmin(admin.ModelAdmin):
    """What the worker prepared for the pages: readable, never edited (a fill replaces it)."""

    list_display = ["key", "stored_at"]
    fields = ["key", "stored_at"]  # the value is pickled figures, meaningless on screen
    search_fields = ["key"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
