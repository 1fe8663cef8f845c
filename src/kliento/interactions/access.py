"""Whose interactions a person reaches: the ones they served, their team's when they lead it."""

from kliento.access.reach import Reach, register
from kliento.interactions.models import Interaction

register(Interaction, Reach(own=("agent__user",), team=("team",)))
