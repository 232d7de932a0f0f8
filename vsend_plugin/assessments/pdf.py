"""A printable PDF summary of one needs-mapping assessment.

:func:`render_summary_pdf` turns a ``summary`` dict into the bytes of an A4
PDF: the child and the assessment, the overall band with what it means, the
profile table, unmet need, two charts (need levels over time and the current
profile against provision), the change since the last assessment, and the
strengths, aspirations and views recorded with it. Every page carries the
OFFICIAL-SENSITIVE marking and its page number.

The template is ``vsend/assessments/summary_pdf.html``; xhtml2pdf is imported
only when a PDF is made, because importing it takes a noticeable fraction of
a second that no other request should pay for.

The ``summary`` dict, built however the caller likes::

    {
        "council": "Northshire Council",
        "child": {
            "given_name": "Amara",
            "case_reference": "NS-000123",
            "year_group": "Year 4",
            "setting": "Harbourside Primary School",
            "born": "March 2017",                  # optional
        },
        "assessment": {
            "number": 3,                           # the child's 3rd assessment
            "date": date(2026, 10, 2),
            "author": "J. Smith, SENCO",
            "scheme": "vsend-core/1",
            "version": 2,                          # optional: the record's version
        },
        "profile": {...},            # vsend_plugin.scoring.Profile.as_dict()
        "comparison": {...} or None, # Comparison.as_dict(): change since the last assessment
        "previous_date": date(...) or None,        # date of that last assessment
        "history": [(date, profile_dict), ...],    # oldest first, includes the current one
        "strengths": "text",
        "aspirations": "text",
        "views": "text",                           # the child's own views
        "family_views": "text or ''",
        "generated_at": datetime(...),
        "need": {...},                             # optional: the indicator ratings
        "previous_need": {...} or None,            # optional: those of the last assessment
        "sections": ["<h2>...</h2>..."],           # optional: HTML other apps add (pdf_sections)
    }

Free text is escaped and its line breaks kept; unknown values are shown as
"not rated" or "not known", never as 0.
"""

from datetime import date
from io import BytesIO

from vsend_plugin.core import wording
from vsend_plugin.scoring import AREAS, BANDS, LEVELS
from vsend_plugin.scoring.scheme import BAND_NOTE

from .charts import area_levels_svg, area_profile_svg, svg_data_uri

__all__ = [
    "PDF_SECTIONS_HOOK",
    "TEMPLATE_NAME",
    "PdfRenderError",
    "pdf_sections",
    "render_pdf",
    "render_summary_pdf",
    "summary_context",
]

TEMPLATE_NAME = "vsend/assessments/summary_pdf.html"

#: The Wagtail hook whose functions add sections to a version's PDF summary.
PDF_SECTIONS_HOOK = "vsend_pdf_summary_sections"

NOT_RATED = "not rated"
NOT_KNOWN = "not known"

BAND_MEANINGS = {band.code: band.meaning for band in BANDS}
AREA_NAMES = {area.code: area.name for area in AREAS}

DIRECTION_NOTES = {
    "up": "more need than last time",
    "down": "less need than last time",
    "same": "no change",
}
TREND_EXPLANATIONS = {
    "escalating": (
        "Escalating: the overall band has gone up since the last assessment, so the "
        "child's needs are greater than they were and may call for more support."
    ),
    "stable": (
        "Stable: the overall band is the same as at the last assessment, although "
        "individual areas may still have moved."
    ),
    "improving": (
        "Improving: the overall band has come down since the last assessment, so the "
        "child needs less support than before."
    ),
}
NO_TREND = (
    "No overall trend: one of the two assessments is incomplete, so there are not two "
    "bands to compare. Changes in the areas rated both times are shown above."
)


class PdfRenderError(RuntimeError):
    """The PDF could not be made; the message says what xhtml2pdf reported."""


def render_summary_pdf(summary: dict) -> bytes:
    """Render the summary of one assessment to the bytes of an A4 PDF.

    Raises :class:`PdfRenderError` when xhtml2pdf is missing, fails or reports
    errors, so that a caller never serves a broken or partial document.
    """
    return render_pdf(TEMPLATE_NAME, summary_context(summary), what="the summary PDF")


def render_pdf(template_name: str, context: dict, *, what: str = "the PDF") -> bytes:
    """Render any vsend PDF template to bytes, with the fonts every family's script needs.

    Public so that other apps' documents (the whole record of a child, say)
    are made the same way as the summary: ``font_family`` is added to
    ``context``, runs of text in other scripts get their fonts, and any error
    is a :class:`PdfRenderError` naming ``what`` was being made.
    """
    try:
        from xhtml2pdf import pisa
    except ImportError as error:  # pragma: no cover - a dependency of the package
        raise PdfRenderError(
            "PDF summaries need xhtml2pdf, which cannot be imported: pip install xhtml2pdf"
        ) from error
    from django.template.loader import render_to_string

    from .pdf_drawings import install as parse_charts_once
    from .pdf_fonts import fonts_by_script, registered_fonts

    parse_charts_once()
    base_family, script_fonts = registered_fonts()
    context = {**context, "font_family": base_family}
    html = fonts_by_script(render_to_string(template_name, context), script_fonts)
    output = BytesIO()
    try:
        status = pisa.CreatePDF(html, dest=output, encoding="utf-8")
    except Exception as error:
        raise PdfRenderError(f"xhtml2pdf failed to render {what}: {error}") from error
    if status.err:
        problems = "; ".join(
            str(entry[2]) for entry in getattr(status, "log", []) if _is_error(entry)
        )
        raise PdfRenderError(
            f"xhtml2pdf reported {status.err} error(s) rendering {what}"
            + (f": {problems}" if problems else ".")
        )
    pdf = output.getvalue()
    if not pdf.startswith(b"%PDF"):
        raise PdfRenderError(f"xhtml2pdf produced no PDF for {what}.")
    return pdf


def pdf_sections(version) -> list[str]:
    """The HTML sections other apps add to a version's PDF summary (its support plan, say).

    Each function registered for ``vsend_pdf_summary_sections`` is called with
    the :class:`~vsend_plugin.assessments.models.AssessmentVersion` and returns
    HTML that xhtml2pdf can draw (tables, paragraphs, SVG as ``<img>`` data
    URIs), or nothing.
    """
    from wagtail import hooks

    return [section for hook in hooks.get_hooks(PDF_SECTIONS_HOOK) if (section := hook(version))]


def _is_error(entry) -> bool:
    try:
        from xhtml2pdf.default import PML_ERROR
    except ImportError:  # pragma: no cover
        return True
    return bool(entry) and entry[0] == PML_ERROR


def summary_context(summary: dict) -> dict:
    """The template context for a summary: every figure worded for people."""
    profile = summary.get("profile") or {}
    areas = profile.get("areas") or {}
    history = list(summary.get("history") or [])
    comparison = summary.get("comparison")
    previous_profile = _previous_profile(summary, history)

    band = profile.get("band")
    primary = profile.get("primary_area")
    unmet_areas = [AREA_NAMES.get(code, code) for code in profile.get("unmet_areas") or []]
    not_rated = [
        AREA_NAMES[code] for code in AREA_NAMES if (areas.get(code) or {}).get("level") is None
    ]
    who = (summary.get("child") or {}).get("given_name") or "The child"

    return {
        "council": summary.get("council") or "",
        "sections": [_trusted(section) for section in summary.get("sections") or []],
        "child": _child(summary.get("child") or {}),
        "assessment": summary.get("assessment") or {},
        "generated_at": summary.get("generated_at"),
        "previous_date": summary.get("previous_date"),
        "band": band,
        "band_meaning": BAND_MEANINGS.get(band, ""),
        "band_note": BAND_NOTE,
        "complete": bool(profile.get("complete")),
        "not_rated_areas": not_rated,
        "total": profile.get("total"),
        "points": profile.get("points"),
        "rows": [_profile_row(code, areas.get(code) or {}, code == primary) for code in AREA_NAMES],
        "primary_area": AREA_NAMES.get(primary, primary) if primary else None,
        "primary_level": _level_name((areas.get(primary) or {}).get("level")) if primary else None,
        "unmet": profile.get("unmet"),
        "unmet_areas": unmet_areas,
        "unmet_words": wording.unmet_summary(profile, who),
        "first_assessment_words": wording.first_assessment(who),
        "profile_chart": svg_data_uri(area_profile_svg(profile)) if profile else None,
        "history_chart": svg_data_uri(area_levels_svg(history)) if history else None,
        "history_count": len(history),
        "change": _change(comparison, profile, previous_profile, summary, who),
        "texts": [
            {
                "heading": "Strengths",
                "text": summary.get("strengths") or "",
                "empty": "No strengths were recorded.",
            },
            {
                "heading": "Aspirations",
                "text": summary.get("aspirations") or "",
                "empty": "No aspirations were recorded.",
            },
            {
                "heading": "The child's views",
                "text": summary.get("views") or "",
                "empty": "The child's views were not recorded.",
            },
            {
                "heading": "The family's views",
                "text": summary.get("family_views") or "",
                "empty": "The family's views were not recorded.",
            },
        ],
    }


def _trusted(html):
    """A section rendered by an app's own template, whose values it escaped."""
    from django.utils.safestring import mark_safe

    return mark_safe(html)  # noqa: S308 - rendered by the registering app's templates


def _child(child: dict) -> dict:
    born = child.get("born")
    if isinstance(born, date):  # a date of birth: only its month and year are shown
        child = {**child, "born": f"{born:%B %Y}"}
    return child


def _previous_profile(summary, history):
    previous_date = summary.get("previous_date")
    if previous_date is not None:
        for when, profile in history:
            if when == previous_date:
                return profile
    if len(history) >= 2:
        return history[-2][1]
    return None


def _profile_row(code: str, area: dict, primary: bool) -> dict:
    level = area.get("level")
    intensity = area.get("intensity")
    provision = area.get("provision")
    gap = area.get("gap")
    confidence = area.get("family_confidence")
    return {
        "code": code,
        "name": AREA_NAMES.get(code, code),
        "primary": primary,
        "level": NOT_RATED if level is None else f"{level} {LEVELS[level].name}",
        "level_meaning": "" if level is None else LEVELS[level].meaning,
        "level_known": level is not None,
        "intensity": NOT_RATED if intensity is None else f"{float(intensity):.2f}",
        "rated": f"{area.get('rated', 0)} of {area.get('of', 0)}",
        "provision": NOT_KNOWN if provision is None else str(provision),
        "gap": NOT_KNOWN if gap is None else ("none" if gap == 0 else str(gap)),
        "has_gap": bool(gap),
        "family_confidence": NOT_KNOWN if confidence is None else f"{confidence} of 4",
    }


def _level_name(level) -> str:
    return NOT_RATED if level is None else f"{level} {LEVELS[level].name}"


def _signed(value, places=0) -> str:
    if value is None:
        return NOT_KNOWN
    text = f"{float(value):+.{places}f}" if places else f"{int(value):+d}"
    return "0" if float(value) == 0 else text


def _change(comparison, profile, previous_profile, summary, who):
    if not comparison:
        return None
    previous_areas = (previous_profile or {}).get("areas") or {}
    current_areas = (profile or {}).get("areas") or {}
    rows = []
    for code, name in AREA_NAMES.items():
        change = (comparison.get("areas") or {}).get(code) or {}
        direction = change.get("direction")
        before = (previous_areas.get(code) or {}).get("level")
        after = (current_areas.get(code) or {}).get("level")
        if direction is None:
            level_text = "not compared"
            missing = "not rated last time" if before is None else "not rated this time"
            if before is None and after is None:
                missing = "not rated either time"
            note = missing
        else:
            level_text = _signed(change.get("level_change"))
            if previous_profile is not None:
                level_text += f" (from {before} to {after})"
            note = DIRECTION_NOTES[direction]
        rows.append(
            {
                "name": name,
                "direction": direction or "not compared",
                "note": note,
                "level_change": level_text,
                "intensity_change": "not compared"
                if direction is None
                else _signed(change.get("intensity_change"), places=2),
            }
        )
    trend = comparison.get("trend")
    previous_band = (previous_profile or {}).get("band")
    current_band = (profile or {}).get("band")
    explanation = TREND_EXPLANATIONS.get(trend, NO_TREND)
    if trend and previous_band and current_band:
        if previous_band == current_band:
            bands = f"Band {current_band} both times."
        else:
            bands = f"Band {previous_band} then, band {current_band} now."
    else:
        bands = ""
    return {
        "rows": rows,
        "overall": wording.trend_sentence(trend, who, summary.get("previous_date")),
        "sentences": [
            change["sentence"]
            for change in wording.area_changes(comparison, previous_profile, profile)
        ],
        "indicator_sentences": wording.indicator_changes(
            summary.get("previous_need"), summary.get("need")
        ),
        "trend": trend,
        "trend_word": trend or "no trend",
        "explanation": explanation,
        "bands": bands,
    }
