"""A filled-in form's answers as ratings, texts and the council's own answers.

The form's bindings (:mod:`.binding`) say which field rates which indicator;
this is the one place that reads them back out of a form's cleaned data, so
the practitioner's and the family's pages and the saved drafts agree.
"""

from .binding import FAMILY_CONFIDENCE, NEED, PROVISION, bindings


def answers_from(council_form, cleaned_data):
    """``(need, provision, family_confidence, texts, other answers)`` from a valid form."""
    need, provision, confidence = {}, {}, {}
    texts = {"strengths": [], "aspirations": [], "views": []}
    scored = {NEED: need, PROVISION: provision, FAMILY_CONFIDENCE: confidence}
    bound_names = set()
    for binding in bindings(council_form.form.fields):
        bound_names.add(binding.field_name)
        value = cleaned_data.get(binding.field_name)
        if binding.field_type in scored:
            scored[binding.field_type][binding.code] = value
        elif value:
            texts[binding.field_type].append(value.strip())
    other = {
        name: value if isinstance(value, (str, int, float, bool, list, type(None))) else str(value)
        for name, value in cleaned_data.items()
        if name not in bound_names and name != "form_version"
    }
    joined = {kind: "\n\n".join(parts) for kind, parts in texts.items()}
    return need, provision, confidence, joined, other
