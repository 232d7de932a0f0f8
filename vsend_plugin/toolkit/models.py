"""Page types of the co-production toolkit.

A council keeps its toolkit in one section of its site (a
:class:`ToolkitIndexPage`, usually right under its home page) that holds only
toolkit pages, so editors are never offered page types that make no sense
there. The index itself may go anywhere: the plugin does not know the site's
home page type.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.safestring import mark_safe
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page

from vsend_plugin.core.blocks import ContentBlocks
from vsend_plugin.core.models import Council, Role
from vsend_plugin.core.ownership import CouncilWall
from vsend_plugin.core.sign_in import redirect_to_sign_in
from vsend_plugin.core.sites import council_for_request

from . import survey_limits
from .access import is_member, is_officer, refuse_unless
from .blocks import HelpKindBlocks, PrincipleBlocks, QuestionBlocks, StatementBlocks
from .charts import ratings_bar_chart_svg
from .forms import (
    CaseReviewForm,
    DecisionAidForm,
    SelfAssessmentForm,
    SurveyForm,
    question_field_name,
)
from .involvement import LEVEL_DESCRIPTIONS, LEVEL_NAMES, LEVELS, recommend
from .principles import AGENCIES, DEFAULT_DESCRIPTORS, EARLIER_HELP, PRINCIPLES
from .results import min_group, statement_results, summarise_case_reviews

TOOLKIT_PAGE_TYPES = [
    "vsend_toolkit.GuidancePage",
    "vsend_toolkit.DecisionAidPage",
    "vsend_toolkit.SelfAssessmentPage",
    "vsend_toolkit.SurveyPage",
    "vsend_toolkit.CaseReviewPage",
]


class ToolkitPage(Page):
    """What every toolkit page has: a short introduction and a body of shared blocks."""

    intro = models.TextField(
        blank=True, help_text="A sentence or two saying who the page is for and what it helps with."
    )
    body = StreamField(ContentBlocks(), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        abstract = True


class ToolkitIndexPage(ToolkitPage):
    """The toolkit's front page, listing its guidance and tools."""

    subpage_types = TOOLKIT_PAGE_TYPES
    template = "vsend/toolkit/toolkit_index_page.html"
    show_in_menus_default = True  # one of the council's main sections, in the header

    class Meta:
        verbose_name = "co-production toolkit"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["toolkit_pages"] = self.get_children().live().public().specific()
        return context


class GuidancePage(ToolkitPage):
    """Guidance on co-production, written by the council and its parent carer forum."""

    parent_page_types = ["vsend_toolkit.ToolkitIndexPage"]
    subpage_types = []
    template = "vsend/toolkit/guidance_page.html"

    class Meta:
        verbose_name = "co-production guidance"


class DecisionAidPage(ToolkitPage):
    """'Should we co-produce this, when, and how?': a few questions and a recommended level.

    Answers come in a GET form, so the tool works without JavaScript and a
    result can be shared or bookmarked as an address. Nothing is stored.
    """

    questions = StreamField(
        QuestionBlocks(),
        use_json_field=True,
        help_text="Each answer gives points to the levels of involvement; the level with the "
        "most points is recommended, and a tie goes to the more involving level.",
    )
    result_text = models.TextField(
        blank=True,
        help_text="Shown under every recommendation, e.g. who to contact to start.",
    )

    content_panels = ToolkitPage.content_panels + [
        FieldPanel("questions"),
        FieldPanel("result_text"),
    ]
    parent_page_types = ["vsend_toolkit.ToolkitIndexPage"]
    subpage_types = []
    template = "vsend/toolkit/decision_aid_page.html"
    result_template = "vsend/toolkit/decision_aid_result.html"

    # Present in the form, so that sending it with nothing chosen shows errors.
    ANSWERED = "answered"

    class Meta:
        verbose_name = "co-production decision aid"

    def question_values(self):
        return [question.value for question in self.questions]

    def is_answered(self, query):
        names = {question_field_name(n) for n in range(1, len(self.questions) + 1)}
        return self.ANSWERED in query or any(name in query for name in names)

    def serve(self, request, *args, **kwargs):
        questions = self.question_values()
        answered = self.is_answered(request.GET)
        form = DecisionAidForm(questions, request.GET if answered else None)
        context = self.get_context(request, *args, **kwargs)
        context["form"] = form
        template, status = self.get_template(request, *args, **kwargs), 200
        if answered:
            if form.is_valid():
                template = self.result_template
                context["recommendation"] = recommend(form.chosen_options())
                context["levels"] = [
                    {
                        "key": level,
                        "name": LEVEL_NAMES[level],
                        "description": LEVEL_DESCRIPTIONS[level],
                        "total": context["recommendation"].totals[level],
                    }
                    for level in reversed(LEVELS)
                ]
                context["answers"] = [
                    (form.fields[name].label, option["label"])
                    for name, option in zip(form.fields, form.chosen_options(), strict=True)
                ]
            else:
                status = 400
        return TemplateResponse(request, template, context, status=status)


class SelfAssessmentPage(RoutablePageMixin, ToolkitPage):
    """A partnership rates itself from 0 to 4 on each co-production principle.

    The partnership records it: the council's staff and the parent carer
    forum's representatives, whom a SEND officer names in the admin
    (:class:`ParentCarerRepresentative`). Each rating is kept, so the result
    shows the change since the previous one.
    """

    principles = StreamField(
        PrincipleBlocks(),
        blank=True,
        use_json_field=True,
        help_text="Your own words for the principles and their ratings. "
        "Principles you leave out are asked with the standard wording.",
    )

    content_panels = ToolkitPage.content_panels + [FieldPanel("principles")]
    parent_page_types = ["vsend_toolkit.ToolkitIndexPage"]
    subpage_types = []
    template = "vsend/toolkit/self_assessment_page.html"
    result_template = "vsend/toolkit/self_assessment_result.html"

    class Meta:
        verbose_name = "co-production self-assessment"

    def principle_values(self):
        """Every principle, in the standard order, with the editor's wording where given."""
        worded = {block.value["principle"]: block.value for block in self.principles}
        principles = []
        for key, name in PRINCIPLES.items():
            value = worded.get(key) or {}
            principles.append(
                {
                    "key": key,
                    "name": name,
                    "help_text": value.get("help_text") or "",
                    "descriptors": [
                        value.get(f"level_{rating}") or default
                        for rating, default in enumerate(DEFAULT_DESCRIPTORS)
                    ],
                }
            )
        return principles

    def _members_only(self, request):
        if not request.user.is_authenticated:
            return redirect_to_sign_in(request)
        if not is_partnership_member(request):
            raise PermissionDenied
        return None

    @path("")
    def rate(self, request):
        denied = self._members_only(request) if request.method == "POST" else None
        if denied:
            return denied
        form = SelfAssessmentForm(
            self.principle_values(), request.POST if request.method == "POST" else None
        )
        status = 200
        if request.method == "POST":
            if form.is_valid():
                SelfAssessmentResponse.objects.create(
                    page=self,
                    council=council_for_request(request),
                    ratings=form.ratings(),
                    created_by=request.user,
                )
                return redirect(self.get_url(request) + self.reverse_subpage("result"))
            status = 400
        context = self.get_context(request)
        context.update(form=form, can_rate=is_partnership_member(request))
        return TemplateResponse(request, self.get_template(request), context, status=status)

    @path("result/", name="result")
    def result(self, request):
        denied = self._members_only(request)
        if denied:
            return denied
        responses = list(
            SelfAssessmentResponse.objects.filter(
                page=self, council=council_for_request(request)
            ).order_by("-created_at", "-pk")[:2]
        )
        if not responses:
            raise Http404("No self-assessment yet")
        latest, previous = responses[0], (responses[1] if len(responses) > 1 else None)
        rows = []
        for principle in self.principle_values():
            rating = latest.ratings.get(principle["key"])
            before = previous.ratings.get(principle["key"]) if previous else None
            rows.append(
                {
                    "name": principle["name"],
                    "rating": rating,
                    "descriptor": principle["descriptors"][rating] if rating is not None else "",
                    "previous": before,
                    "change": rating - before
                    if rating is not None and before is not None
                    else None,
                }
            )
        chart = ratings_bar_chart_svg(
            [(row["name"], row["rating"] or 0) for row in rows],
            title=f"{self.title}: ratings from 0 to 4",
        )
        context = self.get_context(request)
        context.update(latest=latest, previous=previous, rows=rows, chart=mark_safe(chart))
        return TemplateResponse(request, self.result_template, context)


class SelfAssessmentResponse(CouncilWall, models.Model):
    """One self-assessment by a council's partnership: a rating from 0 to 4 per principle."""

    page = models.ForeignKey(SelfAssessmentPage, on_delete=models.CASCADE, related_name="responses")
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    ratings = models.JSONField(help_text="Principle key to a rating from 0 to 4.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "self-assessment response"

    def __str__(self):
        return f"{self.page.title}, {self.created_at:%d %B %Y}"


class SurveyPage(RoutablePageMixin, ToolkitPage):
    """'Agree what good looks like': statements parent carers agree or disagree with.

    Anyone may answer, without signing in, once per browser session and up to
    a limit per internet address (:mod:`.survey_limits`). The council's SEND
    officers read the results at ``results/``, with small counts hidden so no
    family can be picked out, and discard bursts of answers from one address.
    """

    statements = StreamField(StatementBlocks(), use_json_field=True)
    thank_you_text = models.TextField(
        blank=True, help_text="Shown once a parent carer has answered, e.g. what happens next."
    )

    content_panels = ToolkitPage.content_panels + [
        FieldPanel("statements"),
        FieldPanel("thank_you_text"),
    ]
    parent_page_types = ["vsend_toolkit.ToolkitIndexPage"]
    subpage_types = []
    template = "vsend/toolkit/survey_page.html"
    results_template = "vsend/toolkit/survey_results.html"

    class Meta:
        verbose_name = "parent carer survey"

    def statement_values(self):
        return [(block.id, block.value) for block in self.statements]

    def _session_key(self):
        return f"vsend_toolkit_survey_{self.pk}"

    @path("")
    def answer(self, request):
        answered = request.session.get(self._session_key(), False)
        form = SurveyForm(
            self.statement_values(), request.POST if request.method == "POST" else None
        )
        status = 200
        over_limit = False
        if request.method == "POST" and not answered:
            hashed = survey_limits.address_hash(request)
            over_limit = survey_limits.is_over_limit(self.responses.all(), hashed)
            if over_limit:
                status = 429
            elif form.is_valid():
                council = council_for_request(request)
                if council is None:
                    raise Http404("This survey is not on a council's site")
                SurveyResponse.objects.create(
                    page=self, council=council, answers=form.answers(), address_hash=hashed
                )
                request.session[self._session_key()] = True
                return redirect(self.get_url(request))
            else:
                status = 400
        context = self.get_context(request)
        context.update(
            form=form, answered=answered, is_officer=is_officer(request), over_limit=over_limit
        )
        context["results_url"] = self.get_url(request) + self.reverse_subpage("results")
        return TemplateResponse(request, self.get_template(request), context, status=status)

    @path("results/", name="results")
    def results(self, request):
        """Officers of the council only: others are asked to sign in, or refused (403)."""
        refused = refuse_unless(request, is_officer(request))
        if refused:
            return refused
        council = council_for_request(request)
        every_response = SurveyResponse.objects.filter(page=self, council=council)
        responses = every_response.filter(discarded_at__isnull=True)
        total = responses.count()
        threshold = min_group()
        context = self.get_context(request)
        context.update(
            respondents=total,
            discarded=every_response.filter(discarded_at__isnull=False).count(),
            bursts=survey_limits.bursts(every_response),
            discard_url=self.get_url(request) + self.reverse_subpage("discard"),
            discarded_now=request.GET.get("discarded", "").isdigit()
            and int(request.GET["discarded"]),
            min_group=threshold,
            suppressed=total < threshold,
            statements=statement_results(
                self.statement_values(), responses.values_list("answers", flat=True), threshold
            ),
        )
        return TemplateResponse(request, self.results_template, context)

    @path("results/discard/", name="discard")
    def discard(self, request):
        """Officers discard one burst of answers (a POST from the results page)."""
        refused = refuse_unless(request, is_officer(request))
        if refused:
            return refused
        if request.method != "POST":
            return redirect(self.get_url(request) + self.reverse_subpage("results"))
        ids = survey_limits.burst_ids(request.POST.get("burst", ""))
        if ids is None:
            return HttpResponseBadRequest(
                "This list of answers could not be read; go back to the results and try again."
            )
        discarded = SurveyResponse.objects.filter(
            page=self,
            council=council_for_request(request),
            pk__in=ids,
            discarded_at__isnull=True,
        ).update(discarded_at=timezone.now(), discarded_by=request.user)
        return redirect(
            self.get_url(request) + self.reverse_subpage("results") + f"?discarded={discarded}"
        )


class SurveyResponse(CouncilWall, models.Model):
    """One parent carer's answers to a survey, anonymous: no user, no session key."""

    page = models.ForeignKey(SurveyPage, on_delete=models.CASCADE, related_name="responses")
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    answers = models.JSONField(help_text="Statement block id to an answer on the agreement scale.")
    created_at = models.DateTimeField(auto_now_add=True)
    address_hash = models.CharField(
        max_length=64,
        blank=True,
        db_index=True,
        editable=False,
        help_text="A keyed hash of the address the answers came from, never the address itself.",
    )
    discarded_at = models.DateTimeField(null=True, blank=True, editable=False)
    discarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    # Officers read the results, but individual answers only in aggregate.
    vsend_council_wide_roles = frozenset({Role.OFFICER})

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "survey response"

    def __str__(self):
        return f"{self.page.title}, {self.created_at:%d %B %Y %H:%M}"


class CaseReviewPage(RoutablePageMixin, ToolkitPage):
    """A multi-agency review of children whose needs escalated: could help have come earlier?

    Reviewers (members of the council) record, per child, whether something
    could have been done earlier, what, and by whom. SEND officers read the
    aggregate at ``results/``: the share of reviewed cases where earlier help
    was possible and the most commonly missed help, disclosure-controlled.
    """

    help_kinds = StreamField(
        HelpKindBlocks(),
        use_json_field=True,
        help_text="The kinds of help reviewers choose from when help could have come earlier.",
    )

    content_panels = ToolkitPage.content_panels + [FieldPanel("help_kinds")]
    parent_page_types = ["vsend_toolkit.ToolkitIndexPage"]
    subpage_types = []
    template = "vsend/toolkit/case_review_page.html"
    results_template = "vsend/toolkit/case_review_results.html"

    # The case reference just saved, shown once after the redirect.
    SAVED = "vsend_toolkit_case_review_saved"

    class Meta:
        verbose_name = "multi-agency case review"

    def help_kind_values(self):
        return [(block.id, block.value) for block in self.help_kinds]

    @path("")
    def review(self, request):
        if request.method == "POST":
            if not request.user.is_authenticated:
                return redirect_to_sign_in(request)
            if not is_member(request):
                raise PermissionDenied
        form = CaseReviewForm(
            self.help_kind_values(), request.POST if request.method == "POST" else None
        )
        status = 200
        if request.method == "POST":
            if form.is_valid():
                data = form.cleaned_data
                missed = data["earlier_help"] == "yes"
                saved = CaseReview.objects.create(
                    page=self,
                    council=council_for_request(request),
                    case_reference=data["case_reference"],
                    earlier_help=data["earlier_help"],
                    help_kind=data["help_kind"] if missed else "",
                    help_kind_label=dict(self.help_kind_values()).get(data["help_kind"], "")
                    if missed
                    else "",
                    what=data["what"],
                    agency=data["agency"] if missed else "",
                    created_by=request.user,
                )
                request.session[self.SAVED] = saved.case_reference
                return redirect(self.get_url(request))
            status = 400
        context = self.get_context(request)
        context.update(
            form=form,
            can_review=is_member(request),
            is_officer=is_officer(request),
            saved=request.session.pop(self.SAVED, "") if request.method == "GET" else "",
            results_url=self.get_url(request) + self.reverse_subpage("results"),
        )
        return TemplateResponse(request, self.get_template(request), context, status=status)

    @path("results/", name="results")
    def results(self, request):
        """Officers of the council only: others are asked to sign in, or refused (403)."""
        refused = refuse_unless(request, is_officer(request))
        if refused:
            return refused
        reviews = CaseReview.objects.filter(page=self, council=council_for_request(request))
        threshold = min_group()
        context = self.get_context(request)
        context.update(
            min_group=threshold,
            summary=summarise_case_reviews(
                reviews.values_list("case_reference", "earlier_help", "help_kind", "agency"),
                self.help_kind_values(),
                threshold,
            ),
            earlier_labels=EARLIER_HELP,
        )
        return TemplateResponse(request, self.results_template, context)


class CaseReview(CouncilWall, models.Model):
    """One reviewer's answers about one child's case, by case reference only."""

    page = models.ForeignKey(CaseReviewPage, on_delete=models.CASCADE, related_name="reviews")
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    case_reference = models.CharField(max_length=30)
    earlier_help = models.CharField(
        "could something have been done earlier", max_length=10, choices=list(EARLIER_HELP.items())
    )
    help_kind = models.CharField(
        max_length=64, blank=True, help_text="The id of the kind of help on the review page."
    )
    help_kind_label = models.CharField(
        max_length=120, blank=True, help_text="Its wording when the review was recorded."
    )
    what = models.TextField("what could have been done", blank=True)
    agency = models.CharField(
        "who could have done it", max_length=20, blank=True, choices=list(AGENCIES.items())
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    vsend_council_wide_roles = frozenset({Role.OFFICER})

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "case review"

    def __str__(self):
        return f"{self.case_reference}, {self.created_at:%d %B %Y}"


class ParentCarerRepresentative(models.Model):
    """A parent carer the council's SEND officers name to speak for the forum.

    Representatives take part in the partnership's self-assessment beside the
    council's staff. They are parent carers, so never staff of any council.
    """

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="parent carer",
    )
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    named_at = models.DateTimeField(auto_now_add=True)

    vsend_council_wide_roles = frozenset({Role.OFFICER})

    class Meta:
        ordering = ["council__name", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["council", "user"], name="vsend_representative_once")
        ]
        verbose_name = "parent carer forum representative"

    def __str__(self):
        return self.user.get_full_name() or self.user.get_username()


def is_partnership_member(request):
    """Council staff, or a parent carer the council's officers named as a forum representative.

    It lives beside :class:`ParentCarerRepresentative`, which it reads, so that
    :mod:`.access` (the staff's roles) needs no model of this app.
    """
    if is_member(request):
        return True
    council = council_for_request(request)
    return bool(
        council
        and request.user.is_authenticated
        and ParentCarerRepresentative.objects.filter(council=council, user=request.user).exists()
    )
