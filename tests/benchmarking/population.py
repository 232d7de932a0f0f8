"""Synthetic children and assessments in the database, for the rollup tests.

Shaped so that every rule of the rollups is exercised: several settings per
locality, settings of very different sizes (empty, a handful, dozens),
children who live in another locality than their setting's, children
assessed once or several times in a quarter, and assessments saved before
every area was rated (incomplete, so the child is only counted as excluded).
"""

import random
from datetime import datetime, timedelta

from django.utils import timezone

from vsend_plugin.assessments.recording import record_assessment
from vsend_plugin.assessments.synthetic import history, leave_unrated
from vsend_plugin.core.models import Setting

IN_Q2 = timezone.make_aware(datetime(2026, 5, 12, 10))
IN_Q3 = timezone.make_aware(datetime(2026, 8, 12, 10))


def add_settings(council, per_locality=2):
    """More settings in each locality, so that a locality's children attend several."""
    for locality in council.localities.order_by("name"):
        for number in range(per_locality):
            Setting.objects.create(
                council=council,
                locality=locality,
                kind="secondary",
                name=f"{locality.name} Academy {number + 1} ({council.slug})",
            )
    return list(council.settings.order_by("pk"))


def enrol(council, make_child, sizes, *, seed, prefix="C", elsewhere_share=0.15):
    """``sizes[i]`` new children at the council's i-th setting (by pk).

    Some live in another locality than their setting's: the locality figures
    follow where a child lives, the setting figures where they learn.
    """
    rng = random.Random(seed)
    settings_ = list(council.settings.order_by("pk"))
    localities = list(council.localities.order_by("pk"))
    children = []
    for index, (setting, count) in enumerate(zip(settings_, sizes, strict=False)):
        for number in range(count):
            child = make_child(
                council, f"{prefix}{council.pk}-{index}-{number:03d}", setting=setting
            )
            if len(localities) > 1 and rng.random() < elsewhere_share:
                child.locality = rng.choice([loc for loc in localities if loc != setting.locality])
                child.save(update_fields=["locality"])
            children.append(child)
    return children


def assess(children, author, *, seed, when=IN_Q3, most=3, incomplete_share=0.1, queue_tasks=False):
    """Assess each child one to ``most`` times in ``when``'s quarter, 20 days apart.

    Returns the versions recorded.
    """
    rng = random.Random(seed)
    versions = []
    for child in children:
        for index, synthetic in enumerate(history(rng, rng.randint(1, most))):
            synthetic = leave_unrated(rng, synthetic, share=incomplete_share)
            versions.append(
                record_assessment(
                    child,
                    author,
                    need=synthetic.need,
                    provision=synthetic.provision,
                    family_confidence=synthetic.family_confidence,
                    queue_tasks=queue_tasks,
                    taken_at=when + timedelta(days=20 * index, minutes=rng.randint(0, 600)),
                )
            )
    return versions


def assess_children(council, author, make_child, counts, *, seed=1, when=IN_Q3, prefix="C"):
    """``counts[i]`` children in the council's i-th setting, each assessed once or twice."""
    rng = random.Random(seed)
    number = 0
    for setting, count in zip(council.settings.order_by("pk"), counts, strict=False):
        for _ in range(count):
            number += 1
            child = make_child(council, f"{prefix}{council.pk}-{number:04d}", setting=setting)
            for index, synthetic in enumerate(history(rng, rng.choice((1, 2)))):
                record_assessment(
                    child,
                    author,
                    need=synthetic.need,
                    provision=synthetic.provision,
                    family_confidence=synthetic.family_confidence,
                    queue_tasks=False,
                    taken_at=when + timezone.timedelta(days=index * 20),
                )
