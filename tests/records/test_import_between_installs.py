"""A record carried between two installs: exported by one, imported by the other, the same.

The other install is started by the test (its own database, demo data,
``runserver``: :mod:`tests.benchmarking.peer_install`). One of its children's
record is read from its API as its officer would, imported here through the
API, and then the two installs say the same: every version's profile byte
for byte, the child's trend (the change between assessments, in words), and
the PDF summary's figures.
"""

import json
import subprocess
import urllib.request

import pytest
from rest_framework.test import APIClient

from tests.benchmarking.peer_install import PeerInstall, peer_database
from tests.conftest import create_council, create_member
from vsend_plugin.assessments.history import change_since_previous, latest_versions
from vsend_plugin.assessments.models import Assessment, Child
from vsend_plugin.assessments.tasks import make_pdf_summary
from vsend_plugin.core.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def other_install(tmp_path_factory, django_db_setup):
    database_url, drop_database = peer_database(tmp_path_factory.mktemp("other"))
    install = PeerInstall(database_url, tmp_path_factory.mktemp("other-log") / "server.log")
    try:
        install.manage("migrate", "--noinput")
        install.manage("vsend_load_demo", "--children", "4", "--population", "0")
        install.start()
        yield install
    finally:
        install.stop()
        drop_database()


def read(install, token, path, accept="application/json"):
    request = urllib.request.Request(
        install.api_url + path, headers={"Authorization": f"Token {token}", "Accept": accept}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read()


def pdf_text(content, tmp_path, name):
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def figure_lines(text):
    """The PDF's lines about the areas' levels: what must agree, whoever the council is."""
    return [
        " ".join(line.split())
        for line in text.splitlines()
        if any(word in line for word in ("Communication", "Cognition", "Social", "Sensory"))
        and any(character.isdigit() for character in line)
    ]


def test_a_record_exported_by_one_install_imports_into_another_unchanged(
    other_install, tmp_path, pdf_storage
):
    found = other_install.run(
        "import json\n"
        "from django.db.models import Count\n"
        "from rest_framework.authtoken.models import Token\n"
        "from vsend_plugin.assessments.models import Child\n"
        "from django.contrib.auth import get_user_model\n"
        "child = Child.objects.annotate(n=Count('assessments')).filter(n__gte=2)"
        ".order_by('pk').first()\n"
        "officer = get_user_model().objects.get(username=f'{child.council.slug}-officer')\n"
        "token, _ = Token.objects.get_or_create(user=officer)\n"
        "print(json.dumps([child.pk, token.key]))\n"
    )
    child_id, token = found
    record = json.loads(read(other_install, token, f"children/{child_id}/record/"))
    theirs = json.loads(read(other_install, token, f"children/{child_id}/assessments/"))
    newest = max(theirs, key=lambda a: (a["taken_at"], a["id"]))
    their_pdf = read(other_install, token, f"assessments/{newest['id']}/pdf/", "application/pdf")

    here = create_council("harbourside", "E06000050")
    officer = create_member(here, Role.OFFICER)
    client = APIClient()
    client.force_authenticate(officer)
    setting = here.settings.order_by("pk").first()
    response = client.post(
        f"/api/vsend/v1/children/import/?setting={setting.pk}&locality=centre",
        json.dumps(record),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    child = Child.objects.get(pk=response.json()["id"])

    ours = client.get(f"/api/vsend/v1/children/{child.pk}/assessments/").json()
    assert [json.dumps(a["profile"], sort_keys=True) for a in ours] == [
        json.dumps(a["profile"], sort_keys=True) for a in theirs
    ]
    assert [a["taken_at"] for a in ours] == [a["taken_at"] for a in theirs]
    # the trend: each assessment's change since the one before, as each install works it out
    their_trend = other_install.run(
        "import json\n"
        "from vsend_plugin.assessments.history import change_since_previous, latest_versions\n"
        "from vsend_plugin.assessments.models import Child\n"
        f"child = Child.objects.get(pk={child_id})\n"
        "print(json.dumps([change_since_previous(v)[1] for v in latest_versions(child)]))\n"
    )
    our_trend = [change_since_previous(v)[1] for v in latest_versions(child)]
    assert json.loads(json.dumps(our_trend)) == their_trend and any(their_trend)
    assert Assessment.objects.filter(child=child).count() == len(theirs)

    newest_here = max(ours, key=lambda a: (a["taken_at"], a["id"]))
    make_pdf_summary(Assessment.objects.get(pk=newest_here["id"]).current.pk)
    our_pdf = client.get(f"/api/vsend/v1/assessments/{newest_here['id']}/pdf/")
    assert our_pdf.status_code == 200
    content = b"".join(our_pdf.streaming_content) if our_pdf.streaming else our_pdf.content
    their_lines = figure_lines(pdf_text(their_pdf, tmp_path, "theirs"))
    assert their_lines, "the other install's PDF shows no area figures"
    assert figure_lines(pdf_text(content, tmp_path, "ours")) == their_lines
