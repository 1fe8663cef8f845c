from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from kliento.audits.models import Audit, AuditCheck, ServiceStandard, StandardCriterion
from kliento.audits.services import standard_make_default


class StandardCriterionInline(admin.StackedInline):
    model = StandardCriterion
    extra = 0
    fields = [("position", "weight"), ("for_visits", "for_calls", "for_emails"),
              "text_en", "text_lt", "text_lv", "text_ru", "text_pl"]


@admin.register(ServiceStandard)
class ServiceStandardAdmin(admin.ModelAdmin):
    list_display = ["name", "is_default", "is_active", "target_percent", "criteria_count",
                    "created_at"]
    list_filter = ["is_active"]
    search_fields = ["name"]
    # The default moves with the action below, which clears the previous default first.
    readonly_fields = ["is_default", "created_at"]
    inlines = [StandardCriterionInline]
    actions = ["make_default"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(criteria_count=Count("criteria"))

    @admin.display(description=_("criteria"), ordering="criteria_count")
    def criteria_count(self, standard: ServiceStandard) -> int:
        return standard.criteria_count

    @admin.action(description=_("Make the selected standard the default"))
    def make_default(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one standard."), messages.WARNING)
            return
        standard = standard_make_default(queryset.get())
        self.message_user(request, _("“%(name)s” is now the default standard.")
                          % {"name": standard.name}, messages.SUCCESS)


@admin.register(StandardCriterion)
class StandardCriterionAdmin(admin.ModelAdmin):
    list_display = ["text_en", "standard", "position", "weight", "for_visits", "for_calls",
                    "for_emails"]
    list_filter = ["standard", "for_visits", "for_calls", "for_emails"]
    list_select_related = ["standard"]
    search_fields = ["text_en", "text_lt", "text_lv", "text_ru", "text_pl"]


class AuditCheckInline(admin.TabularInline):
    model = AuditCheck
    extra = 0
    can_delete = False
    fields = ["criterion", "met", "weight", "note"]
    readonly_fields = ["criterion", "met", "weight"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Audit)
class AuditAdmin(admin.ModelAdmin):
    """Audits are recorded on the audit page (one answer per criterion, the score computed);
    here only their notes can be corrected, or an audit deleted."""

    list_display = ["audited_at", "kind", "location", "team", "agent", "auditor",
                    "score_percent"]
    list_filter = ["kind", "standard", "location", "team"]
    list_select_related = ["location", "team", "agent__user", "auditor"]
    search_fields = ["notes", "agent__user__first_name", "agent__user__last_name",
                     "location__name", "team__name"]
    date_hierarchy = "audited_at"
    fields = ["standard", "kind", "location", "team", "agent", "auditor", "audited_at",
              "score_percent", "created_at", "notes"]
    readonly_fields = ["standard", "kind", "location", "team", "agent", "auditor",
                       "audited_at", "score_percent", "created_at"]
    inlines = [AuditCheckInline]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False


@admin.register(AuditCheck)
class AuditCheckAdmin(admin.ModelAdmin):
    list_display = ["audit", "criterion", "met", "weight", "note"]
    list_filter = ["met", "criterion__standard"]
    list_select_related = ["audit__location", "audit__team", "audit__agent__user",
                           "criterion"]
    fields = ["audit", "criterion", "met", "weight", "note"]
    readonly_fields = ["audit", "criterion", "met", "weight"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False  # answers are recorded with their audit
