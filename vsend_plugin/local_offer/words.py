"""Words as the search sees them: split, lower-cased, stop words dropped, stemmed.

The stemmer is Snowball's English (Porter 2) algorithm, the one PostgreSQL's
``english`` text search configuration uses, and the stop words are
PostgreSQL's ``english`` list; so a query is understood the same way on
PostgreSQL and on SQLite, where the stems are matched by vsend itself.
"""

import re
import threading
from functools import lru_cache

import snowballstemmer

#: PostgreSQL's ``english.stop`` (the Snowball English stop words).
STOP_WORDS = frozenset(
    """i me my myself we our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves what which who
    whom this that these those am is are was were be been being have has had having do does did
    doing a an the and but if or because as until while of at by for with about against between
    into through during before after above below to from up down in out on off over under again
    further then once here there when where why how all any both each few more most other some
    such no nor not only own same so than too very s t can will just don should now""".split()
)
#: Words longer than this are not words anybody searches for (and PostgreSQL ignores them).
LONGEST_WORD = 60
WORD = re.compile(r"[^\W_]+")

#: A stemmer for each thread: Snowball's keeps the word it is working on in itself, so one
#: shared by the threads of a web worker (gunicorn's gthread) mixes their words up.
_stemmers = threading.local()


def words(text):
    """The words of ``text`` that count, lower-cased, in order: no punctuation, no stop words."""
    return [
        word
        for word in WORD.findall((text or "").lower())
        if word not in STOP_WORDS and len(word) <= LONGEST_WORD
    ]


def _stemmer():
    if not hasattr(_stemmers, "english"):
        _stemmers.english = snowballstemmer.stemmer("english")
    return _stemmers.english


@lru_cache(maxsize=4096)
def stem(word):
    return _stemmer().stemWord(word)


def stems(text):
    """The stems of ``text``'s words, in order ('Autistic therapies' -> ['autist', 'therapi'])."""
    return [stem(word) for word in words(text)]
