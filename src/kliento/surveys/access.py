"""Whose survey answers a person reaches: answers about interactions they served, their
team's when they lead it. Answers tied to no interaction only reach everyone-reachers."""

from kliento.access.reach import Reach, register
from kliento.surveys.models import SurveyResponse

register(SurveyResponse, Reach(own=("interaction__agent__user",), team=("interaction__team",)))
