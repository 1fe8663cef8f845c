from datetime import date

from django.core.management.base import BaseCommand, CommandError

from kliento.analytics.rollups import rollups_fill, rollups_fill_spread, rollups_rebuild


class Command(BaseCommand):
    help = ("Fill the KPI rollups of finished weeks and months (the job worker does it "
            "periodically; or run it daily, e.g. from cron).")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["fill", "rebuild"])
        parser.add_argument("--since", type=date.fromisoformat,
                            help="rebuild: forget buckets from this date (YYYY-MM-DD) on")
        parser.add_argument("--spread", action="store_true",
                            help="fill: plan the fill by month of buckets and send the parts "
                                 "to the job workers instead of filling here")

    def handle(self, *args, action, since, spread, **options):
        if spread:
            if action != "fill":
                raise CommandError("--spread goes with fill.")
            parts = rollups_fill_spread()
            self.stdout.write(f"{parts} rollup fill parts sent to the job workers.")
            return
        written = rollups_fill() if action == "fill" else rollups_rebuild(since)
        self.stdout.write(f"{written} rollup rows written.")
