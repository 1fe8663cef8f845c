"""``kliento import KIND FILE``: import customers, agents, interactions, promises or survey
responses from CSV, XLSX or JSON Lines.

Exit codes: 0 every row imported (or there already), 1 some rows refused (the rest kept,
the refused ones written to a CSV with an ``error`` column), 2 the file could not be read.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from kliento.imports.kinds import KINDS
from kliento.imports.readers import UnreadableFile
from kliento.imports.selectors import servicenow_sla_comparison
from kliento.imports.services import column_mapping_save, import_run_execute, import_run_start


class Command(BaseCommand):
    help = "Import a CSV, XLSX or JSON Lines file."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument("file", type=Path)
        parser.add_argument("--preset", default="kliento",
                            help="column layout: kliento (our template), zendesk, servicenow, "
                                 "or the name of a saved column mapping")
        parser.add_argument("--map", action="append", default=[], metavar="THEIRS=OURS",
                            help="map a column of the file to one of ours (repeatable)")
        parser.add_argument("--save-mapping", metavar="NAME",
                            help="save the --map columns under NAME, for --preset NAME later")
        parser.add_argument("--encoding", help="e.g. utf-8, cp1257, cp1250, cp1251 "
                                               "(detected when not given)")
        parser.add_argument("--delimiter", help="CSV delimiter (detected when not given)")
        parser.add_argument("--format", dest="fmt", choices=["csv", "xlsx", "jsonl"],
                            help="file format (from the file name when not given)")
        parser.add_argument("--rejects", type=Path,
                            help="where to write refused rows (default: FILE.rejected.csv)")

    def handle(self, *args, kind, file, preset, encoding, delimiter, fmt, rejects, map,
               save_mapping, **options):
        console = Console(stderr=True, soft_wrap=True)
        if map:
            pairs = [item.split("=", 1) for item in map]
            if any(len(pair) != 2 for pair in pairs):
                raise CommandError("--map takes THEIRS=OURS, e.g. --map 'Kliento ID=external_id'")
            try:
                mapping = column_mapping_save(name=save_mapping or f"{kind}-adhoc", kind=kind,
                                              columns=dict(pairs))
            except ValueError as error:
                raise CommandError(str(error)) from error
            preset = mapping.name
        rejects = rejects or file.with_name(file.stem + ".rejected.csv")
        run = import_run_start(kind=kind, file_name=file.name, preset=preset,
                               stored_file=str(file.resolve()))
        total = run.lines_total
        columns = (TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("lines"), TimeElapsedColumn())
        try:
            with Progress(*columns, console=console, transient=False) as progress:
                task = progress.add_task(f"Importing {kind}", total=total)
                report = import_run_execute(
                    run, file, encoding=encoding, delimiter=delimiter, rejects_path=rejects,
                    progress=lambda line: progress.update(task, completed=line),
                    # The last step has no lines to count: say what it is doing instead.
                    storing=lambda: progress.update(
                        task, description=f"Storing the checked {kind}", total=None))
                progress.update(task, completed=total or report.rows_read)
        except UnreadableFile as error:
            console.print(f"[red]Cannot import:[/] {error}")
            sys.exit(2)
        console.print(f"{report.rows_read:,} rows read: {report.imported:,} imported, "
                      f"{report.already_there:,} already there, {report.rejected:,} refused.")
        for problem in report.problems[:20]:
            console.print(f"  {problem}")
        if report.rejected:
            if report.rejected > 20:
                console.print(f"  … and more: every refused row is in {rejects}")
            else:
                console.print(f"Refused rows, with an error column, are in {rejects}: fix them "
                              "and import that file again.")
        if preset == "servicenow" and report.rows_read:
            sla = servicenow_sla_comparison(file)
            if sla["incidents"]:
                console.print(
                    f"SLA on {sla['incidents']:,} incidents: Kliento's first-response target met "
                    f"{sla['kliento_met'] / sla['incidents']:.0%}, ServiceNow's made_sla "
                    f"{sla['servicenow_met'] / sla['incidents']:.0%}; they agree on "
                    f"{sla['agree'] / sla['incidents']:.0%} (ServiceNow's SLA is about "
                    "resolution by priority).")
        sys.exit(report.exit_code)
