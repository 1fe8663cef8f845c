from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A person who signs in: manager, team lead, agent or auditor.

    A project-owned user model from day one, so that later fields need no swap.
    """
