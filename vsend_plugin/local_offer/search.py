"""Finding services: keyword, area of need, age, locality, free, and distance from a postcode.

Everything arrives in the query string, so every search is a shareable
address and works without JavaScript. Bad values are reported to the person
searching (and the rest of the search still runs); they never cause an error.
"""

from dataclasses import dataclass, field

from django import forms
from django.db.models import Q

from vsend_plugin.core.models import Locality

from .models import AreaOfNeed, ServicePage
from .postcodes import centroid, is_postcode, miles_between, normalise_postcode

DISTANCES = [("", "Any distance"), ("1", "1 mile"), ("3", "3 miles"), ("5", "5 miles"), ("10", "10 miles"), ("20", "20 miles")]


class ServiceSearchForm(forms.Form):
    q = forms.CharField(label="Search for", required=False, max_length=200)
    area = forms.ModelChoiceField(
        label="Area of need", queryset=AreaOfNeed.objects.all(), required=False,
        to_field_name="code", empty_label="Any area of need",
    )
    age = forms.IntegerField(label="Age of your child", required=False, min_value=0, max_value=25)
    locality = forms.ModelChoiceField(
        label="Where", queryset=Locality.objects.none(), required=False, to_field_name="slug",
        empty_label="Anywhere",
    )
    free = forms.BooleanField(label="Free services only", required=False)
    postcode = forms.CharField(label="Postcode", required=False, max_length=10)
    distance = forms.TypedChoiceField(
        label="Within", choices=DISTANCES, required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, council=None, **kwargs):
        super().__init__(*args, **kwargs)
        if council is not None:
            self.fields["locality"].queryset = council.localities.all()

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"].strip()
        if not postcode:
            return ""
        if not is_postcode(postcode):
            raise forms.ValidationError("Enter a full UK postcode, like NS1 1AA.")
        postcode = normalise_postcode(postcode)
        if centroid(postcode) is None:
            raise forms.ValidationError(f"We could not find {postcode}. Check it, or search without it.")
        return postcode


@dataclass
class ServiceSearch:
    form: ServiceSearchForm
    results: list = field(default_factory=list)  # (service, miles or None)
    searched: bool = False

    @property
    def count(self):
        return len(self.results)


def search_services(index_page, params):
    council = getattr(index_page.get_site(), "council", None)
    form = ServiceSearchForm(params or None, council=council)
    services = ServicePage.objects.live().descendant_of(index_page).select_related("organisation")
    if not form.is_bound:
        return ServiceSearch(form, [(s, None) for s in services.order_by("title")])
    form.is_valid()  # invalid fields are dropped from the search and shown as errors
    data = {name: value for name, value in form.cleaned_data.items() if name not in form.errors}
    if data.get("q"):
        words = data["q"].split()
        for word in words:
            services = services.filter(
                Q(title__icontains=word) | Q(description__icontains=word) | Q(eligibility__icontains=word)
                | Q(organisation__name__icontains=word) | Q(categories__name__icontains=word)
            )
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
    services = services.distinct().prefetch_related("locations")
    origin = centroid(data["postcode"]) if data.get("postcode") else None
    results = []
    for service in services:
        miles = None
        if origin is not None:
            points = [(loc.latitude, loc.longitude) for loc in service.locations.all() if loc.latitude is not None]
            miles = min((miles_between(origin, point) for point in points), default=None)
            if data.get("distance") and (miles is None or miles > data["distance"]):
                continue
        results.append((service, miles))
    if origin is not None:
        results.sort(key=lambda item: (item[1] is None, item[1] or 0, item[0].title))
    else:
        results.sort(key=lambda item: item[0].title)
    return ServiceSearch(form, results, searched=True)
