from django.contrib import admin

from kliento.interactions.models import Channel, Interaction, Touchpoint
from kliento.interactions.services import interaction_fill_derived


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ["code"]


@admin.register(Touchpoint)
class TouchpointAdmin(admin.ModelAdmin):
    list_display = ["name", "journey_stage", "channel"]
    list_filter = ["journey_stage", "channel"]
    search_fields = ["name"]


@admin.register(Interaction)
class InteractionAdmin(admin.ModelAdmin):
    list_display = [
        "opened_at", "kind", "customer", "channel", "agent", "first_response_seconds",
        "resolution_seconds",
    ]
    list_filter = ["kind", "channel", "language", "upsell_offered", "upsell_accepted"]
    list_select_related = ["customer", "channel", "agent__user"]
    search_fields = ["external_id", "customer__full_name", "text"]
    date_hierarchy = "opened_at"
    raw_id_fields = ["customer", "agent"]
    readonly_fields = ["first_response_seconds", "resolution_seconds"]
    show_full_result_count = False

    def save_model(self, request, obj, form, change):
        interaction_fill_derived(obj)  # the local day and durations, as the services do
        super().save_model(request, obj, form, change)
