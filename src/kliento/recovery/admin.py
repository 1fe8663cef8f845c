from django.contrib import admin

from kliento.recovery.models import CompensationGrant, CompensationLimit, RecoveryCase


class CompensationGrantInline(admin.TabularInline):
    model = CompensationGrant
    extra = 0
    fields = ["created_at", "amount", "kind", "reason", "outcome", "granted_by", "approved_by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # granted on the case page or the API, where the limit is checked


@admin.register(RecoveryCase)
class RecoveryCaseAdmin(admin.ModelAdmin):
    list_display = ["opened_at", "customer", "trigger", "cause", "assignee", "status", "due_at",
                    "first_contact_at", "follow_up_score"]
    list_filter = ["status", "trigger", "cause"]
    list_select_related = ["customer", "assignee"]
    search_fields = ["customer__full_name", "customer__email", "listening_notes"]
    date_hierarchy = "opened_at"
    raw_id_fields = ["customer", "survey_response", "interaction", "assignee",
                     "follow_up_invitation", "follow_up_response"]
    readonly_fields = ["opened_on", "first_contact_seconds", "suggested_cause",
                       "suggested_cause_confidence"]
    inlines = [CompensationGrantInline]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False  # opened by the signals, the recovery pages or the API


@admin.register(CompensationGrant)
class CompensationGrantAdmin(admin.ModelAdmin):
    """The log of grants: read-only, so that every grant passed the limit check."""

    list_display = ["created_at", "case", "amount", "kind", "outcome", "granted_by",
                    "approved_by"]
    list_filter = ["kind", "outcome"]
    list_select_related = ["case__customer", "granted_by", "approved_by"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CompensationLimit)
class CompensationLimitAdmin(admin.ModelAdmin):
    list_display = ["group", "max_amount"]
