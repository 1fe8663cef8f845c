"""``manage.py journey_rollups_fill``: rebuild the journey map's rollups now (the daily
lifecycle sweep does it after placing the customers in their segments)."""

from django.core.management.base import BaseCommand

from kliento.journeys.rollups import journey_rollups_fill


class Command(BaseCommand):
    help = "Rebuild the journey map's monthly rollups and the stored paths."

    def handle(self, *args, **options):
        state = journey_rollups_fill()
        self.stdout.write(f"Journey rollups filled at {state.filled_at:%Y-%m-%d %H:%M}: whole "
                          f"months before {state.months_before}, paths {state.paths_start} – "
                          f"{state.paths_end}.")
