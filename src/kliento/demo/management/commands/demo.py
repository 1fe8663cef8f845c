import os
import resource
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from kliento.analytics.rollups import rollups_fill
from kliento.demo.generator import DemoPlan, build_demo
from kliento.demo.gestures import demo_gestures_create
from kliento.demo.journeys import demo_journeys_create
from kliento.demo.people import demo_people_create
from kliento.demo.questions import demo_topics_mine
from kliento.demo.recovery import demo_recovery_create
from kliento.demo.services import (
    DEMO_PASSWORD,
    DEMO_USERNAME,
    demo_has_data,
    demo_manager_ensure,
    demo_people_ensure,
    demo_reset,
)
from kliento.demo.surveys import demo_invitations_create, demo_survey_link, demo_surveys_create
from kliento.demo.workforce import demo_roster_create


def demo_public_url(addr: str, port: int) -> str:
    """Where the demo is reached: ``KLIENTO_PUBLIC_URL`` when set, else the address served."""
    return os.environ.get("KLIENTO_PUBLIC_URL") or f"http://{addr}:{port}"


class Command(BaseCommand):
    help = "Build the embedded database, load realistic demo data and serve Kliento."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=20_000,
                            help="number of interactions to generate (default 20,000)")
        parser.add_argument("--seed", type=int, default=7, help="random seed (deterministic)")
        parser.add_argument("--weeks", type=int, default=26, help="weeks of history")
        parser.add_argument("--reset", action="store_true",
                            help="delete existing business data and generate it again")
        parser.add_argument("--no-serve", action="store_true", help="build the data and exit")
        parser.add_argument("--addr", default="127.0.0.1", help="address to serve on")
        parser.add_argument("--port", type=int, default=8000, help="port to serve on")

    def handle(self, *args, scale, seed, weeks, reset, no_serve, addr, port, **options):
        if scale < 1:
            raise CommandError("--scale must be at least 1")
        if weeks < 2:
            raise CommandError("--weeks must be at least 2")
        console = Console(stderr=True)
        call_command("migrate", interactive=False, verbosity=0)
        if reset:
            demo_reset()
        if demo_has_data():
            console.print("Demo data already loaded; [bold]--reset[/] rebuilds it.")
        else:
            self._load(console, DemoPlan(interactions=scale, seed=seed, weeks=weeks))
        # Also on a later start: weeks that finished since then get their rollups.
        with console.status("Filling the KPI rollups of finished weeks and months…"):
            started = time.perf_counter()
            written = rollups_fill()
        if written:
            console.print(f"{written:,} rollup rows in {time.perf_counter() - started:.1f} s.")
        sign_ins = demo_people_ensure()
        console.print(f"\nSign in as [bold]{DEMO_USERNAME}[/] with password "
                      f"[bold]{DEMO_PASSWORD}[/] at http://{addr}:{port}/")
        console.print("To see what each role sees, sign in with the same password as "
                      + ", ".join(f"[bold]{name}[/] ({role.lower()})"
                                  for name, role in sign_ins[1:]) + ".")
        if link := demo_survey_link(f"http://{addr}:{port}"):
            console.print(f"A customer's survey link, to try the customer's side: {link}")
        if mail_dir := settings.MAILERS["default"].get("OPTIONS", {}).get("file_path"):
            console.print(f"E-mails to customers are written to {mail_dir}/ instead of sent.")
        console.print()
        if not no_serve:
            # Reminders, escalations and survey invitations go out while the demo runs. Ctrl-C
            # reaches both; a job the worker is stopped in is finished by the next sweep.
            # Links in the e-mails the worker writes point where this demo serves, not at the
            # default :8000 (unless KLIENTO_PUBLIC_URL says otherwise).
            public_url = demo_public_url(addr, port)
            settings.KLIENTO_PUBLIC_URL = public_url
            worker = subprocess.Popen([sys.executable, "-m", "kliento.cli", "worker", "-v0"],
                                      env=os.environ | {"KLIENTO_PUBLIC_URL": public_url})
            signal.signal(signal.SIGTERM, signal.default_int_handler)  # so `finally` runs
            try:
                call_command("runserver", f"{addr}:{port}", use_reloader=False)
            finally:
                worker.terminate()
                worker.wait()

    def _load(self, console: Console, plan: DemoPlan) -> None:
        started = time.perf_counter()
        columns = (TextColumn("[bold]Generating demo data"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("interactions"), TimeRemainingColumn())
        with Progress(*columns, console=console) as progress:
            task = progress.add_task("demo", total=plan.interactions)
            summary = build_demo(plan, advance=lambda n: progress.advance(task, n))
        with console.status("Filing the answers under their surveys…"):
            demo_surveys_create()
            invitations = demo_invitations_create(plan.seed)
        with console.status("Opening recovery cases for the last weeks' low scores…"):
            demo_recovery_create(plan.seed)
        with console.status("Orders, engagement answers and lifecycle segments…"):
            demo_journeys_create(plan.seed)
        with console.status("Occasions, an offer experiment and defects at the stores…"):
            demo_gestures_create(plan.seed)
        with console.status("Rostering shifts for the staffing plan…"):
            demo_roster_create()
        with console.status("People: leavers, a training, contests, employee surveys…"):
            demo_people_create(plan.seed)
        with console.status("Mining the recurring questions and the comments' topics…"):
            demo_topics_mine(demo_manager_ensure())
        peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        console.print(
            f"{summary.customers:,} customers, {summary.agents} agents, "
            f"{summary.interactions:,} interactions, {summary.promises:,} promises, "
            f"{summary.survey_responses:,} survey responses, {invitations:,} invitations in "
            f"{time.perf_counter() - started:.1f} s (peak memory {peak_mib:.0f} MiB)."
        )
