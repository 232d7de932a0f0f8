"""PDF summary: a demo child's summary against a plain two-page xhtml2pdf document.

The baseline is the least a PDF summary could cost on this machine: a plain
two-page document (a 40-row table and one SVG bar chart, in ReportLab's
built-in font) rendered by xhtml2pdf in the same process. vsend's figure is
what the worker does for one assessment version of a demo child with three or
four assessments and a support plan: build the summary and the other apps'
sections, then render it (fonts, charts, two passes for "page N of M"). Both
are rendered ``--renders`` times after a warm-up, alternately, so that the
machine's other work falls on both alike.

    python tests/benchmarks/bench_pdf.py [--renders 30]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))

import results  # noqa: E402

PLAIN_TEMPLATE = """<html><head><style>
@page {{ size: a4; margin: 2cm; }}
body {{ font-family: Helvetica; font-size: 10pt; }}
td, th {{ border: 0.5pt solid #505a5f; padding: 3pt; }}
</style></head><body>
<h1>A plain document</h1>
<p>Two pages: a chart and a table of forty rows.</p>
<img src="data:image/svg+xml;base64,{chart}" width="400" height="200">
<table><tr><th>Row</th><th>Area</th><th>Level</th><th>Note</th></tr>{rows}</table>
</body></html>"""


def plain_chart() -> str:
    """A bar chart of five areas as SVG, drawn the plain way."""
    import base64

    bars = "".join(
        f'<rect x="{40 + index * 70}" y="{180 - height}" width="50" height="{height}" '
        f'fill="#1d70b8"/><text x="{65 + index * 70}" y="195" font-size="10" '
        f'text-anchor="middle">Area {index + 1}</text>'
        for index, height in enumerate((40, 90, 120, 60, 150))
    )
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200">'
        f'<line x1="30" y1="180" x2="390" y2="180" stroke="#0b0c0c"/>{bars}</svg>'
    )
    return base64.b64encode(svg.encode()).decode()


def plain_document() -> str:
    rows = "".join(
        f"<tr><td>{number}</td><td>Area {number % 5 + 1}</td><td>{number % 5}</td>"
        f"<td>Some words about row {number}.</td></tr>"
        for number in range(1, 41)
    )
    return PLAIN_TEMPLATE.format(chart=plain_chart(), rows=rows)


def render_plain(html: str) -> bytes:
    """The plain document, rendered by xhtml2pdf as installed (svglib parsing as it does)."""
    from svglib.svglib import svg2rlg
    from xhtml2pdf import pisa, xhtml2pdf_reportlab

    kept, xhtml2pdf_reportlab.svg2rlg = xhtml2pdf_reportlab.svg2rlg, svg2rlg
    output = BytesIO()
    try:
        status = pisa.CreatePDF(html, dest=output, encoding="utf-8")
    finally:
        xhtml2pdf_reportlab.svg2rlg = kept
    if status.err:
        raise SystemExit("the plain document did not render")
    return output.getvalue()


def set_up_demo(database):
    sys.path[:0] = [str(REPOSITORY / "site"), str(REPOSITORY)]
    os.environ["DJANGO_SETTINGS_MODULE"] = "vsend_site.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from vsend_site.demo.loader import load_demo

    call_command("migrate", verbosity=0)
    print("loading the demo (no bulk population)...", file=sys.stderr)
    load_demo(
        settings.DEMO_FIXTURES_DIR / "councils.yaml",
        population=0,
        log=lambda line: print(f"  {line}", file=sys.stderr),
    )


def demo_version():
    """The current version of the demo child with the most assessments and a support plan."""
    from django.db.models import Count

    from vsend_plugin.assessments.models import Child

    child = (
        Child.objects.filter(support_plan__isnull=False)
        .annotate(assessed=Count("assessments"))
        .order_by("-assessed", "pk")
        .first()
    )
    return child.assessments.order_by("-taken_at").first().current


def make_summary(version) -> bytes:
    """What the PDF task does for a version, but for storing the file."""
    from vsend_plugin.assessments.pdf import pdf_sections, render_summary_pdf
    from vsend_plugin.assessments.summaries import summary_for

    return render_summary_pdf({**summary_for(version), "sections": pdf_sections(version)})


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=30)
    options = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as directory:
        set_up_demo(Path(directory) / "bench.sqlite3")
        version = demo_version()
        child = version.assessment.child
        print(
            f"child {child.case_reference}: {child.assessments.count()} assessments, with a plan",
            file=sys.stderr,
        )
        html = plain_document()
        render_plain(html)  # warm up both: imports, fonts registered once a process
        make_summary(version)
        plain, vsend = [], []
        for index in range(options.renders):
            started = time.perf_counter()
            render_plain(html)
            plain.append(time.perf_counter() - started)
            started = time.perf_counter()
            make_summary(version)
            vsend.append(time.perf_counter() - started)
            if (index + 1) % max(1, options.renders // 5) == 0:
                print(f"  {index + 1}/{options.renders} renders of each", file=sys.stderr)

    plain_median, vsend_median = statistics.median(plain), statistics.median(vsend)
    print(f"PDF summary ({options.renders} renders of each, same run)")
    for label, values in (("plain two-page document", plain), ("vsend PDF summary", vsend)):
        print(
            f"{label:<26} median {statistics.median(values) * 1000:7.1f} ms   "
            f"p95 {percentile(values, 0.95) * 1000:7.1f} ms"
        )
    ratio = vsend_median / plain_median
    print(f"ratio vsend/plain: median {ratio:.2f}x (goal: 3x or less)")
    results.record(
        "pdf_render",
        vsend_median,
        "s",
        plain_median,
        p95=round(percentile(vsend, 0.95), 6),
        baseline_p95=round(percentile(plain, 0.95), 6),
    )


if __name__ == "__main__":
    main()
