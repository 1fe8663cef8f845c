from django.contrib import admin

from kliento.surveys.models import SurveyResponse


@admin.register(SurveyResponse)
class SurveyResponseAdmin(admin.ModelAdmin):
    list_display = [
        "responded_at", "customer", "nps", "csat", "ces", "expectation", "experience", "language",
    ]
    list_filter = ["language", "channel", "touchpoint"]
    list_select_related = ["customer"]
    search_fields = ["external_id", "customer__full_name", "comment"]
    date_hierarchy = "responded_at"
    raw_id_fields = ["customer", "interaction"]
    show_full_result_count = False
