from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kliento.accounts.models import ApiToken, User
from kliento.accounts.services import api_token_revoke

admin.site.register(User, UserAdmin)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["shown_prefix", "user", "name", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    list_select_related = ["user"]
    search_fields = ["prefix", "name", "user__username"]
    date_hierarchy = "created_at"
    fields = ["user", "name", "prefix", "digest", "created_at", "last_used_at", "revoked_at"]
    # Only the name may change; the rest records what happened.
    readonly_fields = ["user", "prefix", "digest", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke_selected"]

    def has_add_permission(self, request):
        # A token made here could never be shown, since only its digest is stored; the list
        # page points to `kliento api-token create` instead.
        return False

    @admin.display(description=_("token"), ordering="prefix")
    def shown_prefix(self, token: ApiToken) -> str:
        return f"{ApiToken.SCHEME}{token.prefix}…"

    def get_search_results(self, request, queryset, search_term):
        # People paste the prefix as lists show it, scheme included.
        return super().get_search_results(request, queryset,
                                          search_term.removeprefix(ApiToken.SCHEME))

    @admin.action(description=_("Revoke selected tokens"), permissions=["change"])
    def revoke_selected(self, request, queryset):
        tokens = list(queryset.filter(revoked_at__isnull=True))
        for token in tokens:
            api_token_revoke(token)
        self.message_user(request, ngettext(
            "%(count)d token revoked.", "%(count)d tokens revoked.", len(tokens))
            % {"count": len(tokens)}, messages.SUCCESS)
