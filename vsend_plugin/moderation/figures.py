"""Agreement figures from stored ratings, grouped as ``GET moderation/agreement/`` shows them.

The pairs are (first rating, second rating) of the same indicator: the
assessment's author's levels (its newest practitioner version) against the
second rater's; for calibration, a practitioner's levels against the case's
reference. The arithmetic is :mod:`.agreement`'s; this module only finds the
pairs and counts them into tables, once per council and setting.
"""

from dataclasses import dataclass, field

from vsend_plugin.assessments.models import AssessmentVersion, VersionSource
from vsend_plugin.benchmarking.rollups import setting_key_of
from vsend_plugin.scoring import INDICATORS

from .agreement import MIN_PAIRS, AgreementTable, band_level, confusions, lowest_agreement
from .calibration import calibration_cases
from .models import CalibrationRating, SecondRating


@dataclass
class Tables:
    """The agreement tables of one group of pairs."""

    overall: AgreementTable = field(default_factory=AgreementTable)
    band: AgreementTable = field(default_factory=AgreementTable)
    indicators: dict = field(
        default_factory=lambda: {code: AgreementTable() for code in INDICATORS}
    )
    calibration: AgreementTable = field(default_factory=AgreementTable)

    def add_levels(self, first, second, *, into_indicators=True):
        for code in INDICATORS:
            one, other = first.get(code), second.get(code)
            self.overall.add(one, other)
            if into_indicators:
                self.indicators[code].add(one, other)

    def add_bands(self, first, second):
        if first and second:
            self.band.add(band_level(first), band_level(second))

    def add_calibration(self, levels, reference):
        for code in INDICATORS:
            self.calibration.add(levels.get(code), reference.get(code))


def first_ratings(assessment_ids):
    """``{assessment id: (need, band)}`` of each assessment's newest practitioner version."""
    found = {}
    rows = (
        AssessmentVersion.objects.filter(
            assessment_id__in=assessment_ids, source=VersionSource.PRACTITIONER
        )
        .order_by("assessment_id", "number")
        .values_list("assessment_id", "need", "band", "complete")
    )
    for assessment_id, need, band, complete in rows:
        found[assessment_id] = (need or {}, band if complete else "")
    return found


def second_ratings(councils, *, period=None, moderation_round=None):
    ratings = SecondRating.objects.rated().filter(council__in=councils)
    if moderation_round is not None:
        ratings = ratings.filter(round=moderation_round)
    if period is not None:
        ratings = ratings.filter(period=period)
    return ratings.values_list(
        "council_id",
        "assessment_id",
        "assessment__child__setting_id",
        "assessment__child__setting__urn",
        "need",
        "band",
    )


def tables_by_group(councils, *, period=None, moderation_round=None, with_settings=False):
    """``{(council id, setting key or None): Tables}`` of these councils' pairs."""
    groups = {}
    rows = list(second_ratings(councils, period=period, moderation_round=moderation_round))
    firsts = first_ratings({row[1] for row in rows})
    for council_id, assessment_id, setting_id, urn, need, band in rows:
        first_need, first_band = firsts.get(assessment_id, ({}, ""))
        keys = [(council_id, None)]
        if with_settings:
            keys.append((council_id, setting_key_of(urn, setting_id)))
        for key in keys:
            tables = groups.setdefault(key, Tables())
            tables.add_levels(first_need, need or {})
            tables.add_bands(first_band, band)
    if moderation_round is None:
        references = {case.slug: case.need for case in calibration_cases()}
        calibration = CalibrationRating.objects.filter(council__in=councils)
        if period is not None:
            calibration = calibration.filter(period=period)
        for council_id, case, need in calibration.values_list("council_id", "case", "need"):
            if case in references:
                groups.setdefault((council_id, None), Tables()).add_calibration(
                    need, references[case]
                )
    return groups


def group_figures(key, tables, *, detailed, min_pairs=MIN_PAIRS):
    """One group of the response: pooled figures, and per indicator when ``detailed``."""
    group = {
        "key": key,
        "overall": tables.overall.agreement(min_pairs).as_dict(),
        "band": tables.band.agreement(min_pairs).as_dict(),
    }
    if detailed:
        by_indicator = {
            code: table.agreement(min_pairs) for code, table in tables.indicators.items()
        }
        group["indicators"] = {code: figures.as_dict() for code, figures in by_indicator.items()}
        group["disagreement"] = {
            "lowest": [
                {"indicator": code, **figures.as_dict()}
                for code, figures in lowest_agreement(by_indicator, min_pairs=min_pairs)
            ],
            "confused": [
                {"levels": list(levels), "pairs": count}
                for levels, count in confusions(tables.overall)
            ],
        }
    return group


def agreement_groups(detailed, pooled, *, period=None, moderation_round=None, min_pairs=MIN_PAIRS):
    """The response's groups: ``detailed`` councils by council and setting, ``pooled`` by council.

    Every council asked about has a group, with its figures ``null`` (too few
    pairs) rather than absent, so that no figure is ever read as zero.
    """
    detailed, pooled = list(detailed), [c for c in pooled if c not in detailed]
    found = tables_by_group(
        detailed, period=period, moderation_round=moderation_round, with_settings=True
    )
    if pooled and moderation_round is None:
        found.update(tables_by_group(pooled, period=period))
    groups = []
    for council in sorted([*detailed, *pooled], key=lambda c: c.slug):
        is_detailed = council in detailed
        tables = found.get((council.pk, None), Tables())
        group = group_figures(
            {"council": council.slug}, tables, detailed=is_detailed, min_pairs=min_pairs
        )
        if moderation_round is None:
            group["calibration"] = tables.calibration.agreement(min_pairs).as_dict()
        groups.append(group)
        if is_detailed:
            settings = sorted(key for council_id, key in found if council_id == council.pk and key)
            for setting in settings:
                groups.append(
                    group_figures(
                        {"council": council.slug, "setting": setting},
                        found[(council.pk, setting)],
                        detailed=True,
                        min_pairs=min_pairs,
                    )
                )
    return groups
