"""The person's own API tokens: create one (shown once), name it, revoke it."""

from django import forms
from django.contrib import messages
from django.contrib.auth.models import Group
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kliento.access.decorators import page_for_anyone_signed_in
from kliento.accounts.selectors import api_token_list
from kliento.accounts.services import api_token_create, api_token_revoke


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("What is it for?"), max_length=100,
                           help_text=gettext_lazy("E.g. the script or system that will use "
                                                  "it."))
    role = forms.ModelChoiceField(
        label=gettext_lazy("Acts as"), queryset=Group.objects.none(), required=False,
        empty_label=gettext_lazy("Everything I may do"),
        help_text=gettext_lazy("A script that only reads needs no more than the auditor's "
                               "role: the token may then do at most what that role allows."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Any role bounds the token (it never exceeds its person), but offering roles the
        # person does not hold would suggest otherwise; a superuser holds them all.
        self.fields["role"].queryset = (Group.objects.order_by("name") if user.is_superuser
                                        else user.groups.order_by("name"))


# A token acts as its person, with their role: so each manages only their own.
@page_for_anyone_signed_in
def api_tokens(request):
    form = ApiTokenForm(request.POST if request.POST.get("action") == "create" else None,
                        user=request.user)
    context = {}
    if request.method == "POST" and request.POST.get("action") == "revoke":
        token = api_token_list(user=request.user).filter(pk=request.POST.get("token")).first()
        if token is None:
            raise Http404
        api_token_revoke(token)
        messages.success(request, _("The token %(token)s no longer works.") % {
            "token": str(token)})
        return redirect("accounts:tokens")
    if form.is_bound and form.is_valid():
        token, raw = api_token_create(user=request.user, name=form.cleaned_data["name"],
                                      role=form.cleaned_data["role"])
        context |= {"new_token": token, "raw": raw}  # shown on this page only, never again
        form = ApiTokenForm(user=request.user)
    return render(request, "accounts/tokens.html", context | {
        "form": form, "tokens": api_token_list(user=request.user)})
