from django.contrib import admin

from kliento.promises.models import Promise
from kliento.promises.services import promise_fill_derived


@admin.register(Promise)
class PromiseAdmin(admin.ModelAdmin):
    list_display = ["kind", "customer", "owner", "due_at", "kept_at", "status"]
    list_filter = ["status", "kind"]
    list_select_related = ["customer", "owner__user"]
    search_fields = ["external_id", "customer__full_name", "description"]
    date_hierarchy = "due_at"
    raw_id_fields = ["customer", "interaction", "owner", "created_by"]
    show_full_result_count = False

    def save_model(self, request, obj, form, change):
        promise_fill_derived(obj)  # due_on is not in the form: derived, as the services do
        super().save_model(request, obj, form, change)
