"""The customer as a whole over the API: the timeline."""

from ninja import Router

router = Router(tags=["customers"])
