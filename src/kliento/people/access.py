"""Whose scorecard a person reaches: their own as an agent, their team's agents when they
lead the team, everyone's with ``reach_everyone``."""

from kliento.access.reach import Reach, register
from kliento.organisation.models import Agent

register(Agent, Reach(own=("user",), team=("team",)))
