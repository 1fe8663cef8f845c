"""``/healthz``: the liveness probe for load balancers and orchestrators. It touches nothing
(no session, no database), so it also marks the server's ceiling in the load benchmark."""

from django.http import HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")
