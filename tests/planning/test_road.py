"""The road to adulthood's words about planned provision, and what the dashboard counts."""

import pytest

from vsend_plugin.planning import scheme
from vsend_plugin.planning.road import steps_down_sentence


@pytest.mark.parametrize(
    ("levels", "steps_down", "words"),
    [
        ([3, 3, 3, 3], False, "never steps down: it stays at level 3 all the way to 18. Is that"),
        ([2, None, 3, 3], False, "never steps down: it rises from level 2 now to level 3"),
        ([3, 2, 1, 1], True, "steps down, from level 3 now to level 1 by 18."),
        # Universal provision only has nothing to step down from: no question to ask.
        ([0, 0, 0, 0], None, "universal provision only, now and towards 18."),
        ([0, 1, None, 2], None, "planned provision rises from level 0 now to level 2."),
        ([None, 2, 2, 2], None, "no provision level is planned for now"),
        ([2, None, None, None], None, "only the level now is planned"),
    ],
)
def test_planned_provision_in_words(levels, steps_down, words):
    assert scheme.steps_down(levels) is steps_down
    sentence = steps_down_sentence("Independence", levels)
    assert sentence.startswith("Independence: ") and words in sentence
    # the family's question is asked only where provision above universal stays put
    assert ("Is that what the family" in sentence) == (words.endswith("Is that"))


def test_nothing_planned_says_nothing():
    assert steps_down_sentence("Independence", [None, None, None, None]) == ""
