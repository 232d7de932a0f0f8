"""The chart package is plain Python: it must import and draw with no Django at all."""

from tests.without_django import run_without_django

SCRIPT = r"""
from vsend_plugin.charts import Canvas

canvas = Canvas(100, 50, "A chart", "What it shows", kind="check")
canvas.text(10, 20, "label", size=12)
assert canvas.render().startswith("<svg")
outside = sorted(
    name for name in sys.modules
    if name.startswith("vsend_plugin.") and not name.startswith("vsend_plugin.charts")
)
assert not outside, outside
print("ok")
"""


def test_the_chart_package_imports_and_draws_without_django_or_the_rest_of_vsend():
    assert run_without_django("vsend_plugin.charts", SCRIPT) == "ok"
