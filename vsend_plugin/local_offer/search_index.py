"""The local offer's text search: an index of services, queries widened by synonyms, reasons.

A service's words are kept in a :class:`~.models.ServiceSearchDocument`,
rebuilt when the service is saved. A query is read as *concepts*: each word
or known phrase a family typed, widened to the terms of every synonym group
it belongs to. A service matches when it has every concept (in any order),
each in any of its forms; so "autism anxiety" finds a service that says
"autistic children who feel anxious".

On PostgreSQL the matching and ranking are PostgreSQL's full-text search
(the ``english`` configuration, a stored weighted ``tsvector``); elsewhere
vsend matches the same Snowball stems itself, so SQLite also stems. Either
way each result says which words it matched.

Models are found through the app registry, not imported: :mod:`.models`
(the local offer page's search) builds on this module.
"""

import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache, reduce
from operator import and_, or_

from django.apps import apps
from django.db import connection
from django.db.models import Q

from .synonyms import synonym_groups
from .words import LONGEST_WORD, STOP_WORDS, WORD, stem, words

#: Weights of the title, body and extra text, as PostgreSQL's A, B and C.
TITLE_WEIGHT, BODY_WEIGHT = 3.0, 1.0
#: A service that has the word the family typed ranks above one that has only a synonym.
SYNONYM_FACTOR = 0.5


# The index -------------------------------------------------------------------


def document_texts(page):
    """(title, body, extra): the words of a service the search reads, by weight."""
    body = [page.description, page.eligibility, page.how_to_access, page.cost_description]
    extra = [page.organisation.name if page.organisation_id else ""]
    extra += [category.name for category in page.categories.all()]
    extra += [locality.name for locality in page.localities.all()]
    extra += [f"{location.name} {location.town}" for location in page.locations.all()]
    extra += [page.languages, page.opening_times]
    return page.title, "\n".join(filter(None, body)), "\n".join(filter(None, extra))


def _model(name):
    return apps.get_model("vsend_local_offer", name)


#: Set while :func:`deferred_indexing` runs: the keys of services to index at its end.
_deferred = ContextVar("vsend_search_index_deferred", default=None)


@contextmanager
def deferred_indexing():
    """Index the services saved inside the block once, at its end (for loading many at once)."""
    pending = set()
    token = _deferred.set(pending)
    try:
        yield
    finally:
        _deferred.reset(token)
    index_services(for_indexing(_model("ServicePage").objects.filter(pk__in=pending)))


def for_indexing(services):
    return services.select_related("organisation").prefetch_related(
        "categories", "localities", "locations"
    )


def _padded(stems):
    return f" {' '.join(sorted(set(stems)))} " if stems else ""


def index_services(pages):
    """(Re)build the search documents of ``pages`` (service pages, saved)."""
    document_model = _model("ServiceSearchDocument")
    pending = _deferred.get()
    if pending is not None:
        pending.update(page.pk for page in pages)
        return 0
    documents = []
    for page in pages:
        title, body, extra = document_texts(page)
        all_stems = [stem(word) for word in words(f"{title}\n{body}\n{extra}")]
        documents.append(
            document_model(
                page_id=page.pk,
                title=title,
                body=body,
                extra=extra,
                stems=_padded(all_stems),
                title_stems=_padded(stem(w) for w in words(title)),
            )
        )
    keys = [document.page_id for document in documents]
    document_model.objects.filter(page_id__in=keys).delete()
    document_model.objects.bulk_create(documents, batch_size=500)
    if connection.vendor == "postgresql" and keys:
        from django.contrib.postgres.search import SearchVector

        document_model.objects.filter(page_id__in=keys).update(
            vector=SearchVector("title", weight="A", config="english")
            + SearchVector("body", weight="B", config="english")
            + SearchVector("extra", weight="C", config="english")
        )
    return len(documents)


#: How often a process looks for services with no document yet, in seconds.
MISSING_CHECK_INTERVAL = 60.0
_missing_checked_at = {"when": None}


def index_missing(services):
    """Index any of ``services`` (a queryset) that has no document yet, e.g. after a bulk load.

    Saving a service indexes it, so this is a safety net for services written
    around ``save()``; the check reads every service, so a process makes it
    at most once every :data:`MISSING_CHECK_INTERVAL` seconds, not on every search.
    """
    now = time.monotonic()
    checked = _missing_checked_at["when"]
    if checked is not None and now - checked < MISSING_CHECK_INTERVAL:
        return
    _missing_checked_at["when"] = now
    missing = services.filter(search_document__isnull=True)
    if missing.exists():
        index_services(for_indexing(missing))


# Queries ---------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One form of a concept: its words (for PostgreSQL) and their stems (for matching)."""

    text: str
    words: tuple
    stems: tuple


@dataclass(frozen=True)
class Concept:
    """A word or phrase the family typed, and the terms that count as it."""

    typed: str
    terms: tuple  # the typed term first

    def found_in(self, stems):
        """The terms of this concept all of whose stems are among ``stems`` (a set)."""
        return [term for term in self.terms if all(s in stems for s in term.stems)]


def _term(text):
    found = tuple(words(text))
    return Term(text.strip(), found, tuple(stem(word) for word in found))


@lru_cache(maxsize=64)
def _phrases(groups):
    """Each known phrase's stems, to the terms that count as it; and the longest phrase's length.

    Kept for the groups it was made from (vsend's and a council's, as tuples),
    since stemming every synonym is most of what reading a query costs.
    """
    phrases = {}
    for group in groups:
        terms = [_term(term) for term in group]
        for term in terms:
            if term.stems:
                phrases.setdefault(term.stems, []).extend(t for t in terms if t.stems)
    return phrases, max((len(key) for key in phrases), default=1)


def parse(text, council=None, groups=None):
    """The concepts of a query, longest known phrases first: 'speech therapy ASD' -> 2 concepts."""
    groups = synonym_groups(council) if groups is None else groups
    phrases, longest = _phrases(tuple(tuple(group) for group in groups))
    typed = [
        match.group(0)
        for match in WORD.finditer(text or "")
        if match.group(0).lower() not in STOP_WORDS and len(match.group(0)) <= LONGEST_WORD
    ]
    stems = [stem(word.lower()) for word in typed]
    concepts, seen, position = [], set(), 0
    while position < len(typed):
        for length in range(min(longest, len(typed) - position), 0, -1):
            key = tuple(stems[position : position + length])
            if length == 1 or key in phrases:
                break
        own = Term(
            " ".join(typed[position : position + length]),
            tuple(w.lower() for w in typed[position : position + length]),
            key,
        )
        position += length
        if key in seen:
            continue
        seen.add(key)
        terms, term_stems = [own], {key}
        for term in phrases.get(key, ()):
            if term.stems not in term_stems:
                term_stems.add(term.stems)
                terms.append(term)
        concepts.append(Concept(own.text, tuple(terms)))
    return concepts


# Searching -------------------------------------------------------------------


def _stem_filter(concepts):
    def has_term(term):
        return reduce(and_, (Q(search_document__stems__contains=f" {s} ") for s in term.stems))

    return reduce(and_, (reduce(or_, map(has_term, concept.terms)) for concept in concepts))


def _postgres_query(concepts):
    from django.contrib.postgres.search import SearchQuery

    def term_query(term):
        return SearchQuery(" ".join(term.words), config="english", search_type="plain")

    return reduce(and_, (reduce(or_, map(term_query, concept.terms)) for concept in concepts))


def matching(services, concepts, *, ranked=False):
    """``services`` (a queryset) narrowed to those that have every concept.

    With ``ranked`` on PostgreSQL, each is annotated with ``search_rank``
    (PostgreSQL's ``ts_rank`` over the weighted vector); elsewhere
    :func:`rank` ranks them. Unranked, the queryset selects nothing extra, so
    it can be used as a subquery.
    """
    if not concepts:
        return services
    index_missing(services)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchRank, SearchVectorField
        from django.db.models import ExpressionWrapper, F

        query = _postgres_query(concepts)
        vector = ExpressionWrapper(F("search_document__vector"), output_field=SearchVectorField())
        services = services.alias(search_vector=vector).filter(search_vector=query)
        if ranked:
            services = services.annotate(search_rank=SearchRank(F("search_vector"), query))
        return services
    return services.filter(_stem_filter(concepts))


def _split(padded):
    return set(padded.split())


def reasons(service, concepts):
    """What a matched service matched: ['autism', 'ADHD (attention)'], one entry per concept."""
    document = getattr(service, "search_document", None)
    stems = _split(document.stems) if document else set()
    found = []
    for concept in concepts:
        terms = concept.found_in(stems)
        if not terms or terms[0] is concept.terms[0]:
            found.append(concept.typed)
        else:
            found.append(f"{concept.typed} ({terms[0].text})")
    return found


def rank(service, concepts):
    """A relevance score: the database's own on PostgreSQL, stems by weight elsewhere."""
    if getattr(service, "search_rank", None) is not None:
        return service.search_rank
    document = getattr(service, "search_document", None)
    if document is None:
        return 0.0
    stems, title = _split(document.stems), _split(document.title_stems)
    score = 0.0
    for concept in concepts:
        best = 0.0
        for number, term in enumerate(concept.terms):
            if all(s in stems for s in term.stems):
                weight = TITLE_WEIGHT if all(s in title for s in term.stems) else BODY_WEIGHT
                best = max(best, weight * (1 if number == 0 else SYNONYM_FACTOR))
        score += best
    return score
