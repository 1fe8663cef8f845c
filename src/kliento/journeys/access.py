"""Whose statuses and engagement answers a person reaches: those of the customers they reach
(kliento.customers.access). The lists pass the reachable customers to the selectors; these
registrations serve object checks and the admin."""

from kliento.access.reach import Reach, register
from kliento.journeys.models import CustomerStatus, EngagementAnswer

CUSTOMER_REACH = Reach(
    own=("customer__interactions__agent__user", "customer__promises__owner__user",
         "customer__recovery_cases__assignee"),
    team=("customer__interactions__team", "customer__promises__owner__team",
          "customer__recovery_cases__assignee__agent__team"),
    to_many=True,
)
register(CustomerStatus, CUSTOMER_REACH)
register(EngagementAnswer, CUSTOMER_REACH)
