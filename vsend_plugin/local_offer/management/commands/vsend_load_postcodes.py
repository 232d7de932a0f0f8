import csv

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from vsend_plugin.local_offer.models import PostcodeCentroid
from vsend_plugin.local_offer.postcodes import is_postcode, normalise_postcode


class Command(BaseCommand):
    help = "Load postcode centroids (CSV: postcode,latitude,longitude) for distance searches."

    def add_arguments(self, parser):
        parser.add_argument("path")

    @transaction.atomic
    def handle(self, *args, path, **options):
        try:
            with open(path, encoding="utf-8", newline="") as file:
                rows = list(csv.DictReader(file))
        except OSError as error:
            raise CommandError(f"{path} cannot be read: {error}") from None
        problems = []
        for line, row in enumerate(rows, start=2):
            try:
                postcode = row["postcode"]
                latitude, longitude = float(row["latitude"]), float(row["longitude"])
            except (KeyError, TypeError, ValueError):
                problems.append(f"{path}, line {line}: needs postcode, latitude and longitude")
                continue
            if not is_postcode(postcode) or not (49 <= latitude <= 61 and -9 <= longitude <= 2.5):
                problems.append(
                    f"{path}, line {line}: {postcode!r} is not a UK postcode with UK coordinates"
                )
                continue
            PostcodeCentroid.objects.update_or_create(
                postcode=normalise_postcode(postcode),
                defaults={"latitude": latitude, "longitude": longitude},
            )
            if line % 500 == 0:
                self.stdout.write(f"  {line - 1} of {len(rows)} postcodes")
        if problems:
            raise CommandError("\n".join(problems))
        self.stdout.write(f"{len(rows)} postcodes loaded.")
