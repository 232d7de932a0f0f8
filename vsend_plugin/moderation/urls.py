"""The practitioners' moderation pages (``moderation/...``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("moderation/", views.ModerationHomeView.as_view(), name="vsend_moderation"),
    path(
        "moderation/second-ratings/<int:pk>/",
        views.SecondRatingView.as_view(),
        name="vsend_second_rating",
    ),
    path(
        "moderation/calibration/<slug:slug>/",
        views.CalibrationCaseView.as_view(),
        name="vsend_calibration_case",
    ),
    path(
        "moderation/calibration/ratings/<int:pk>/",
        views.CalibrationResultView.as_view(),
        name="vsend_calibration_result",
    ),
]
