"""The front door: each person lands on the first page their role opens."""

from django.shortcuts import redirect

from kliento.access.decorators import page_for_anyone_signed_in

# In order of preference; a machine user (an integration) lands on the API's documentation.
LANDING_PAGES = (
    ("access.view_dashboard", "analytics:dashboard"),
    ("promises.view_promise", "promises:list"),
    ("recovery.view_recoverycase", "recovery:list"),
    ("audits.view_servicestandard", "audits:overview"),
    ("surveys.view_survey", "surveys:list"),
)


@page_for_anyone_signed_in
def home(request):
    for permission, page in LANDING_PAGES:
        if request.user.has_perm(permission):
            return redirect(page)
    return redirect("api-v1:openapi-view")
