from django.contrib import admin

from kliento.promises.models import Promise


@admin.register(Promise)
class PromiseAdmin(admin.ModelAdmin):
    list_display = ["kind", "customer", "owner", "due_at", "kept_at", "status"]
    list_filter = ["status", "kind"]
    list_select_related = ["customer", "owner__user"]
    search_fields = ["external_id", "customer__full_name", "description"]
    date_hierarchy = "due_at"
    raw_id_fields = ["customer", "interaction", "owner", "created_by"]
    show_full_result_count = False
