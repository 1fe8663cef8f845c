from django.contrib import admin

from kliento.audit_trail.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit log, read-only: it is written by the product, never by hand."""

    list_display = ["at", "actor_name", "source", "action", "object_type", "object_id",
                    "object_repr"]
    list_filter = ["source", "action", "object_type"]
    search_fields = ["actor_name", "object_id", "object_repr"]
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
