"""``manage.py vsend_generate``: synthetic councils, children and assessments at any size.

The councils are made the way the demo's are (a home page, a Wagtail site,
localities, settings), then filled in bulk by
:mod:`vsend_plugin.assessments.generation`, and their benchmark rollups are
rebuilt. Every name and rating is synthetic; no sign-in is usable.
"""

from datetime import date
from functools import partial

from django.core.management.base import BaseCommand, CommandError

from vsend_plugin.assessments.generation import GenerationError, Plan, generate
from vsend_plugin.assessments.generation.councils import council_staff
from vsend_plugin.benchmarking.rollups import rebuild
from vsend_plugin.core.progress import Progress
from vsend_plugin.planning.generation import give_plans
from vsend_site.demo.loader import set_up_council


def _date(text):
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Give --until as YYYY-MM-DD, e.g. 2026-09-30; got {text!r}.") from None


class Command(BaseCommand):
    help = (
        "Add synthetic councils (synthetic-001, synthetic-002, ...) with localities, settings, "
        "children and assessment histories shaped like England's SEND population, then rebuild "
        "their benchmark rollups. Running it again adds more councils."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--councils", type=int, default=1, help="New councils to make (default 1)."
        )
        parser.add_argument(
            "--children", type=int, default=1000, help="Children per council (default 1000)."
        )
        parser.add_argument(
            "--assessments-per-child",
            type=int,
            default=4,
            help="Assessments of each child, about a quarter apart (default 4).",
        )
        parser.add_argument(
            "--quarters",
            type=int,
            default=8,
            help="Calendar quarters the assessments are spread over, ending with the current one "
            "(or --until's) (default 8).",
        )
        parser.add_argument(
            "--until", type=_date, help="Last day of the data, YYYY-MM-DD (default today)."
        )
        parser.add_argument("--seed", type=int, default=0, help="Same seed, same data (default 0).")
        parser.add_argument(
            "--workers",
            type=int,
            help="Processes drawing the data (default: one per core, up to 4, for 50,000 "
            "assessments or more; otherwise 1).",
        )
        parser.add_argument(
            "--no-rollup", action="store_true", help="Do not rebuild the rollups afterwards."
        )
        parser.add_argument(
            "--no-plans",
            action="store_true",
            help="Do not give the children support plans (support, outcomes and reviews).",
        )
        parser.add_argument(
            "--domain", default="localhost", help="Councils answer at <slug>.DOMAIN."
        )
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, verbosity=1, **options):
        if options["workers"] is not None and not 1 <= options["workers"] <= 64:
            raise CommandError(f"--workers must be from 1 to 64; got {options['workers']}.")
        try:
            plan = Plan(
                councils=options["councils"],
                children=options["children"],
                assessments_per_child=options["assessments_per_child"],
                quarters=options["quarters"],
                until=options["until"],
                seed=options["seed"],
            )
            bar = Progress(self.stderr, plan.assessments, "assessments") if verbosity >= 1 else None
            councils = generate(
                plan,
                set_up_council=partial(
                    set_up_council, domain=options["domain"], port=options["port"]
                ),
                progress=bar and (lambda done, council: bar(done, council.slug)),
                workers=options["workers"],
            )
        except GenerationError as error:
            raise CommandError(str(error)) from error
        seconds = bar.finish() if bar else 0
        self.stdout.write(
            f"Made {len(councils)} councils ({councils[0].slug} to {councils[-1].slug}) with "
            f"{plan.councils * plan.children:,} children and {plan.assessments:,} assessments "
            f"from {plan.start} to {plan.end}" + (f" in {seconds:.1f} s." if bar else ".")
        )
        if not options["no_plans"]:
            plans_bar = (
                Progress(self.stderr, len(councils) * plan.children, "plans")
                if verbosity >= 1
                else None
            )
            plans, done = 0, 0
            for council in councils:
                practitioner, _ = council_staff(council)
                report = plans_bar and (
                    lambda count, before=done, c=council: plans_bar(before + count, c.slug)
                )
                plans += give_plans(council, practitioner, seed=plan.seed, progress=report)
                done = plans
            seconds = plans_bar.finish() if plans_bar else 0
            self.stdout.write(
                f"Gave {plans:,} children support plans"
                + (f" in {seconds:.1f} s." if plans_bar else ".")
            )
        if options["no_rollup"]:
            self.stdout.write("Rollups not rebuilt (--no-rollup): run manage.py vsend_rollup.")
            return
        rollup_bar = Progress(self.stderr, 1, "quarters") if verbosity >= 1 else None

        def show(done, total, council, period):
            rollup_bar.total = total
            rollup_bar(done, f"{council.slug} {period}")

        stored = rebuild(councils, progress=show if rollup_bar else None)
        seconds = rollup_bar.finish() if rollup_bar else 0
        self.stdout.write(
            self.style.SUCCESS(
                f"Stored {stored:,} rollups" + (f" in {seconds:.1f} s." if rollup_bar else ".")
            )
        )
