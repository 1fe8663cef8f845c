from django.contrib import admin

from kliento.notices.models import Notice


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipient", "kind", "created_at", "read_at", "emailed_at",
                    "email_failed_at"]
    list_filter = ["kind", ("read_at", admin.EmptyFieldListFilter)]
    list_select_related = ["recipient"]
    search_fields = ["subject", "recipient__username", "recipient__last_name"]
    date_hierarchy = "created_at"
    raw_id_fields = ["recipient", "promise", "recovery_case"]
    show_full_result_count = False
