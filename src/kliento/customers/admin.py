from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kliento.customers.models import ConsentChange, Customer


@admin.register(Customer)
class CustomerAdmin(SimpleHistoryAdmin):  # the History button shows who changed what
    list_display = ["full_name", "city", "country", "preferred_language", "consents_to_surveys"]
    list_filter = ["preferred_language", "consents_to_surveys", "country"]
    search_fields = ["full_name", "email", "external_id"]
    show_full_result_count = False


@admin.register(ConsentChange)
class ConsentChangeAdmin(admin.ModelAdmin):
    """The record of consent is evidence: read here, never edited."""

    list_display = ["changed_at", "customer", "purpose", "granted", "source", "changed_by"]
    list_filter = ["purpose", "granted", "source"]
    raw_id_fields = ["customer", "changed_by"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
