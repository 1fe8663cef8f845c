"""Whose defects a person reaches: the ones they own (to fix) or reported, their team's when
they lead it (owned by a member), every one with ``access.reach_everyone``. Verifying a fix is
``defects.verify_defect``'s, within the same reach."""

from kliento.access.reach import Reach, register
from kliento.defects.models import Defect

register(Defect, Reach(own=("owner", "reported_by"), team=("owner__agent__team",)))
