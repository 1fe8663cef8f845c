"""Whose promises a person reaches: the ones they own, their team's when they lead it. Only
the owner (or someone who reaches everyone) e-mails the customer about a promise."""

from kliento.access.reach import Reach, register
from kliento.promises.models import Promise

register(Promise, Reach(own=("owner__user",), team=("owner__team",)),
         promises__notify_customer=Reach(own=("owner__user",)))
