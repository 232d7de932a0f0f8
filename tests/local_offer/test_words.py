"""Stemming is safe in a web worker's threads: each stems its own words, never another's."""

import random
import threading

from vsend_plugin.local_offer.words import stem


def test_threads_stemming_at_once_get_the_stems_one_thread_gets():
    unstored = stem.__wrapped__  # past the cache, so every call runs the stemmer
    rng = random.Random(1)
    vocabulary = [
        "".join(rng.choice("aeioustrnlcdy") for _ in range(rng.randint(3, 14))) for _ in range(3000)
    ]
    expected = {word: unstored(word) for word in vocabulary}
    problems = []

    def stem_them_all():
        for _ in range(3):
            for word in vocabulary:
                try:
                    if unstored(word) != expected[word]:
                        problems.append(word)
                except Exception as error:  # a shared stemmer's state, mixed up mid-word
                    problems.append(repr(error))

    threads = [threading.Thread(target=stem_them_all) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert problems == []
