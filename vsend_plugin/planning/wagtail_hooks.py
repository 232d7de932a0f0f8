"""What support plans add to Wagtail and to vsend's hooks."""

from wagtail import hooks  # noqa: F401 - used by the registrations below

# The front end: the child's page, the review after an assessment.


# The admin and the officers' dashboard: the provision catalogue, the evaluation.
