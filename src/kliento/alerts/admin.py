from django.contrib import admin

from kliento.alerts.models import AlertDigest, AlertSubscription


@admin.register(AlertSubscription)
class AlertSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["user", "measure", "touchpoint", "team", "created_at"]
    list_filter = ["measure"]
    list_select_related = ["user", "touchpoint", "team"]


@admin.register(AlertDigest)
class AlertDigestAdmin(admin.ModelAdmin):
    list_display = ["user", "week_start", "changes", "sent_at"]
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False  # written by the weekly digest
