"""Announcing that the past changed: an import added interactions, promises or answers dated
before today. Whatever keeps figures about the past (the analytics' stored rollups) listens,
so the apps that write data never need to know who computes from it."""

from django.dispatch import Signal

# Sent with ``since``: the first organisation-local day whose data changed.
past_changed = Signal()

# Sent with ``customer``, ``old_name``, ``new_name`` and ``survey_response`` when a customer
# corrects how their name is written on a survey page, after the answer is committed: what
# tracks the whole experience (kliento.defects) logs the misspelt letter that preceded it.
customer_name_corrected = Signal()
