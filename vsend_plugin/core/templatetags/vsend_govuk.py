"""Render Django form fields as GOV.UK Design System components."""

from django import forms, template

register = template.Library()


@register.inclusion_tag("vsend/core/includes/govuk_field.html")
def govuk_field(field, legend_size="s"):
    widget = field.field.widget
    if isinstance(widget, forms.RadioSelect):
        kind = "radios"
    elif isinstance(widget, forms.CheckboxSelectMultiple):
        kind = "checkboxes"
    elif isinstance(widget, forms.CheckboxInput):
        kind = "checkbox"
    elif isinstance(widget, forms.Textarea):
        kind = "textarea"
    elif isinstance(widget, forms.Select):
        kind = "select"
    elif isinstance(widget, forms.HiddenInput):
        kind = "hidden"
    else:
        kind = "input"
    value = field.value()
    selected = {str(v) for v in value} if isinstance(value, (list, tuple)) else {str(value)}
    return {
        "field": field,
        "kind": kind,
        "legend_size": legend_size,
        "selected": selected,
        "input_type": getattr(widget, "input_type", "text"),
        "max_length": getattr(field.field, "max_length", None),
    }


@register.inclusion_tag("vsend/core/includes/govuk_error_summary.html")
def govuk_error_summary(form, labelled=False):
    """A form's errors, each linking to its field.

    Front-end messages name their question ("Select a level for hearing",
    "Enter your email address"), as GOV.UK's summaries read; ``labelled=True``
    prefixes each with the field's label, for a form whose messages do not.
    """
    if not hasattr(form, "non_field_errors"):  # no form on the page (a preview, say)
        return {"problems": []}
    problems = [{"message": error, "href": ""} for error in form.non_field_errors()]
    for field in form:
        for error in field.errors:
            message = f"{field.label}: {error}" if labelled else error
            problems.append({"message": message, "href": f"#{govuk_error_anchor(field)}"})
    return {"problems": problems}


@register.inclusion_tag("vsend/core/includes/govuk_error_summary.html")
def govuk_problems(problems):
    """An error summary of ready-made ``{"message", "href"}`` items (links to other pages)."""
    return {"problems": problems}


@register.simple_tag
def govuk_error_anchor(field):
    """Where an error summary link should go: the first option of a set of radios or checkboxes."""
    if isinstance(field.field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        return f"{field.auto_id}_0"
    return field.id_for_label or field.auto_id


TITLE_SEPARATOR = " – "


@register.filter(is_safe=True)
def govuk_title(value):
    """A page's <title> with each part once: "Sign in – Northshire Council – Support for ...".

    Templates build titles by adding their part in front of the base
    template's (``{% block title %}Results – {{ block.super }}``), and a
    page's title can be its council's name (a home page) or its section's
    (a local offer called "Local offer"). Parts after the first that repeat
    an earlier one are dropped, so no combination repeats itself.
    """
    parts, seen = [], set()
    text = " ".join(str(value).split()).strip(" " + TITLE_SEPARATOR.strip())
    for part in text.split(TITLE_SEPARATOR):
        part = part.strip()
        key = part.casefold().removeprefix("error: ")
        if part and key not in seen:
            seen.add(key)
            parts.append(part)
    return TITLE_SEPARATOR.join(parts)
