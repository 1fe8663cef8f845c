from django.contrib import admin

from kliento.occasions.models import NameDay, OfferArm, OfferAssignment, OfferExperiment


@admin.register(NameDay)
class NameDayAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "month", "day", "added_by", "created_at"]
    list_filter = ["country"]
    search_fields = ["name"]
    raw_id_fields = ["added_by"]


class OfferArmInline(admin.TabularInline):
    model = OfferArm
    extra = 0


@admin.register(OfferExperiment)
class OfferExperimentAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "discount_percent", "window_days", "launched_at"]
    list_filter = ["status"]
    search_fields = ["name"]
    raw_id_fields = ["created_by"]
    inlines = [OfferArmInline]


@admin.register(OfferArm)
class OfferArmAdmin(admin.ModelAdmin):
    list_display = ["experiment", "kind", "share", "position"]
    list_select_related = ["experiment"]


@admin.register(OfferAssignment)
class OfferAssignmentAdmin(admin.ModelAdmin):
    list_display = ["experiment", "arm", "customer", "assigned_at", "code", "emailed_at",
                    "redeemed_at"]
    list_filter = ["experiment", "arm__kind"]
    list_select_related = ["experiment", "arm", "customer"]
    search_fields = ["code", "customer__full_name"]
    raw_id_fields = ["customer", "arm", "experiment"]
    show_full_result_count = False
