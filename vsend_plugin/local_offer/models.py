"""Local offer pages, the organisations behind services, and the council's categories."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from vsend_plugin.core.admin_forms import CouncilScopedPageForm
from vsend_plugin.core.blocks import ContentBlocks
from vsend_plugin.core.models import Council
from vsend_plugin.core.ownership import CouncilWall

from .postcodes import normalise_postcode
from .search import search_services
from .vector_field import SearchVectorColumn


class AreaOfNeed(models.Model):
    """One of the scheme's five areas, so services can say which needs they serve."""

    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=120)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order"]
        verbose_name = _("area of need")
        verbose_name_plural = _("areas of need")

    def __str__(self):
        return self.name


class ServiceCategory(CouncilWall, models.Model):
    """A council's own category of services (its taxonomy), e.g. 'Short breaks'."""

    oruk_id = models.UUIDField(
        default=uuid.uuid4,
        editable=False,
        unique=True,
        help_text=_("The identifier published in the Open Referral UK API."),
    )
    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="service_categories"
    )
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=60)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["council__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "slug"], name="vsend_category_slug_per_council"
            )
        ]
        verbose_name = _("service category")
        verbose_name_plural = _("service categories")

    def __str__(self):
        return self.name


class Organisation(CouncilWall, models.Model):
    """Who runs a service: the council, a charity, a health trust, a school."""

    oruk_id = models.UUIDField(
        default=uuid.uuid4,
        editable=False,
        unique=True,
        help_text=_("The identifier published in the Open Referral UK API."),
    )
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="organisations")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        ordering = ["council__name", "name"]
        verbose_name = _("organisation")

    def __str__(self):
        return self.name


class LocalOfferIndexPage(Page):
    """The front door of the local offer: search, filters and results."""

    introduction = models.TextField(blank=True)
    body = StreamField(ContentBlocks(), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    template = "vsend/local_offer/local_offer_index_page.html"
    subpage_types = ["vsend_local_offer.ServicePage"]
    max_count_per_parent = 1
    show_in_menus_default = True  # one of the council's main sections, in the header

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["search"] = search_services(self, request.GET)
        return context


class ServicePage(CouncilWall, Page):
    """One local service, described the way families ask about it and ORUK records it."""

    oruk_id = models.UUIDField(
        default=uuid.uuid4,
        editable=False,
        unique=True,
        help_text=_("The identifier published in the Open Referral UK API."),
    )
    description = models.TextField(
        help_text=_("What the service does, in plain English, for families."),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="services", null=True, blank=True
    )
    body = StreamField(ContentBlocks(), blank=True, use_json_field=True)
    areas_of_need = ParentalManyToManyField(
        AreaOfNeed,
        blank=True,
        related_name="services",
        help_text=_("The areas of need this service helps with."),
    )
    categories = ParentalManyToManyField(ServiceCategory, blank=True, related_name="services")
    localities = ParentalManyToManyField(
        "vsend_core.Locality",
        blank=True,
        related_name="services",
        help_text=_("Leave empty for a service open to the council's whole area."),
    )
    min_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, validators=[MaxValueValidator(25)]
    )
    max_age = models.PositiveSmallIntegerField(
        _("maximum age"), null=True, blank=True, validators=[MaxValueValidator(25)]
    )
    is_free = models.BooleanField(_("free to families"), default=True)
    cost_description = models.CharField(
        _("cost"),
        max_length=255,
        blank=True,
        help_text=_("E.g. '£5 a session; free with a short breaks plan'."),
    )
    eligibility = models.TextField(_("who can use it"), blank=True)
    how_to_access = models.TextField(
        _("how to get it"),
        blank=True,
        help_text=_("How to access or be referred: self-referral, GP, school."),
    )
    languages = models.CharField(
        _("languages"),
        max_length=255,
        blank=True,
        help_text=_("Comma-separated, e.g. 'English, Polish, BSL'."),
    )
    accessibility = models.TextField(_("accessibility"), blank=True)
    opening_times = models.TextField(_("opening times"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    telephone = models.CharField(_("telephone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)

    search_fields = Page.search_fields + [
        index.SearchField("description"),
        index.SearchField("eligibility"),
        index.FilterField("is_free"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("description"),
        FieldPanel("organisation"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("areas_of_need", widget=forms.CheckboxSelectMultiple),
                FieldPanel("categories"),
                FieldPanel("localities"),
            ],
            heading=_("Who it is for"),
        ),
        MultiFieldPanel(
            [FieldPanel("min_age"), FieldPanel("max_age"), FieldPanel("eligibility")],
            heading=_("Ages and eligibility"),
        ),
        MultiFieldPanel(
            [FieldPanel("is_free"), FieldPanel("cost_description"), FieldPanel("how_to_access")],
            heading=_("Cost and access"),
        ),
        InlinePanel("locations", label=_("Locations")),
        InlinePanel("contacts", label=_("Contacts")),
        MultiFieldPanel(
            [
                FieldPanel("email"),
                FieldPanel("telephone"),
                FieldPanel("website"),
                FieldPanel("opening_times"),
                FieldPanel("languages"),
                FieldPanel("accessibility"),
            ],
            heading=_("Contact and practical details"),
        ),
        FieldPanel("last_reviewed"),
    ]
    base_form_class = CouncilScopedPageForm
    template = "vsend/local_offer/service_page.html"
    parent_page_types = ["vsend_local_offer.LocalOfferIndexPage"]
    subpage_types = []

    def clean(self):
        super().clean()
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            raise ValidationError(
                {"max_age": _("The maximum age must not be below the minimum age.")}
            )

    @property
    def language_list(self):
        return [language.strip() for language in self.languages.split(",") if language.strip()]


class ServiceLocation(Orderable):
    oruk_id = models.UUIDField(
        default=uuid.uuid4,
        editable=False,
        unique=True,
        help_text=_("The identifier published in the Open Referral UK API."),
    )
    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(_("name"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=255)
    town = models.CharField(_("town or city"), max_length=100, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10)
    latitude = models.FloatField(
        null=True,
        blank=True,
        validators=[MinValueValidator(49.0), MaxValueValidator(61.0)],
        help_text=_("Left empty, it is taken from the postcode."),
    )
    longitude = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(-9.0), MaxValueValidator(2.5)]
    )
    accessibility = models.CharField(_("accessibility"), max_length=255, blank=True)

    #: Whose it is: its service's council.
    vsend_council_parent = "page"

    class Meta(Orderable.Meta):
        # A search by distance looks places up by a box of latitude and longitude.
        indexes = [models.Index(fields=["latitude", "longitude"], name="vsend_location_point")]

    panels = [
        FieldPanel(name)
        for name in (
            "name",
            "address",
            "town",
            "postcode",
            "latitude",
            "longitude",
            "accessibility",
        )
    ]

    def save(self, *args, **kwargs):
        self.postcode = normalise_postcode(self.postcode)
        if self.latitude is None or self.longitude is None:
            point = PostcodeCentroid.point_of(self.postcode)
            if point is not None:
                self.latitude, self.longitude = point
        super().save(*args, **kwargs)


class ServiceContact(Orderable):
    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=120)
    title = models.CharField(_("role"), max_length=120, blank=True)
    telephone = models.CharField(_("telephone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("title"), FieldPanel("telephone"), FieldPanel("email")]

    #: Whose it is: its service's council.
    vsend_council_parent = "page"


class ServiceSearchDocument(models.Model):
    """What the local offer search reads for one service, rebuilt whenever the service is saved.

    ``title``, ``body`` and ``extra`` are the service's words by weight (its
    title; what it does and who it is for; who runs it, its categories,
    places and times; areas of need are left to the search's own filter).
    ``stems`` and ``title_stems`` are their Snowball stems, space-separated
    with a space at each end, which the search matches on SQLite; on
    PostgreSQL ``vector`` is the weighted ``tsvector``.
    """

    page = models.OneToOneField(
        ServicePage, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    title = models.TextField(blank=True)
    body = models.TextField(blank=True)
    extra = models.TextField(blank=True)
    stems = models.TextField(blank=True)
    title_stems = models.TextField(blank=True)
    vector = SearchVectorColumn(null=True, blank=True)

    vsend_council_parent = "page"  # the service's own words, in its council

    class Meta:
        verbose_name = _("service search document")

    def __str__(self):
        return self.title


class SearchSynonym(models.Model):
    """Words a council's families use for the same thing, added to vsend's own list."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="search_synonyms")
    terms = models.TextField(
        _("words that mean the same"),
        help_text=_(
            "Separate words or phrases with commas, e.g. 'Rainbow Centre, child development "
            "centre, CDC'. A search for any of them finds services that use any other."
        ),
    )

    class Meta:
        ordering = ["council__name", "terms"]
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")

    def __str__(self):
        return ", ".join(self.term_list)

    @property
    def term_list(self):
        terms = self.terms.replace("\n", ",").split(",")
        return tuple(term.strip() for term in terms if term.strip())

    def clean(self):
        super().clean()
        from .words import words

        if len([term for term in self.term_list if words(term)]) < 2:
            raise ValidationError(
                {"terms": _("Enter at least two words or phrases, separated by commas.")}
            )


class PostcodeCentroid(models.Model):
    """Where a postcode is, from a table shipped with the data: no external geocoder."""

    postcode = models.CharField(max_length=10, unique=True)
    latitude = models.FloatField()
    longitude = models.FloatField()

    class Meta:
        verbose_name = _("postcode centroid")

    def __str__(self):
        return self.postcode

    @classmethod
    def point_of(cls, postcode):
        """(latitude, longitude) of a postcode in the shipped table, or None."""
        point = cls.objects.filter(postcode=normalise_postcode(postcode)).first()
        return (point.latitude, point.longitude) if point else None


class OrdinarilyAvailableProvision(models.Model):
    """What every setting in the council's area provides, without any application, for a need.

    Written per area of need and level, so that a band and the support a
    family can expect are read together on the child's profile.
    """

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="ordinarily_available"
    )
    area = models.ForeignKey(AreaOfNeed, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(validators=[MaxValueValidator(4)])
    what_you_can_expect = models.TextField(
        help_text=_(
            "In plain English, what every setting does for a child with this level of need."
        )
    )

    class Meta:
        ordering = ["council__name", "area__sort_order", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "area", "level"], name="vsend_one_offer_per_area_level"
            )
        ]
        verbose_name = _("ordinarily available provision")
        verbose_name_plural = _("ordinarily available provision")

    def __str__(self):
        return f"{self.area}, level {self.level}"
