"""A real headless Chromium (Debian's package), driven by Playwright.

Playwright's own browser download is not used: tests launch
``/usr/bin/chromium`` (override with ``VSEND_CHROMIUM``). Screenshots of the
pages a test visits are saved under ``test-artifacts/screenshots/``.

The documentation's screenshots are made by the same tests: with
``VSEND_SCREENSHOTS=docs/_static/screenshots`` (``make screenshots``), a
screenshot given a ``docs`` name is also written there, cut to the top of the
page and reduced to a palette, so that the committed PNGs stay small.
"""

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
DOCS_SCREENSHOT_WIDTH = 1024  # wider pages (the dashboard) are scaled down to this
DOCS_SCREENSHOT_HEIGHT = 1400  # the top of a long page is what the docs show
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path():
    path = os.environ.get("VSEND_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail(
            "Chromium is not installed: `apt-get install chromium` (make test does this as root)."
        )
    return path


@pytest.fixture(scope="module")
def browser():
    """Chromium for one test module.

    Playwright's sync API runs an event loop in this thread while it is open;
    the ORM calls that fixtures make between browser steps are still plain
    synchronous calls, so Django's async-safety guard is lifted for that time
    only (it must never be set where a deployment check runs).
    """
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(page, name, docs=None):
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        if docs and os.environ.get("VSEND_SCREENSHOTS"):
            save_for_docs(page, ROOT / os.environ["VSEND_SCREENSHOTS"] / f"{docs}.png")
        return path

    return take


def save_for_docs(page, path):
    """The top of the page as a palette PNG: a tenth of a full-colour screenshot's size."""
    from io import BytesIO

    from PIL import Image

    width = page.viewport_size["width"]
    height = min(page.evaluate("document.documentElement.scrollHeight"), DOCS_SCREENSHOT_HEIGHT)
    png = page.screenshot(full_page=True, clip={"x": 0, "y": 0, "width": width, "height": height})
    image = Image.open(BytesIO(png)).convert("RGB")
    if image.width > DOCS_SCREENSHOT_WIDTH:
        ratio = DOCS_SCREENSHOT_WIDTH / image.width
        image = image.resize((DOCS_SCREENSHOT_WIDTH, round(image.height * ratio)), Image.LANCZOS)
    image = image.quantize(colors=128, method=Image.MEDIANCUT)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, optimize=True)


@pytest.fixture
def axe_violations():
    """Serious and critical WCAG 2.2 A/AA violations axe-core finds on the page."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def run(page):
        results = axe.run(
            page,
            options={
                "runOnly": {
                    "type": "tag",
                    "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
                }
            },
        )
        return [
            f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(node["target"][0] for node in v["nodes"][:3])
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]

    return run
