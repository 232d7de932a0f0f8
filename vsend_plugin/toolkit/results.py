"""Survey results as officers see them: counts per answer, with disclosure control.

Parent carers answer anonymously, but in a small area a handful of answers
can still point at a family. The rules are the benchmarks' own
(``scoring.md``, "Disclosure control"), applied with
:mod:`vsend_plugin.scoring.disclosure` rather than a copy of it: fewer than
``VSEND_MIN_GROUP`` respondents and a statement shows no figures at all;
otherwise counts from 1 to 4 are hidden, with secondary suppression.
"""

from collections import Counter
from dataclasses import dataclass

from vsend_plugin.conf import vsend_settings
from vsend_plugin.scoring.disclosure import check_min_group, suppress_distribution

from .principles import AGREEMENT


def min_group():
    return check_min_group(vsend_settings.MIN_GROUP)


@dataclass(frozen=True)
class StatementResult:
    key: str
    text: str
    respondents: int
    suppressed: bool
    counts: dict  # answer key -> count, or None where hidden; empty when suppressed

    def rows(self):
        return [(AGREEMENT[key], self.counts.get(key)) for key in AGREEMENT]


def statement_results(statements, answer_sets, threshold=None):
    """One :class:`StatementResult` per ``(key, text)`` statement, from the responses' answers."""
    threshold = min_group() if threshold is None else check_min_group(threshold)
    answer_sets = list(answer_sets)
    results = []
    for key, text in statements:
        answers = [answers[key] for answers in answer_sets if answers.get(key) in AGREEMENT]
        if len(answers) < threshold:
            results.append(StatementResult(key, text, len(answers), True, {}))
            continue
        counted = Counter(answers)
        counts = suppress_distribution({answer: counted[answer] for answer in AGREEMENT})
        results.append(StatementResult(key, text, len(answers), False, counts))
    return results


@dataclass(frozen=True)
class CaseReviewSummary:
    """What officers see of their case reviews; every figure disclosure-controlled."""

    cases: int
    suppressed: bool
    earlier: dict  # yes/no/unsure -> cases, or None where hidden
    earlier_share: int | None  # percentage of cases where earlier help was possible
    help_kinds: list  # (label, count or None), in the editor's order
    help_kinds_suppressed: bool
    most_common: list  # labels of the most common missed help, when it can be told
    agencies: list  # (label, count or None)


def _case_verdict(answers):
    """A case reviewed by several people counts once: 'yes' if anyone saw a missed chance."""
    for verdict in ("yes", "unsure"):
        if verdict in answers:
            return verdict
    return "no"


def summarise_case_reviews(reviews, help_kinds, threshold=None):
    """``reviews``: ``(case_reference, earlier_help, help_kind, agency)`` tuples;
    ``help_kinds``: ``(key, label)`` in the editor's order.

    Cases, not reviews, are counted, and a missed kind of help or agency once
    per case, so that a case many people reviewed does not weigh more.
    """
    from .principles import AGENCIES

    threshold = min_group() if threshold is None else check_min_group(threshold)
    verdicts, kinds, agencies = {}, {}, {}
    for case, earlier, kind, agency in reviews:
        verdicts.setdefault(case, set()).add(earlier)
        if earlier == "yes":
            if kind:
                kinds.setdefault(kind, set()).add(case)
            if agency:
                agencies.setdefault(agency, set()).add(case)
    cases = len(verdicts)
    if cases < threshold:
        return CaseReviewSummary(cases, True, {}, None, [], True, [], [])

    counted = Counter(_case_verdict(answers) for answers in verdicts.values())
    earlier = suppress_distribution({key: counted[key] for key in ("yes", "no", "unsure")})
    share = round(100 * earlier["yes"] / cases) if earlier["yes"] is not None else None

    with_missed_help = counted["yes"]
    if with_missed_help < threshold:
        return CaseReviewSummary(cases, False, earlier, share, [], True, [], [])
    kind_counts = suppress_distribution({key: len(kinds.get(key, ())) for key, _ in help_kinds})
    labels = dict(help_kinds)
    shown = {key: count for key, count in kind_counts.items() if count}
    top = max(shown.values(), default=0)
    most_common = [labels[key] for key, count in shown.items() if count == top] if top else []
    agency_counts = suppress_distribution({key: len(agencies.get(key, ())) for key in AGENCIES})
    return CaseReviewSummary(
        cases,
        False,
        earlier,
        share,
        [(labels[key], count) for key, count in kind_counts.items()],
        False,
        most_common,
        [(AGENCIES[key], count) for key, count in agency_counts.items()],
    )
