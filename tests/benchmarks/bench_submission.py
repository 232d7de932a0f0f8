"""Submission latency: a council's needs-mapping form against a plain Wagtail form page.

Both forms have the same number of fields (the core needs-mapping form's 26),
both are posted through Django's test client in this process, and both run
against the same fresh SQLite database, so the ratio shows what vsend adds:
validation against the scheme, scoring, storing a versioned assessment and
queueing the PDF task for after commit (sent to Redis if it is running; the
PDF itself is made by a worker, not in the request). The needs mapping is
answered a step an area, each step saved to a draft; the timed request is the
last one, saving from the check-answers page, which validates the whole form
again and records the assessment. The steps' own saves are timed as well.
Also times a PDF render.

    python tests/benchmarks/bench_submission.py [--submissions 200]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))

import results  # noqa: E402


def set_up_django(database):
    sys.path[:0] = [str(REPOSITORY / "site"), str(REPOSITORY)]
    os.environ["DJANGO_SETTINGS_MODULE"] = "vsend_site.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    from vsend_site.celery import app

    app.conf.task_always_eager = False
    call_command("migrate", verbosity=0)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def succeeded(response):
    """A vsend form redirects; a Wagtail form page answers 200 with its landing page."""
    if response.status_code == 302:
        return True
    return response.status_code == 200 and b"Thank you" in response.content


def timed_post(client, url, data, host, label):
    """The seconds one post of ``data`` to ``url`` takes; stops the run if it fails."""
    started = time.perf_counter()
    response = client.post(url, data, HTTP_HOST=host)
    elapsed = time.perf_counter() - started
    if not succeeded(response):
        raise SystemExit(f"{label}: the submission failed ({response.status_code})")
    return elapsed


def step_poster(client, child, council_form, data, host, times):
    """Posts every step's answers to the practitioner's draft, timing each save."""
    from vsend_plugin.needs_forms.steps import steps_for

    steps = steps_for(council_form.form.fields)

    def post_steps():
        for step in steps:
            share = {name: data[name] for name in step.field_names}
            started = time.perf_counter()
            response = client.post(
                f"/children/{child.pk}/assess/{step.slug}/", share, HTTP_HOST=host
            )
            times.append(time.perf_counter() - started)
            if response.status_code != 302:
                raise SystemExit(f"step {step.slug}: the save failed ({response.status_code})")

    return post_steps


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=200)
    options = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as directory:
        set_up_django(Path(directory) / "bench.sqlite3")
        from django.contrib.auth import get_user_model
        from django.test import Client
        from wagtail.models import Page, Site

        from vsend_plugin.assessments.models import Child
        from vsend_plugin.core.models import Council, Locality, Role, Setting
        from vsend_plugin.needs_forms.binding import bindings
        from vsend_plugin.needs_forms.importing import import_form
        from vsend_plugin.needs_forms.library import read_library_file
        from vsend_site.home.models import CouncilHomePage, FeedbackFormField, FeedbackFormPage

        home = CouncilHomePage(title="Bench Council", slug="bench")
        Page.get_first_root_node().add_child(instance=home)
        site = Site.objects.create(hostname="bench.localhost", port=80, root_page=home)
        council = Council.objects.create(
            site=site, name="Bench Council", slug="bench", ons_code="E06000998"
        )
        locality = Locality.objects.create(council=council, name="Centre", slug="centre")
        setting = Setting.objects.create(
            council=council, locality=locality, name="School", kind="primary"
        )
        council_form, _ = import_form(
            read_library_file(REPOSITORY / "forms_library" / "needs-mapping" / "core.yaml"), council
        )
        user = get_user_model().objects.create_user("bench-practitioner")
        user.groups.add(council.group_for(Role.PRACTITIONER))
        child = Child.objects.create(
            council=council,
            setting=setting,
            locality=locality,
            case_reference="B-1",
            given_name="Bench",
            birth_month=1,
            birth_year=2015,
            year_group="year_5",
        )
        child.practitioners.add(user)

        vsend_data = {"form_version": council_form.version}
        plain_page = FeedbackFormPage(title="Plain form", slug="plain")
        home.add_child(instance=plain_page)
        plain_data = {}
        for index, binding in enumerate(bindings(council_form.form.fields)):
            rating = binding.field_type.endswith("_rating")
            vsend_data[binding.field_name] = 2 if rating else "Some words about the child."
            FeedbackFormField.objects.create(
                page=plain_page,
                sort_order=index,
                label=f"Question {index}",
                field_type="radio" if rating else "multiline",
                choices="0\n1\n2\n3\n4" if rating else "",
                required=True,
            )
            plain_data[f"question_{index}"] = "2" if rating else "Some words about the child."

        client = Client()
        client.force_login(user)
        host = "bench.localhost"
        vsend_url = f"/children/{child.pk}/assess/check-your-answers/"
        plain_url = "/plain/"
        fields = len(plain_data)
        print(
            f"{fields} fields on each form; {options.submissions} submissions each", file=sys.stderr
        )
        # warm up both paths, then alternate them so that the machine's other work falls on both
        step_times = []
        answer_steps = step_poster(client, child, council_form, vsend_data, host, step_times)
        for _ in range(5):
            timed_post(client, plain_url, plain_data, host, "warm-up plain")
            answer_steps()
            timed_post(client, vsend_url, vsend_data, host, "warm-up vsend")
        step_times.clear()
        plain, vsend = [], []
        for index in range(options.submissions):
            plain.append(timed_post(client, plain_url, plain_data, host, "plain Wagtail form"))
            answer_steps()
            vsend.append(timed_post(client, vsend_url, vsend_data, host, "vsend needs mapping"))
            if (index + 1) % max(1, options.submissions // 5) == 0:
                print(f"  {index + 1}/{options.submissions} submissions of each", file=sys.stderr)

        from vsend_plugin.assessments.recording import PDF_TASK
        from vsend_plugin.benchmarking.rollups import ROLLUP_TASK
        from vsend_plugin.core.models import PendingTask

        recorded = child.assessments.count()
        for task in (PDF_TASK, ROLLUP_TASK):
            queued = PendingTask.objects.filter(name=task)
            if queued.count() != recorded:
                raise SystemExit(f"{task}: {queued.count()} queued for {recorded} assessments")
        unsent = PendingTask.objects.filter(sent_at__isnull=True).count()
        print(
            f"{recorded} assessments, each with its PDF and rollup queued after commit "
            f"({unsent} left in the outbox: the broker was {'down' if unsent else 'up'})",
            file=sys.stderr,
        )
        from vsend_site.celery import app

        try:
            with app.connection_for_write() as connection:
                connection.default_channel.queue_purge("celery")
        except Exception:
            pass

    def row(label, values):
        median, p95 = statistics.median(values) * 1000, percentile(values, 0.95) * 1000
        return f"{label:<28} median {median:7.1f} ms   p95 {p95:7.1f} ms"

    print(f"Submission latency ({fields} fields, {options.submissions} submissions each, same run)")
    print(row("plain Wagtail form page", plain))
    print(row("vsend needs-mapping form", vsend))
    print(row("vsend step saved to a draft", step_times))
    print(
        f"ratio vsend/plain: median {statistics.median(vsend) / statistics.median(plain):.2f}x, "
        f"p95 {percentile(vsend, 0.95) / percentile(plain, 0.95):.2f}x (goal: 1.3x or less)"
    )
    results.record("submission_median", statistics.median(vsend), "s", statistics.median(plain))
    results.record("submission_p95", percentile(vsend, 0.95), "s", percentile(plain, 0.95))


if __name__ == "__main__":
    main()
