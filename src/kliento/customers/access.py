"""Whose customers a person reaches: those they (or, for a lead, their team) served, made a
promise to or have a recovery case with. A customer nobody in reach has dealt with stays
private: their e-mail and phone are not every agent's to read."""

from kliento.access.reach import Reach, register
from kliento.customers.models import Customer

register(Customer, Reach(
    own=("interactions__agent__user", "promises__owner__user", "recovery_cases__assignee"),
    team=("interactions__team", "promises__owner__team", "recovery_cases__assignee__agent__team"),
    to_many=True,
))
