from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kliento.surveys.models import (
    Invitation,
    Question,
    ResponseAssignment,
    ResponseNote,
    ResponseTag,
    Survey,
    SurveyResponse,
)
from kliento.surveys.services import survey_response_fill_derived


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0
    fields = ["position", "kind", "text", "options", "scale_low", "scale_high", "required"]


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["name", "trigger", "default_language", "valid_days", "is_active",
                    "anonymous"]
    list_filter = ["is_active", "trigger", "anonymous"]
    search_fields = ["name"]
    inlines = [QuestionInline]

    def get_readonly_fields(self, request, obj=None):
        # Anonymity is promised when the survey is made (see Survey.anonymous).
        return ["anonymous"] if obj is not None else []


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["survey", "position", "kind", "required"]
    list_filter = ["survey", "kind"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "survey", "customer", "delivery", "language", "sent_at",
                    "opened_at", "answered_at", "expires_at"]
    list_filter = ["survey", "delivery", "language"]
    list_select_related = ["survey", "customer"]
    search_fields = ["customer__full_name", "customer__email"]
    date_hierarchy = "created_at"
    raw_id_fields = ["customer", "interaction", "promise", "response", "created_by"]
    # The link itself is never stored; invitations are made from the survey page or the API.
    readonly_fields = ["token_digest"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False


@admin.register(SurveyResponse)
class SurveyResponseAdmin(admin.ModelAdmin):
    list_display = [
        "responded_at", "customer", "survey", "nps", "csat", "ces", "expectation", "experience",
        "language",
    ]
    list_filter = ["language", "survey", "channel", "touchpoint"]
    list_select_related = ["customer", "survey"]
    search_fields = ["external_id", "customer__full_name", "comment"]
    date_hierarchy = "responded_at"
    raw_id_fields = ["customer", "interaction"]
    show_full_result_count = False
    fieldsets = [
        (None, {"fields": ["survey", "customer", "interaction", "touchpoint", "channel",
                           "location", "responded_at", "language", "external_id"]}),
        (_("Scores"), {"fields": ["nps", "csat", "ces", "expectation", "experience",
                                  "tangibles", "reliability", "responsiveness", "assurance",
                                  "empathy"]}),
        (_("Words"), {"fields": ["comment", "answers"]}),
    ]

    def save_model(self, request, obj, form, change):
        survey_response_fill_derived(obj)  # responded_on is derived, as the services do
        super().save_model(request, obj, form, change)


@admin.register(ResponseTag)
class ResponseTagAdmin(admin.ModelAdmin):
    list_display = ["name", "response"]
    search_fields = ["name"]
    raw_id_fields = ["response"]
    show_full_result_count = False


@admin.register(ResponseNote)
class ResponseNoteAdmin(admin.ModelAdmin):
    list_display = ["created_at", "author", "response", "text"]
    raw_id_fields = ["response", "author"]
    show_full_result_count = False


@admin.register(ResponseAssignment)
class ResponseAssignmentAdmin(admin.ModelAdmin):
    list_display = ["response", "assignee", "assigned_by", "assigned_at"]
    raw_id_fields = ["response", "assignee", "assigned_by"]
    show_full_result_count = False
