from django.contrib import admin

from kliento.defects.models import Defect


@admin.register(Defect)
class DefectAdmin(admin.ModelAdmin):
    list_display = ["category", "location", "touchpoint", "status", "observed_at", "owner",
                    "due_at", "source"]
    list_filter = ["status", "category", "source", "location"]
    list_select_related = ["location", "touchpoint", "owner"]
    search_fields = ["description"]
    date_hierarchy = "observed_at"
    raw_id_fields = ["reported_by", "customer", "survey_response", "owner", "fixed_by",
                     "verified_by"]
