"""The authentication backend that answers ``user.has_perm(permission, obj)``: the model
permission from the user's roles, and the object within the user's reach. Django's own
backend answers the question without an object (and never with one)."""

from django.contrib.auth.backends import BaseBackend

from kliento.access.reach import is_within_reach, reach_of


class ReachBackend(BaseBackend):
    def has_perm(self, user_obj, perm: str, obj=None) -> bool:
        if obj is None or not user_obj.is_active:
            return False
        if reach_of(type(obj), perm) is None:
            return False
        return user_obj.has_perm(perm) and is_within_reach(user_obj, obj, perm)
