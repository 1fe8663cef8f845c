"""Topics and FAQ entries are the organisation's, not any one person's: who may read or
change them is the role's permission alone, so no reach is registered for them. The
questions behind a topic are contacts, and those a person sees only within their own
reach (``visible(user, "interactions.view_interaction", …)`` in the selectors)."""

from django.http import Http404

from kliento.access.policy import authorize
from kliento.questions.models import FaqEntry, Topic


def access_topic(user, pk: int, permission: str = "questions.view_topic") -> Topic:
    """The topic, when ``user``'s role holds ``permission`` (403 otherwise; 404 if none)."""
    authorize(user, permission)
    topic = Topic.objects.filter(pk=pk).select_related("last_run").first()
    if topic is None:
        raise Http404
    return topic


def access_faq_entry(user, topic: Topic, permission: str) -> FaqEntry | None:
    authorize(user, permission)
    return FaqEntry.objects.filter(topic=topic).first()
