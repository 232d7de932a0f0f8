"""``manage.py vsend_rollup``: rebuild the benchmark rollups from the stored assessments."""

import time

from django.core.management.base import BaseCommand, CommandError

from vsend_plugin.core.models import Council

from ...rollups import rebuild


class Command(BaseCommand):
    help = (
        "Recompute the benchmark rollups (every council and quarter, or the councils given) "
        "from the stored assessments."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--council",
            action="append",
            dest="councils",
            metavar="SLUG",
            help="Only this council (repeat for several).",
        )

    def handle(self, *args, councils=None, verbosity=1, **options):
        queryset = Council.objects.order_by("name")
        if councils:
            found = set(queryset.filter(slug__in=councils).values_list("slug", flat=True))
            unknown = sorted(set(councils) - found)
            if unknown:
                raise CommandError(f"No council with the slug {', '.join(unknown)}.")
            queryset = queryset.filter(slug__in=councils)
        started = time.monotonic()
        show = self._progress if verbosity >= 1 else None
        stored = rebuild(list(queryset), progress=show)
        if show and self.stderr.isatty():
            self.stderr.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"Stored {stored} rollups for {queryset.count()} councils "
                f"in {time.monotonic() - started:.1f} s."
            )
        )

    def _progress(self, done, total, council, period):
        """A bar on a terminal; a line every twentieth of the work in a log."""
        if self.stderr.isatty():
            filled = 30 * done // total
            bar = f"[{'#' * filled}{'.' * (30 - filled)}]"
            self.stderr.write(
                f"\r{bar} {done}/{total} {council.slug} {period}".ljust(72), ending=""
            )
            self.stderr.flush()
        elif done == total or done % max(1, total // 20) == 0:
            self.stderr.write(f"{done}/{total} quarters done ({council.slug} {period})")
