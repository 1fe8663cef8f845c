"""Whose orders a person reaches: those of the customers they reach (kliento.customers.access):
the customers they, or their team, served, made a promise to or have a case with."""

from kliento.access.reach import Reach, register
from kliento.orders.models import Order

register(Order, Reach(
    own=("customer__interactions__agent__user", "customer__promises__owner__user",
         "customer__recovery_cases__assignee"),
    team=("customer__interactions__team", "customer__promises__owner__team",
          "customer__recovery_cases__assignee__agent__team"),
    to_many=True,
))
