"""Whose audits a person reaches: audits of their own work or that they scored, their team's
when they lead it."""

from kliento.access.reach import Reach, register
from kliento.audits.models import Audit

register(Audit, Reach(own=("agent__user", "auditor"), team=("team",)))
