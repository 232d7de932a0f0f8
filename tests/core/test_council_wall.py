"""The wall between councils, as a matrix: every field that points at a council's objects.

The fields are discovered from the models (every vsend ForeignKey, OneToOne,
ManyToMany and ParentalManyToMany towards a council-owned model), not listed
by hand; each is tried with its own council's object and another council's:

* the model: ``full_clean()`` and ``save()`` refuse the other council's object
  with an error on that field, and nothing is written;
* the admin form: the choices hold the own council's object and not the
  other's, and choosing the other's is an error on that field (a superuser,
  who is offered every council's, is refused too).

Then end to end: the admin answers a POST with another council's locality with
the form and its error (not a 500, nothing saved), the choosers list and return
only the user's council's objects, the listings' filters offer only theirs, and
the local offer's front-end filter offers only the site's council's localities.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Page
from wagtailstreamforms.models import Form

from tests.conftest import create_child, create_council
from tests.once import copy_for_a_test, made_once_a_module
from vsend_plugin.assessments.models import (
    AccessEvent,
    Assessment,
    AssessmentVersion,
    Child,
    NeedsMappingDraft,
)
from vsend_plugin.core.admin_forms import CouncilScopedFormMixin
from vsend_plugin.core.models import Locality, Practitioner, Role, Setting
from vsend_plugin.core.ownership import CouncilWall, council_references, walled_models
from vsend_plugin.local_offer.models import (
    LocalOfferIndexPage,
    Organisation,
    ServiceCategory,
    ServicePage,
)
from vsend_plugin.moderation.models import ModerationRound, SecondRating
from vsend_plugin.needs_forms.models import CouncilForm
from vsend_plugin.planning.models import Outcome, ProvisionService, SupportItem, SupportPlan
from vsend_plugin.records.models import ChildTransfer, ImportedRecord
from vsend_plugin.toolkit.models import (
    CaseReview,
    CaseReviewPage,
    SelfAssessmentPage,
    SelfAssessmentResponse,
    SurveyPage,
    SurveyResponse,
    ToolkitIndexPage,
)

pytestmark = pytest.mark.django_db

FIELDS = sorted(
    ((model, field.name) for model in walled_models() for field in council_references(model)),
    key=lambda pair: (pair[0]._meta.label, pair[1]),
)
FIELD_IDS = [f"{model.__name__}.{name}" for model, name in FIELDS]

KNOWN = {
    (ServicePage, "localities"),
    (ServicePage, "categories"),
    (ServicePage, "organisation"),
    (Setting, "locality"),
    (Child, "setting"),
    (Child, "locality"),
    (Practitioner, "setting"),
    (Assessment, "child"),
    (AccessEvent, "child"),
    (AccessEvent, "assessment"),
    (CouncilForm, "form"),
    (AssessmentVersion, "form"),
    (SelfAssessmentResponse, "page"),
    (SurveyResponse, "page"),
    (CaseReview, "page"),
    (SupportPlan, "child"),
    (SupportItem, "plan"),
    (SupportItem, "catalogue_entry"),
    (Outcome, "plan"),
    (Outcome, "reviewed_with"),
    (ProvisionService, "services"),
    (SecondRating, "round"),
    (SecondRating, "assessment"),
    (ChildTransfer, "child"),
    (ImportedRecord, "child"),
}


def test_the_discovered_fields_include_every_known_one():
    assert FIELDS, "no council references found"
    assert KNOWN <= set(FIELDS), KNOWN - set(FIELDS)


@pytest.mark.parametrize("model", walled_models(), ids=lambda m: m.__name__)
def test_every_model_with_council_references_is_walled(model):
    assert issubclass(model, CouncilWall)


class World:
    """Each council's object of every kind a walled field points at, and an owner of each."""

    def __init__(self, councils, make_child):
        self.councils = councils
        self.targets = {}
        self.owners = {}
        self.creator = get_user_model().objects.create_user("wall-creator")
        for place, council in councils.items():
            self.targets[place] = self.build(council, make_child)

    def build(self, council, make_child):
        root = council.site.root_page
        offer = root.add_child(
            instance=LocalOfferIndexPage(title="Local offer", slug="local-offer")
        )
        toolkit = root.add_child(
            instance=ToolkitIndexPage(title="Toolkit", slug="toolkit", intro="", live=False)
        )
        child = make_child(council, f"{council.slug.upper()}-1")
        assessment = Assessment.objects.create(
            child=child, council=council, created_by=self.creator
        )
        form = Form.objects.create(
            title=f"{council.name} form", slug=f"{council.slug}-form", site=council.site
        )
        objects = {
            Locality: Locality.objects.create(
                council=council, name=f"{council.name} fields", slug=f"{council.slug}-fields"
            ),
            Setting: council.settings.order_by("pk").first(),
            Child: child,
            Assessment: assessment,
            Form: form,
            Organisation: Organisation.objects.create(
                council=council, name=f"{council.name} Trust"
            ),
            ServiceCategory: ServiceCategory.objects.create(
                council=council, name="Short breaks", slug="short-breaks"
            ),
            SelfAssessmentPage: toolkit.add_child(
                instance=SelfAssessmentPage(title="Self", slug="self", principles=[], live=False)
            ),
            SurveyPage: toolkit.add_child(
                instance=SurveyPage(title="Survey", slug="survey", statements=[], live=False)
            ),
            CaseReviewPage: toolkit.add_child(
                instance=CaseReviewPage(title="Review", slug="review", help_kinds=[], live=False)
            ),
        }
        objects[ServicePage] = offer.add_child(
            instance=ServicePage(title="Forum", slug="forum", description="Meet other parents.")
        )
        objects[CouncilForm], _ = CouncilForm.objects.get_or_create(
            form=form, defaults={"council": council, "kind": "other", "library_slug": "a-form"}
        )
        objects[SupportPlan] = SupportPlan.objects.create(child=child, council=council)
        objects[ProvisionService] = ProvisionService.objects.create(
            council=council, name="Talk Boost", support_type="group", areas=["CI"]
        )
        objects[ModerationRound] = ModerationRound.objects.create(council=council, name="Autumn")
        objects["owners"] = {
            Setting: objects[Setting],
            Child: child,
            Assessment: assessment,
            Practitioner: Practitioner.objects.create(
                user=self.creator, council=council, setting=objects[Setting]
            ),
            AccessEvent: AccessEvent.objects.create(
                council=council,
                user=self.creator,
                username="someone",
                action="view_child",
                child=child,
                assessment=assessment,
            ),
            CouncilForm: objects[CouncilForm],
            AssessmentVersion: AssessmentVersion.objects.create(
                assessment=assessment,
                number=1,
                source="practitioner",
                author=self.creator,
                need={"CL": 1},
                provision={"CL": 1},
                family_confidence={"CL": 1},
                profile={"complete": False},
                form=objects[CouncilForm],
            ),
            ServicePage: objects[ServicePage],
            SupportPlan: objects[SupportPlan],
            ProvisionService: objects[ProvisionService],
            SupportItem: SupportItem.objects.create(
                plan=objects[SupportPlan],
                council=council,
                support_type="group",
                area="CI",
                name="Talk Boost",
                starts="2026-09-01",
            ),
            Outcome: Outcome.objects.create(
                plan=objects[SupportPlan],
                council=council,
                area="CI",
                text="Asks for help in class",
                horizon="next_review",
            ),
            SelfAssessmentResponse: SelfAssessmentResponse.objects.create(
                page=objects[SelfAssessmentPage],
                council=council,
                ratings={"act_early": 2},
                created_by=self.creator,
            ),
            SurveyResponse: SurveyResponse.objects.create(
                page=objects[SurveyPage], council=council, answers={"s1": "agree"}
            ),
            CaseReview: CaseReview.objects.create(
                page=objects[CaseReviewPage],
                council=council,
                case_reference="X-1",
                earlier_help="no",
                created_by=self.creator,
            ),
            ImportedRecord: ImportedRecord.objects.create(
                council=council, child=child, document={"format": "vsend-record/1"}
            ),
            ChildTransfer: ChildTransfer.objects.create(
                council=council,
                child=child,
                case_reference=child.case_reference,
                to_council=council,
            ),
            SecondRating: SecondRating.objects.create(
                round=objects[ModerationRound],
                council=council,
                assessment=assessment,
                rater=self.creator,
            ),
            NeedsMappingDraft: NeedsMappingDraft.objects.create(
                child=child,
                council=council,
                author=self.creator,
                form=objects[CouncilForm],
                form_version=1,
                answers={},
            ),
        }
        return objects

    def owner(self, model):
        return model.objects.get(pk=self.targets["own"]["owners"][model].pk)

    def target(self, model, name, place):
        related = model._meta.get_field(name).related_model
        return self.targets[place][related]


@made_once_a_module
def world_once():
    """The world, made once for the module's tests (tests/once.py)."""
    northshire = create_council("northshire", "E06000991")
    westmoor = create_council("westmoor", "E06000992")
    return World({"own": northshire, "other": westmoor}, create_child)


@pytest.fixture
def world(world_once):
    return copy_for_a_test(world_once)


@pytest.fixture
def northshire(world):
    """The world's own council: northshire, as ever, with the world's objects beside it."""
    return world.councils["own"]


@pytest.fixture
def westmoor(world):
    return world.councils["other"]


def assign(instance, name, value):
    field = instance._meta.get_field(name)
    if field.many_to_many:
        setattr(instance, name, [value])
    else:
        setattr(instance, name, value)


def stored(instance, name):
    instance = type(instance).objects.get(pk=instance.pk)
    field = instance._meta.get_field(name)
    if field.many_to_many:
        return set(getattr(instance, name).all())
    return {getattr(instance, name)} - {None}


@pytest.mark.parametrize("model,name", FIELDS, ids=FIELD_IDS)
def test_every_target_kind_has_objects_in_the_world(world, model, name):
    assert model in world.targets["own"]["owners"], f"add an owner of {model.__name__} to World"
    assert world.target(model, name, "own") is not None
    assert world.target(model, name, "other") is not None


@pytest.mark.parametrize("place", ["own", "other"])
@pytest.mark.parametrize("model,name", FIELDS, ids=FIELD_IDS)
def test_the_model_refuses_another_councils_object(world, model, name, place):
    instance = world.owner(model)
    before = stored(instance, name)
    target = world.target(model, name, place)
    assign(instance, name, target)
    # Versions are never changed, except by those who say they mean to.
    save_kwargs = {"force_update_allowed": True} if model is AssessmentVersion else {}
    if place == "own":
        instance.full_clean()
        instance.save(**save_kwargs)
        assert target in stored(instance, name)
        return
    with pytest.raises(ValidationError) as refused:
        instance.full_clean()
    assert name in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        instance.save(**save_kwargs)
    assert name in refused.value.message_dict
    assert stored(instance, name) == before


def test_adding_through_the_reverse_relation_is_refused(world):
    service = world.owner(ServicePage)
    other_locality = world.target(ServicePage, "localities", "other")
    from django.db import transaction

    with pytest.raises(ValidationError), transaction.atomic():
        other_locality.services.add(service)
    assert not other_locality.services.exists()


def admin_form_class(model):
    if issubclass(model, Page):
        return model.get_edit_handler().get_form_class()
    viewset = getattr(model, "snippet_viewset", None)
    return viewset.get_edit_handler().get_form_class() if viewset else None


ADMIN_FIELDS = [
    (model, name)
    for model, name in FIELDS
    if (form_class := admin_form_class(model)) is not None and name in form_class.base_fields
]
ADMIN_IDS = [f"{model.__name__}.{name}" for model, name in ADMIN_FIELDS]


def test_the_admin_forms_show_the_known_council_choices():
    names = {f"{model.__name__}.{name}" for model, name in ADMIN_FIELDS}
    assert {
        "ServicePage.localities",
        "ServicePage.categories",
        "ServicePage.organisation",
        "Setting.locality",
        "Child.setting",
        "Child.locality",
        "ProvisionService.services",
    } <= names


@pytest.mark.parametrize("model", sorted({m for m, _ in ADMIN_FIELDS}, key=str), ids=str)
def test_every_admin_form_with_council_choices_is_scoped(model):
    assert issubclass(admin_form_class(model), CouncilScopedFormMixin)


def bound_form(model, instance, user, data):
    form_class = admin_form_class(model)
    kwargs = {"instance": instance, "for_user": user, "data": data}
    if issubclass(model, Page):
        kwargs["parent_page"] = instance.get_parent()
        if data is not None:  # a page form needs its stream and inline forms' counts
            kwargs["data"] = page_post_data(instance, **data)
    return form_class(**kwargs)


def field_value(model, name, target):
    field = model._meta.get_field(name)
    return [str(target.pk)] if field.many_to_many else str(target.pk)


@pytest.mark.parametrize("model,name", ADMIN_FIELDS, ids=ADMIN_IDS)
def test_the_admin_form_offers_own_and_refuses_other(world, make_member, model, name):
    user = make_member(world.councils["own"], Role.OFFICER)
    instance = world.owner(model)
    own, other = world.target(model, name, "own"), world.target(model, name, "other")
    choices = bound_form(model, instance, user, None).fields[name].queryset
    assert own in choices and other not in choices
    data = {"council": str(world.councils["own"].pk), name: field_value(model, name, other)}
    form = bound_form(model, instance, user, data)
    assert not form.is_valid()
    assert name in form.errors


@pytest.mark.parametrize("model,name", ADMIN_FIELDS, ids=ADMIN_IDS)
def test_a_superuser_is_offered_all_but_refused_a_mix(world, admin_user, model, name):
    instance = world.owner(model)
    other = world.target(model, name, "other")
    form = bound_form(model, instance, admin_user, None)
    if "council" not in form.fields:  # fixed by where the object is: only that council's
        assert other not in form.fields[name].queryset
    data = {"council": str(world.councils["own"].pk), name: field_value(model, name, other)}
    form = bound_form(model, instance, admin_user, data)
    assert not form.is_valid()
    assert name in form.errors


# End to end, through the admin


def page_post_data(service, **extra):
    data = {
        "title": service.title,
        "slug": service.slug,
        "description": service.description,
        "body": "[]",
        "body-count": "0",
        "is_free": "on",
        "locations-TOTAL_FORMS": "0",
        "locations-INITIAL_FORMS": "0",
        "locations-MIN_NUM_FORMS": "0",
        "locations-MAX_NUM_FORMS": "1000",
        "contacts-TOTAL_FORMS": "0",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "1000",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize("place", ["own", "other"])
def test_an_editor_saving_a_service_with_a_locality(client, world, make_member, place):
    client.force_login(make_member(world.councils["own"], Role.EDITOR))
    service = world.owner(ServicePage)
    locality = world.target(ServicePage, "localities", place)
    url = reverse("wagtailadmin_pages:edit", args=[service.pk])
    page = client.get(url).content.decode()
    own_locality = world.target(ServicePage, "localities", "own")
    assert f'value="{own_locality.pk}"' in page
    assert f'value="{world.target(ServicePage, "localities", "other").pk}"' not in page
    response = client.post(
        url, page_post_data(service, localities=[str(locality.pk)], **{"action-publish": "1"})
    )
    if place == "own":
        assert response.status_code == 302, response.context and response.context["form"].errors
        assert set(ServicePage.objects.get(pk=service.pk).localities.all()) == {locality}
    else:
        assert response.status_code == 200
        assert "localities" in response.context["form"].errors
        assert not ServicePage.objects.get(pk=service.pk).localities.exists()


def test_adding_a_service_with_another_councils_locality_is_refused(client, world, make_member):
    client.force_login(make_member(world.councils["own"], Role.EDITOR))
    index = world.owner(ServicePage).get_parent()
    url = reverse("wagtailadmin_pages:add", args=["vsend_local_offer", "servicepage", index.pk])
    other = world.target(ServicePage, "localities", "other")
    blank = ServicePage(title="New", slug="new", description="New service.")
    response = client.post(
        url, page_post_data(blank, localities=[str(other.pk)], **{"action-publish": "publish"})
    )
    assert response.status_code == 200
    assert "localities" in response.context["form"].errors
    assert not ServicePage.objects.filter(slug="new").exists()


def snippet_url(model, view, *args):
    return reverse(
        f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:{view}", args=args
    )


def test_a_superuser_saving_a_setting_with_another_councils_locality(client, world, admin_user):
    client.force_login(admin_user)
    setting = world.owner(Setting)
    other = world.target(Setting, "locality", "other")
    response = client.post(
        snippet_url(Setting, "edit", setting.pk),
        {
            "council": world.councils["own"].pk,
            "name": setting.name,
            "kind": setting.kind,
            "locality": other.pk,
            "urn": "",
        },
    )
    assert response.status_code == 200
    assert "locality" in response.context["form"].errors
    setting.refresh_from_db()
    assert setting.locality != other


# Choosers and filters

CHOSEN = sorted(
    {
        related
        for model, name in FIELDS
        if hasattr(related := model._meta.get_field(name).related_model, "snippet_viewset")
    },
    key=str,
)


@pytest.mark.parametrize("model", CHOSEN, ids=str)
def test_the_snippet_choosers_list_and_return_only_the_users_council(
    client, world, make_member, model
):
    client.force_login(make_member(world.councils["own"], Role.OFFICER))
    own, other = world.targets["own"][model], world.targets["other"][model]
    chooser = model.snippet_viewset.chooser_viewset
    listing = client.get(reverse(chooser.get_url_name("choose_results"))).content.decode()
    assert str(own) in listing
    assert reverse(chooser.get_url_name("chosen"), args=[other.pk]) not in listing
    assert client.get(reverse(chooser.get_url_name("chosen"), args=[other.pk])).status_code == 404
    assert client.get(reverse(chooser.get_url_name("chosen"), args=[own.pk])).status_code == 200
    several = client.get(reverse(chooser.get_url_name("chosen_multiple")), {"id": [other.pk]})
    assert str(other) not in several.content.decode()


FILTERED = [Locality, Setting, *{m for m, _ in FIELDS if hasattr(m, "snippet_viewset")}]


def test_the_listing_filters_offer_only_the_users_councils(rf, world, make_member):
    from vsend_plugin.benchmarking.models import PartnerToken, Peer, PeerAggregate
    from vsend_plugin.core.ownership import is_council_owned

    user = make_member(world.councils["own"], Role.OFFICER)
    request = rf.get("/")
    request.user = user
    checked = 0
    for model in {*FILTERED, PartnerToken, Peer, PeerAggregate}:
        filterset_class = getattr(model.snippet_viewset, "filterset_class", None)
        if not isinstance(filterset_class, type):
            continue
        filterset = filterset_class(request=request, queryset=model.objects.none())
        for field in filterset.form.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and is_council_owned(queryset.model):
                from vsend_plugin.core.ownership import council_id_of

                assert {council_id_of(o) for o in queryset} <= {world.councils["own"].pk}, model
                checked += 1
    assert checked >= 3


# The front end


def test_the_local_offer_filter_offers_only_the_sites_localities(client, world):
    from vsend_plugin.local_offer.search import ServiceSearchForm

    own, other = world.councils["own"], world.councils["other"]
    other_slug = world.targets["other"][Locality].slug  # a slug the own council has not
    form = ServiceSearchForm({"locality": other_slug}, council=own)
    assert set(form.fields["locality"].queryset) == set(own.localities.all())
    assert not form.is_valid() and "locality" in form.errors
    index = world.owner(ServicePage).get_parent()
    client.defaults["HTTP_HOST"] = f"{own.slug}.localhost"
    page = client.get(index.url, {"locality": other_slug})
    assert page.status_code == 200
    html = page.content.decode()
    assert f"{own.name} fields" in html and f"{other.name} fields" not in html


TARGETS = sorted({model._meta.get_field(name).related_model for model, name in FIELDS}, key=str)


@pytest.mark.parametrize("target", TARGETS, ids=str)
def test_an_object_others_point_at_cannot_move_to_another_council(world, target):
    from vsend_plugin.core.ownership import owner_field

    if owner_field(target) != "council":
        pytest.skip("its council comes from where it is (a page, a form's site), not a field")
    assert issubclass(target, CouncilWall)
    model, name = next((m, n) for m, n in FIELDS if m._meta.get_field(n).related_model is target)
    referrer = world.owner(model)
    assign(referrer, name, world.targets["own"][target])
    referrer.save(**({"force_update_allowed": True} if model is AssessmentVersion else {}))
    obj = target._default_manager.get(pk=world.targets["own"][target].pk)
    obj.council = world.councils["other"]
    with pytest.raises(ValidationError) as refused:
        obj.full_clean()
    assert "council" in refused.value.message_dict
    with pytest.raises(ValidationError):
        obj.save()
    assert target._default_manager.get(pk=obj.pk).council == world.councils["own"]


# The database's own check, where the table keeps the council beside the reference

COMPOSITE_KEYS = [
    (Setting, "locality"),
    (Practitioner, "setting"),
    (Child, "setting"),
    (Child, "locality"),
    (Assessment, "child"),
    (AccessEvent, "child"),
    (SecondRating, "round"),
]


@pytest.mark.parametrize(
    "model,name", COMPOSITE_KEYS, ids=[f"{m.__name__}.{n}" for m, n in COMPOSITE_KEYS]
)
def test_the_database_refuses_a_cross_council_reference_written_around_models(world, model, name):
    from django.db import IntegrityError, connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("composite foreign keys are added on PostgreSQL only")
    owner = world.owner(model)
    other = world.target(model, name, "other")
    with pytest.raises(IntegrityError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        model.objects.filter(pk=owner.pk).update(**{name: other})
    own = world.target(model, name, "own")
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        model.objects.filter(pk=owner.pk).update(**{name: own})


def council_chosen_models():
    from django.apps import apps

    return sorted(
        (
            model
            for model in apps.get_models()
            if model._meta.app_label.startswith("vsend")
            and (form_class := admin_form_class(model)) is not None
            and "council" in form_class.base_fields
        ),
        key=str,
    )


def test_the_council_choice_is_in_the_known_forms():
    from vsend_plugin.benchmarking.models import PartnerToken, Peer

    assert {PartnerToken, Peer, Locality, Setting, Child, Organisation, ProvisionService} <= set(
        council_chosen_models()
    )


@pytest.mark.parametrize("model", council_chosen_models(), ids=str)
def test_the_council_choice_offers_only_the_users_council(northshire, westmoor, make_member, model):
    user = make_member(northshire, Role.OFFICER)
    form = admin_form_class(model)(for_user=user)
    assert issubclass(type(form), CouncilScopedFormMixin)
    assert list(form.fields["council"].queryset) == [northshire]
    refused = admin_form_class(model)(for_user=user, data={"council": str(westmoor.pk)})
    assert not refused.is_valid() and "council" in refused.errors
