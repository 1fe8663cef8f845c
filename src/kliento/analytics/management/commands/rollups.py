from datetime import date

from django.core.management.base import BaseCommand

from kliento.analytics.rollups import rollups_fill, rollups_rebuild


class Command(BaseCommand):
    help = "Fill the KPI rollups of finished weeks and months (run it daily, e.g. from cron)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["fill", "rebuild"])
        parser.add_argument("--since", type=date.fromisoformat,
                            help="rebuild: forget buckets from this date (YYYY-MM-DD) on")

    def handle(self, *args, action, since, **options):
        written = rollups_fill() if action == "fill" else rollups_rebuild(since)
        self.stdout.write(f"{written} rollup rows written.")
