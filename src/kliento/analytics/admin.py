from django.contrib import admin

from kliento.analytics.models import KpiRollup, MonthlyReportMailing, RollupFillState


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


@admin.register(MonthlyReportMailing)
class MonthlyReportMailingAdmin(admin.ModelAdmin):
    list_display = ["month", "sent_at", "language"]
    readonly_fields = ["month", "sent_at", "recipients", "language"]

    def has_add_permission(self, request):
        return False  # written by the job that sends the report
