from django.contrib import admin

from kliento.occasions.models import NameDay


@admin.register(NameDay)
class NameDayAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "month", "day", "added_by", "created_at"]
    list_filter = ["country"]
    search_fields = ["name"]
    raw_id_fields = ["added_by"]
