from django.contrib import admin

from kliento.imports.models import ColumnMapping, ImportRun


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "file_name", "status", "rows_read", "imported",
                    "already_there", "rejected"]
    list_filter = ["kind", "status"]
    readonly_fields = [field.name for field in ImportRun._meta.fields]

    def has_add_permission(self, request):
        return False  # imports start from the upload page or `kliento import`


@admin.register(ColumnMapping)
class ColumnMappingAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "created_at"]
