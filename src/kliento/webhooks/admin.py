from django.contrib import admin

from kliento.webhooks.models import WebhookDelivery, WebhookEndpoint


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    list_display = ["url", "description", "is_active", "created_at"]
    list_filter = ["is_active"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "event", "endpoint", "attempts", "last_status",
                    "delivered_at", "gave_up_at"]
    list_filter = ["event", "endpoint"]
    readonly_fields = ["endpoint", "event", "payload", "created_at", "attempts",
                       "next_attempt_at", "delivered_at", "gave_up_at", "last_status",
                       "last_error"]

    def has_add_permission(self, request):
        return False
