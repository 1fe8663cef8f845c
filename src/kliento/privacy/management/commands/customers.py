"""``kliento customers export ID [--zip] [-o FILE]`` and ``kliento customers erase ID``."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kliento.audit_trail.context import Source, acting
from kliento.customers.models import Customer
from kliento.privacy.erasure import AlreadyErased
from kliento.privacy.services import customer_data_erase, customer_data_export


class Command(BaseCommand):
    help = "Export everything held about a customer, or erase their identifying data."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        export = actions.add_parser("export", help="Write the customer's data as JSON.")
        export.add_argument("customer_id", type=int)
        export.add_argument("--zip", action="store_true", help="A ZIP with CSV files too.")
        export.add_argument("-o", "--output", help="File to write (default: standard output).")
        erase = actions.add_parser("erase", help="Erase the customer's identifying data.")
        erase.add_argument("customer_id", type=int)
        erase.add_argument("--yes", action="store_true", help="Do not ask to confirm.")

    def handle(self, *args, action, customer_id, **options):
        customer = Customer.objects.filter(pk=customer_id).first()
        if customer is None:
            raise CommandError(f"No customer {customer_id}.")
        with acting(Source.COMMAND):
            if action == "export":
                self._export(customer, options)
            else:
                self._erase(customer, options)

    def _export(self, customer, options):
        if options["zip"] and not options["output"]:
            raise CommandError("A ZIP needs --output FILE.")
        content, _type, _name = customer_data_export(
            customer, file_format="zip" if options["zip"] else "json")
        if options["output"]:
            Path(options["output"]).write_bytes(content)
            self.stderr.write(f"Wrote {options['output']}")
        else:
            sys.stdout.buffer.write(content)
            sys.stdout.flush()

    def _erase(self, customer, options):
        if not options["yes"]:
            answer = input(f"Erase customer {customer.pk} for good? Type the number again: ")
            if answer.strip() != str(customer.pk):
                raise CommandError("Not confirmed; nothing was erased.")
        try:
            report = customer_data_erase(customer)
        except AlreadyErased as error:
            raise CommandError(f"Customer {customer.pk} was erased already.") from error
        for key, value in report.__dict__.items():
            self.stdout.write(f"{key}: {value}")
