from django.urls import path

from . import mapping_views, views

urlpatterns = [
    path("children/", views.ChildListView.as_view(), name="vsend_children"),
    path("children/<int:pk>/", views.ChildDetailView.as_view(), name="vsend_child"),
    path("children/<int:pk>/assess/", mapping_views.AssessView.as_view(), name="vsend_assess"),
    path(
        "children/<int:pk>/assess/check-your-answers/",
        mapping_views.CheckAnswersView.as_view(),
        name="vsend_assess_check",
    ),
    path(
        "children/<int:pk>/assess/discard-draft/",
        mapping_views.DiscardDraftView.as_view(),
        name="vsend_assess_discard",
    ),
    path(
        "children/<int:pk>/assess/<slug:step>/",
        mapping_views.AssessStepView.as_view(),
        name="vsend_assess_step",
    ),
    path(
        "children/<int:pk>/invite-family/",
        views.InviteFamilyView.as_view(),
        name="vsend_invite_family",
    ),
    path(
        "children/<int:pk>/family-view/",
        views.FamilyContributionView.as_view(),
        name="vsend_family_view",
    ),
    path(
        "children/<int:pk>/invite-family/email/",
        views.EmailInvitationView.as_view(),
        name="vsend_email_family_invitation",
    ),
    path(
        "family/invitation/<str:token>/",
        views.AcceptInvitationView.as_view(),
        name="vsend_family_invitation",
    ),
    path(
        "family/invitation/<str:token>/create-account/",
        views.CreateFamilyAccountView.as_view(),
        name="vsend_family_create_account",
    ),
    path("assessments/<int:pk>/pdf/", views.PdfSummaryView.as_view(), name="vsend_assessment_pdf"),
]
