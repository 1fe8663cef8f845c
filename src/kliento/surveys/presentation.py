"""What an invitation is about, in the customer's words: "your call with Rasa on 12 May".

Each channel has whole sentences rather than a pattern with a slot for the channel's name,
because Lithuanian, Latvian, Russian and Polish inflect the noun differently in each.
"""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kliento.organisation.calendar import local_date
from kliento.surveys.models import Invitation


def _with_agent(channel: str) -> str:
    return {
        "phone": _("your call with %(agent)s on %(date)s"),
        "email": _("your e-mail exchange with %(agent)s on %(date)s"),
        "chat": _("your chat with %(agent)s on %(date)s"),
        "store": _("your visit to our store on %(date)s, served by %(agent)s"),
        "social": _("your conversation with %(agent)s on %(date)s"),
        "delivery": _("your delivery on %(date)s"),
    }.get(channel, _("your contact with %(agent)s on %(date)s"))


def _without_agent(channel: str) -> str:
    return {
        "phone": _("your call on %(date)s"),
        "email": _("your e-mail to us on %(date)s"),
        "chat": _("your chat with us on %(date)s"),
        "store": _("your visit to our store on %(date)s"),
        "delivery": _("your delivery on %(date)s"),
    }.get(channel, _("your contact with us on %(date)s"))


def invitation_about(invitation: Invitation) -> str:
    """In the active language; the agent is named by first name only, as they introduce
    themselves to customers."""
    if invitation.promise_id:
        promise = invitation.promise
        day = date_format(local_date(promise.due_at), "MONTH_DAY_FORMAT")
        return _("our promise to you, due on %(date)s: %(what)s") % {
            "date": day, "what": promise.description}
    interaction = invitation.interaction
    moment = interaction.opened_at if interaction else invitation.created_at
    day = date_format(local_date(moment), "MONTH_DAY_FORMAT")
    channel = invitation.channel.code
    agent = interaction.agent if interaction else None
    first_name = agent.user.first_name if agent else ""
    if first_name:
        return _with_agent(channel) % {"agent": first_name, "date": day}
    return _without_agent(channel) % {"date": day}
