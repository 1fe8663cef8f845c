from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from kliento.organisation.models import Agent, CompanySettings, Location, Team
from kliento.organisation.selectors import company_settings


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "city"]
    list_filter = ["kind"]
    search_fields = ["name", "city"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "location", "lead"]
    list_filter = ["location"]
    search_fields = ["name"]
    autocomplete_fields = ["lead"]


@admin.register(Agent)
class AgentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "team", "location", "hired_on", "left_on"]
    list_filter = ["team", "location"]
    list_select_related = ["user", "team", "location"]
    search_fields = ["user__first_name", "user__last_name", "user__username"]
    autocomplete_fields = ["user"]


@admin.register(CompanySettings)
class CompanySettingsAdmin(admin.ModelAdmin):
    """One row: the list opens it, nobody adds or deletes another."""

    list_display = ["__str__", "min_group_size"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def changelist_view(self, request, extra_context=None):
        return redirect(reverse("admin:organisation_companysettings_change",
                                args=[company_settings().pk]))
