"""Finding services: words, area of need, age, locality, free, and distance from a postcode.

Everything arrives in the query string, so every search is a shareable
address and works without JavaScript. Bad values are reported to the person
searching (and the rest of the search still runs); they never cause an error.
The words are matched by :mod:`.search_index` (full-text search with stemming
and synonyms); each result says which of them it matched.

The local offer page (:mod:`.models`) runs the search, so this module finds
the app's models through the app registry instead of importing them.
"""

from dataclasses import dataclass, field

from django import forms
from django.db.models import Q

from vsend_plugin.core.govuk_forms import GovukErrorMessagesMixin
from vsend_plugin.core.models import Locality

from .postcodes import bounding_box, is_postcode, miles_between, normalise_postcode
from .search_index import _model, matching, parse, rank, reasons

DISTANCES = [
    ("", "Any distance"),
    ("1", "1 mile"),
    ("3", "3 miles"),
    ("5", "5 miles"),
    ("10", "10 miles"),
    ("20", "20 miles"),
]
#: The longest search a family can type (the ORUK API's ``text`` has the same limit).
MAX_QUERY_LENGTH = 200


class ServiceSearchForm(GovukErrorMessagesMixin, forms.Form):
    q = forms.CharField(
        label="Search for",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        help_text="For example, speech therapy, autism or short breaks",
        error_messages={
            "max_length": f"Search for {MAX_QUERY_LENGTH} characters or fewer",
            "null_characters_not_allowed": "Search for words and numbers only",
        },
    )
    area = forms.ModelChoiceField(
        label="Area of need",
        queryset=None,
        required=False,
        to_field_name="code",
        empty_label="Any area of need",
    )
    age = forms.IntegerField(label="Age of your child", required=False, min_value=0, max_value=25)
    locality = forms.ModelChoiceField(
        label="Where",
        queryset=Locality.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label="Anywhere",
    )
    free = forms.BooleanField(label="Free services only", required=False)
    postcode = forms.CharField(label="Postcode", required=False, max_length=10)
    distance = forms.TypedChoiceField(
        label="Within", choices=DISTANCES, required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, council=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.council = council
        self.fields["area"].queryset = _model("AreaOfNeed").objects.all()
        if council is not None:
            self.fields["locality"].queryset = council.localities.all()

    def clean_q(self):
        text = self.cleaned_data["q"].strip()
        if text and not parse(text, self.council):
            raise forms.ValidationError("Enter words to search for, like speech therapy")
        return text

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"].strip()
        if not postcode:
            return ""
        if not is_postcode(postcode):
            raise forms.ValidationError("Enter a full UK postcode, like NS1 1AA.")
        postcode = normalise_postcode(postcode)
        if _model("PostcodeCentroid").point_of(postcode) is None:
            raise forms.ValidationError(
                f"We could not find {postcode}. Check it, or search without it."
            )
        return postcode

    def clean(self):
        data = super().clean()
        if data.get("distance") and not data.get("postcode") and "postcode" not in self.errors:
            self.add_error("postcode", "Enter a postcode to search by distance")
        return data


@dataclass
class Result:
    service: "ServicePage"  # noqa: F821
    miles: float | None = None
    matches: list = field(default_factory=list)  # the words of the search it matched
    rank: float = 0.0


@dataclass
class ServiceSearch:
    form: ServiceSearchForm
    results: list = field(default_factory=list)  # of Result
    searched: bool = False
    query: str = ""

    @property
    def count(self):
        return len(self.results)


def filter_by_text(services, text, council=None):
    """``services`` narrowed to those matching ``text``, and the query's concepts."""
    concepts = parse(text, council)
    return matching(services, concepts, ranked=True), concepts


def search_services(index_page, params):
    council = getattr(index_page.get_site(), "council", None)
    form = ServiceSearchForm(params or None, council=council)
    services = (
        _model("ServicePage")
        .objects.live()
        .descendant_of(index_page)
        .select_related("organisation", "search_document")
    )
    if not form.is_bound:
        return ServiceSearch(form, [Result(s) for s in services.order_by("title")])
    form.is_valid()  # invalid fields are dropped from the search and shown as errors
    data = {name: value for name, value in form.cleaned_data.items() if name not in form.errors}
    concepts = []
    if data.get("q"):
        services, concepts = filter_by_text(services, data["q"], council)
    if data.get("area"):
        services = services.filter(areas_of_need=data["area"])
    if data.get("age") is not None:
        age = data["age"]
        services = services.filter(Q(min_age__isnull=True) | Q(min_age__lte=age)).filter(
            Q(max_age__isnull=True) | Q(max_age__gte=age)
        )
    if data.get("locality"):
        services = services.filter(Q(localities=data["locality"]) | Q(localities__isnull=True))
    if data.get("free"):
        services = services.filter(is_free=True)
    origin = _model("PostcodeCentroid").point_of(data["postcode"]) if data.get("postcode") else None
    if origin is not None and data.get("distance"):
        # Only services with a place inside the box around the distance are measured exactly.
        latitudes, longitudes = bounding_box(origin, data["distance"])
        services = services.filter(
            locations__latitude__range=latitudes, locations__longitude__range=longitudes
        )
    services = services.distinct().prefetch_related("locations")
    results = []
    for service in services:
        miles = None
        if origin is not None:
            points = [
                (loc.latitude, loc.longitude)
                for loc in service.locations.all()
                if loc.latitude is not None
            ]
            miles = min((miles_between(origin, point) for point in points), default=None)
            if data.get("distance") and (miles is None or miles > data["distance"]):
                continue
        if concepts:
            found = reasons(service, concepts)
            results.append(Result(service, miles, found, rank(service, concepts)))
        else:
            results.append(Result(service, miles))
    if origin is not None:
        results.sort(key=lambda r: (r.miles is None, r.miles or 0, -r.rank, r.service.title))
    else:
        results.sort(key=lambda r: (-r.rank, r.service.title))
    return ServiceSearch(form, results, searched=True, query=data.get("q", ""))
