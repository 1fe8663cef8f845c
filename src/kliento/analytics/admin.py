from django.contrib import admin

from kliento.analytics.models import KpiRollup, RollupFillState


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
