"""A council with a practitioner, an officer and a family for one child, for the plan's pages."""

from pathlib import Path

from vsend_plugin.core.models import Role
from vsend_plugin.needs_forms.importing import import_form
from vsend_plugin.needs_forms.library import read_library_file
from vsend_plugin.scoring import INDICATORS

LIBRARY = Path(__file__).resolve().parents[2] / "forms_library"
PASSWORD = "correct horse battery staple"


def need(level=1, **levels):
    """Every indicator at ``level``, with some others (``SEMH__wellbeing=3``)."""
    ratings = dict.fromkeys(INDICATORS, level)
    ratings.update({code.replace("__", "."): value for code, value in levels.items()})
    return ratings


def make_scene(council, make_member, make_child, django_user_model):
    from guardian.shortcuts import assign_perm

    council_form, _ = import_form(
        read_library_file(LIBRARY / "needs-mapping" / "core.yaml"), council
    )
    practitioner = make_member(council, Role.PRACTITIONER, f"{council.slug}-practitioner")
    other = make_member(council, Role.PRACTITIONER, f"{council.slug}-other-practitioner")
    officer = make_member(council, Role.OFFICER, f"{council.slug}-officer")
    child = make_child(council, f"{council.slug[:2].upper()}-0001", "Robin")
    child.practitioners.add(practitioner)
    parent = django_user_model.objects.create_user(f"{council.slug}-parent", password=PASSWORD)
    assign_perm("vsend_assessments.view_child", parent, child)
    return {
        "council": council,
        "form": council_form,
        "practitioner": practitioner,
        "other": other,
        "officer": officer,
        "parent": parent,
        "child": child,
        "host": {"HTTP_HOST": council.site.hostname},
    }
