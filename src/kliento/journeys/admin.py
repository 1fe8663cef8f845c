from django.contrib import admin

from kliento.journeys.models import (
    CustomerStatus,
    EngagementAnswer,
    EngagementBlock,
    JourneyPathCount,
    JourneyRollupState,
    JourneyScoreMonth,
    JourneyVolumeMonth,
    LifecycleRules,
    Marker,
    SegmentSnapshot,
)
from kliento.organisation.calendar import local_date


@admin.register(LifecycleRules)
class LifecycleRulesAdmin(admin.ModelAdmin):
    list_display = ["__str__", "new_within_days", "quiet_after_days", "lost_after_days",
                    "detractor_at_most", "updated_at"]


@admin.register(Marker)
class MarkerAdmin(admin.ModelAdmin):
    list_display = ["happened_on", "what", "kind", "cost", "touchpoint"]
    list_filter = ["kind"]
    search_fields = ["what"]
    raw_id_fields = ["recorded_by"]


@admin.register(EngagementAnswer)
class EngagementAnswerAdmin(admin.ModelAdmin):
    list_display = ["customer", "answered_at", "satisfaction", "differentiation", "connection"]
    raw_id_fields = ["customer", "survey_response"]
    date_hierarchy = "answered_at"
    show_full_result_count = False

    def save_model(self, request, obj, form, change):
        # answered_on is not in the form: derived, as the services do.
        obj.answered_on = local_date(obj.answered_at)
        super().save_model(request, obj, form, change)


@admin.register(EngagementBlock)
class EngagementBlockAdmin(admin.ModelAdmin):
    list_display = ["survey"]


@admin.register(CustomerStatus)
class CustomerStatusAdmin(admin.ModelAdmin):
    list_display = ["customer", "segment", "stage", "last_seen_at", "computed_on"]
    list_filter = ["segment", "stage"]
    raw_id_fields = ["customer"]
    show_full_result_count = False


@admin.register(SegmentSnapshot)
class SegmentSnapshotAdmin(admin.ModelAdmin):
    list_display = ["month", "customer", "segment"]
    list_filter = ["segment", "month"]
    raw_id_fields = ["customer"]
    show_full_result_count = False


class SummaryAdmin(admin.ModelAdmin):
    """The journey map's summaries are filled by the daily sweep (or
    ``manage.py journey_rollups_fill``): readable here, never edited by hand."""

    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(JourneyVolumeMonth)
class JourneyVolumeMonthAdmin(SummaryAdmin):
    list_display = ["month", "segment", "touchpoint_id", "interactions"]
    list_filter = ["segment", "month"]


@admin.register(JourneyScoreMonth)
class JourneyScoreMonthAdmin(SummaryAdmin):
    list_display = ["month", "segment", "touchpoint_id", "nps", "responses"]
    list_filter = ["segment", "month"]


@admin.register(JourneyPathCount)
class JourneyPathCountAdmin(SummaryAdmin):
    list_display = ["nodes", "segment", "step", "source", "target", "customers"]
    list_filter = ["nodes", "segment"]


@admin.register(JourneyRollupState)
class JourneyRollupStateAdmin(SummaryAdmin):
    list_display = ["filled_at", "months_before", "paths_start", "paths_end"]
