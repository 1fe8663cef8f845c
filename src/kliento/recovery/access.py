"""Whose recovery cases a person reaches: assigned to them, or to their team when they lead
it; grants go with their case."""

from kliento.access.reach import Reach, register
from kliento.recovery.models import CompensationGrant, RecoveryCase

register(RecoveryCase, Reach(own=("assignee",), team=("assignee__agent__team",)))
register(CompensationGrant, Reach(own=("case__assignee",),
                                  team=("case__assignee__agent__team",)))
