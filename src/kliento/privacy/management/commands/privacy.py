"""``kliento privacy retention [--dry-run]``: remove now what the retention settings keep no
longer (the daily job does the same), or count it."""

from django.core.management.base import BaseCommand

from kliento.audit_trail.context import Source, acting
from kliento.privacy.retention import retention_enforce


class Command(BaseCommand):
    help = "Data protection duties run by hand: retention."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        retention = actions.add_parser(
            "retention", help="Remove what is older than the company settings keep.")
        retention.add_argument("--dry-run", action="store_true",
                               help="Count what would go; remove nothing.")

    def handle(self, *args, action, dry_run=False, **options):
        with acting(Source.COMMAND):
            report = retention_enforce(dry_run=dry_run)
        if not report.cutoffs:
            self.stdout.write("No retention period is set: everything is kept.")
            return
        verb = "would remove" if dry_run else "removed"
        for kind, cutoff in report.cutoffs.items():
            self.stdout.write(f"{kind}: older than {cutoff}")
        for kind, count in sorted(report.removed.items()):
            self.stdout.write(f"{verb} {count} {kind}")
        self.stdout.write(f"total {verb}: {report.total}")
