from django.contrib import admin

from kliento.orders.models import Order
from kliento.orders.services import order_fill_derived


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["external_id", "customer", "ordered_at", "amount", "currency", "location",
                    "channel"]
    list_filter = ["currency", "channel"]
    search_fields = ["external_id", "customer__full_name", "items"]
    date_hierarchy = "ordered_at"
    raw_id_fields = ["customer"]
    show_full_result_count = False

    def save_model(self, request, obj, form, change):
        order_fill_derived(obj)  # ordered_on is not in the form: derived, as the services do
        super().save_model(request, obj, form, change)
