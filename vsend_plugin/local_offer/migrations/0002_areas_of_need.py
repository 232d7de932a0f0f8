"""The five areas of need of scheme vsend-core/1, which services are tagged with."""

from django.db import migrations

AREAS = [
    ("CI", "Communication and interaction"),
    ("CL", "Cognition and learning"),
    ("SEMH", "Social, emotional and mental health"),
    ("SP", "Sensory and/or physical"),
    ("IND", "Independence"),
]


def add_areas(apps, schema_editor):
    AreaOfNeed = apps.get_model("vsend_local_offer", "AreaOfNeed")
    for order, (code, name) in enumerate(AREAS):
        AreaOfNeed.objects.update_or_create(code=code, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("vsend_local_offer", "0001_initial")]
    operations = [migrations.RunPython(add_areas, migrations.RunPython.noop)]
