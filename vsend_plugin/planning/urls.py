"""The support plan's pages, beside the child's own (``children/<pk>/plan/...``)."""

from django.urls import path

from .views import editing, family, plan, review

urlpatterns = [
    path("children/<int:pk>/plan/", plan.PlanView.as_view(), name="vsend_plan"),
    path(
        "children/<int:pk>/plan/support/add/",
        editing.SupportSourceView.as_view(),
        name="vsend_plan_support_add",
    ),
    path(
        "children/<int:pk>/plan/support/add/details/",
        editing.SupportItemView.as_view(),
        name="vsend_plan_support_new",
    ),
    path(
        "children/<int:pk>/plan/support/<int:item>/",
        editing.SupportItemView.as_view(),
        name="vsend_plan_support_change",
    ),
    path(
        "children/<int:pk>/plan/support/<int:thing>/remove/",
        editing.RemoveView.as_view(kind="support"),
        name="vsend_plan_support_remove",
    ),
    path(
        "children/<int:pk>/plan/outcomes/add/",
        editing.OutcomeView.as_view(),
        name="vsend_plan_outcome_add",
    ),
    path(
        "children/<int:pk>/plan/outcomes/<int:outcome>/",
        editing.OutcomeView.as_view(),
        name="vsend_plan_outcome_change",
    ),
    path(
        "children/<int:pk>/plan/outcomes/<int:thing>/remove/",
        editing.RemoveView.as_view(kind="outcomes"),
        name="vsend_plan_outcome_remove",
    ),
    path(
        "children/<int:pk>/plan/towards-adulthood/",
        editing.TrajectoryView.as_view(),
        name="vsend_plan_trajectory",
    ),
    path(
        "children/<int:pk>/plan/review/",
        review.ReviewOutcomesView.as_view(),
        name="vsend_plan_review",
    ),
    path(
        "children/<int:pk>/plan/your-hopes/",
        family.AspirationsView.as_view(),
        name="vsend_plan_aspirations",
    ),
]
