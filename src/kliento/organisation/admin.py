from django.contrib import admin

from kliento.organisation.models import Agent, Location, Team


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
