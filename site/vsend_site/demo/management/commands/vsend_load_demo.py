from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from vsend_site.demo.loader import (
    CHILDREN_PER_COUNCIL,
    DEMO_PASSWORD,
    POPULATION_PER_COUNCIL,
    load_demo,
)


class Command(BaseCommand):
    help = (
        "Load the fictional demo councils, localities, settings and sign-ins. "
        "Idempotent. Refuses to run unless DEBUG is on, because every sign-in has "
        "the same published password."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--file",
            default=str(settings.DEMO_FIXTURES_DIR / "councils.yaml"),
            help="Councils file (default: fixtures/demo/councils.yaml).",
        )
        parser.add_argument(
            "--domain", default="localhost", help="Councils answer at <slug>.DOMAIN."
        )
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--children",
            type=int,
            default=CHILDREN_PER_COUNCIL,
            help="Synthetic children per council.",
        )
        parser.add_argument(
            "--population",
            type=int,
            default=POPULATION_PER_COUNCIL,
            help="More synthetic children per council, drawn in bulk so that benchmark groups "
            "are big enough to show (0 for none).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "vsend_load_demo refuses to run with DEBUG off: its sign-ins share a "
                "published password. Use the development settings."
            )
        sign_ins = load_demo(
            options["file"],
            domain=options["domain"],
            port=options["port"],
            children=options["children"],
            population=options["population"],
            log=lambda line: self.stdout.write(line),
        )
        self.stdout.write(self.style.SUCCESS(f"\nDemo sign-ins (password: {DEMO_PASSWORD})"))
        width = max(len(s.username) for s in sign_ins)
        for sign_in in sign_ins:
            where = f"  {sign_in.council}" if sign_in.council else ""
            self.stdout.write(f"  {sign_in.username:<{width}}  {sign_in.role}{where}")
        self.stdout.write(
            f"\nAdmin: http://127.0.0.1:{options['port']}/admin/   "
            f"Councils: http://<slug>.{options['domain']}:{options['port']}/"
        )
