"""``kliento surveys invite-due``: send the automatic invitations that are due."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from kliento.surveys.services import invitations_for_recent_events


class Command(BaseCommand):
    help = ("Invite customers after resolved interactions and closed promises, for surveys "
            "that are sent automatically. Safe to run often: nobody is invited twice.")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        due = actions.add_parser("invite-due", help="send the invitations that are due")
        due.add_argument("--window-hours", type=int, default=48,
                         help="look back this many hours for resolved and closed events")

    def handle(self, *args, action, window_hours, **options):
        sent = invitations_for_recent_events(window=timedelta(hours=window_hours))
        self.stdout.write(f"{sent} invitation{'s' if sent != 1 else ''} sent.")
