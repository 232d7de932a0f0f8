"""Walking a needs mapping through its question pages, as a browser would post them."""

from django.urls import reverse

from vsend_plugin.needs_forms.steps import steps_for


def host(child):
    return {"HTTP_HOST": child.council.site.hostname}


def step_url(child, step):
    return reverse("vsend_assess_step", args=[child.pk, step.slug])


def check_url(child):
    return reverse("vsend_assess_check", args=[child.pk])


def post_steps(client, child, council_form, data):
    """Post each step's share of ``data``; returns the responses, step by step."""
    responses = []
    for step in steps_for(council_form.form.fields):
        share = {name: data[name] for name in step.field_names if name in data}
        responses.append(client.post(step_url(child, step), share, **host(child)))
    return responses


def record_by_steps(client, child, council_form, data):
    """Answer every step, then save from the check-answers page; returns its response."""
    for response in post_steps(client, child, council_form, data):
        assert response.status_code == 302, response.content.decode()[:2000]
    return client.post(
        check_url(child),
        {"form_version": data.get("form_version", council_form.version)},
        **host(child),
    )
