from django.contrib import admin

from kliento.customers.models import Customer


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = ["full_name", "city", "country", "preferred_language", "consents_to_surveys"]
    list_filter = ["preferred_language", "consents_to_surveys", "country"]
    search_fields = ["full_name", "email", "external_id"]
    show_full_result_count = False
