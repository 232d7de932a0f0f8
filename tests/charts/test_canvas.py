"""The SVG canvas every chart is drawn on: well formed, accessible, escaped, printable."""

import base64
import io
import xml.etree.ElementTree as ET

import pytest
from svglib.svglib import svg2rlg

from vsend_plugin.charts import MARKER_SHAPES, Canvas, svg_data_uri

SVG = "{http://www.w3.org/2000/svg}"


def drawn(**options):
    canvas = Canvas(
        300,
        120,
        options.pop("title", "Children <& bands>"),
        options.pop("description", 'Band "A": 3 & more.'),
        kind="test",
        **options,
    )
    canvas.open_group({"class": "bar", "data-label": 'Setting "<Oak>" & co'})
    canvas.rect(10, 10, 100, 20, fill="#1d70b8")
    canvas.hatched_rect(110, 10, 40, 20, "#1d70b8")
    canvas.line(10, 40, 290, 40, stroke="#505a5f", width=1, dash="4 3")
    canvas.polyline([(10, 60), (100, 70), (200, 65)], stroke="#d4351c", width=2.5)
    for number, shape in enumerate(MARKER_SHAPES):
        canvas.marker(shape, 20 + number * 30, 90, "#00703c")
    canvas.text(10, 110, "Oak & <Ash> school", size=12, bold=True)
    canvas.close_group()
    return canvas.render()


def test_a_chart_is_a_well_formed_image_with_its_title_and_description():
    root = ET.fromstring(drawn())
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, description = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text == "Children <& bands>"
    assert description.text == 'Band "A": 3 & more.'
    assert root.get("aria-labelledby").split() == [title.get("id"), description.get("id")]
    assert (root.get("width"), root.get("height"), root.get("viewBox")) == (
        "300",
        "120",
        "0 0 300 120",
    )


def test_every_text_and_attribute_is_escaped():
    root = ET.fromstring(drawn())
    (group,) = [g for g in root.iter(f"{SVG}g") if g.get("class") == "bar"]
    assert group.get("data-label") == 'Setting "<Oak>" & co'
    assert [text.text for text in root.iter(f"{SVG}text")] == ["Oak & <Ash> school"]


def test_a_white_background_covers_the_whole_canvas_first():
    root = ET.fromstring(drawn())
    background = root.find(f"{SVG}rect")
    assert [background.get(name) for name in ("x", "y", "width", "height", "fill")] == [
        "0",
        "0",
        "300",
        "120",
        "#ffffff",
    ]


def test_charts_on_one_page_never_share_an_id():
    one = ET.fromstring(drawn(title="Bands, Q1"))
    other = ET.fromstring(drawn(title="Bands, Q2"))
    assert one.find(f"{SVG}title").get("id") != other.find(f"{SVG}title").get("id")
    chosen = ET.fromstring(drawn(id_prefix="ratings-chart"))
    assert chosen.get("aria-labelledby") == "ratings-chart-title ratings-chart-desc"


def test_a_fluid_chart_fills_its_column_and_keeps_its_proportions():
    root = ET.fromstring(drawn(fluid=True))
    assert root.get("width") == "100%" and root.get("height") is None
    assert root.get("viewBox") == "0 0 300 120"


def test_svglib_draws_every_shape_at_the_canvas_size():
    """What xhtml2pdf does with a chart in a PDF summary."""
    drawing = svg2rlg(io.BytesIO(drawn().encode()))
    assert drawing is not None and drawing.contents
    # svglib reads SVG pixels as CSS pixels: 0.75 points each.
    assert (drawing.width, drawing.height) == (300 * 0.75, 120 * 0.75)


def test_the_hatching_stays_inside_its_box():
    canvas = Canvas(100, 50, "t", "d", kind="test")
    canvas.hatched_rect(10, 10, 40, 20, "#1d70b8")
    root = ET.fromstring(canvas.render())
    (stripes,) = [path for path in root.iter(f"{SVG}path")]
    numbers = [float(word) for word in stripes.get("d").split() if word not in ("M", "L")]
    xs, ys = numbers[0::2], numbers[1::2]
    assert min(xs) >= 10 and max(xs) <= 50 and min(ys) >= 10 and max(ys) <= 30


def test_an_unknown_marker_shape_is_refused_by_name():
    canvas = Canvas(100, 50, "t", "d", kind="test")
    with pytest.raises(ValueError, match="star"):
        canvas.marker("star", 10, 10, "#1d70b8")


def test_a_chart_becomes_a_data_uri_for_a_pdf():
    svg = drawn()
    uri = svg_data_uri(svg)
    assert uri.startswith("data:image/svg+xml;base64,")
    assert base64.b64decode(uri.split(",", 1)[1]).decode("utf-8") == svg
