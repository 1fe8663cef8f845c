from django.contrib import admin

from kliento.questions.models import CommentTopic, FaqEntry, InteractionTopic, MiningRun, Topic


@admin.register(MiningRun)
class MiningRunAdmin(admin.ModelAdmin):
    list_display = ("source", "status", "requested_at", "finished_at", "texts", "topics_found",
                    "topics_kept")
    list_filter = ("source", "status")
    # Runs are made by the schedule and the "mine again" button, never by hand.
    readonly_fields = [field.name for field in MiningRun._meta.fields if field.editable]

    def has_add_permission(self, request):
        return False


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("number", "source", "name", "label", "language", "size", "last_run")
    list_filter = ("source",)
    search_fields = ("name", "label")
    readonly_fields = ("source", "number", "label", "language", "languages", "typical", "size",
                       "first_run", "last_run", "named_by", "named_at")

    def has_add_permission(self, request):
        return False  # topics are mined


@admin.register(InteractionTopic)
class InteractionTopicAdmin(admin.ModelAdmin):
    list_display = ("interaction", "topic", "similarity", "run")
    raw_id_fields = ("interaction", "topic", "run")
    list_select_related = ("topic",)

    def has_add_permission(self, request):
        return False


@admin.register(CommentTopic)
class CommentTopicAdmin(admin.ModelAdmin):
    list_display = ("response", "topic", "polarity", "similarity", "run")
    list_filter = ("polarity",)
    raw_id_fields = ("response", "topic", "run")
    list_select_related = ("topic",)

    def has_add_permission(self, request):
        return False


@admin.register(FaqEntry)
class FaqEntryAdmin(admin.ModelAdmin):
    list_display = ("topic", "published_at", "updated_at")
    raw_id_fields = ("topic",)
    readonly_fields = ("updated_by",)
