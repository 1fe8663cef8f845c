"""Whose survey answers a person reaches: answers about interactions they served or that
were assigned to them, their team's when they lead it. Answers tied to no interaction and
assigned to nobody only reach everyone-reachers."""

from kliento.access.reach import Reach, register
from kliento.surveys.models import SurveyResponse

register(SurveyResponse, Reach(own=("interaction__agent__user", "assignment__assignee"),
                               team=("interaction__team",)))
