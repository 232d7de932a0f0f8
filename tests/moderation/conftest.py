import pytest

from tests.once import copy_for_a_test, made_once_a_module

from .scene import make_moderation_scene

made_once = made_once_a_module(make_moderation_scene)


@pytest.fixture
def scene(make_moderation_scene, db):
    """The scene of :mod:`.scene`, made once a module; each test's own copy."""
    return copy_for_a_test(make_moderation_scene)
