from django.urls import path

from .views import children, family, needs_mapping

urlpatterns = [
    path("children/", children.ChildListView.as_view(), name="vsend_children"),
    path("children/<int:pk>/", children.ChildDetailView.as_view(), name="vsend_child"),
    path("children/<int:pk>/assess/", needs_mapping.AssessView.as_view(), name="vsend_assess"),
    path(
        "children/<int:pk>/assess/check-your-answers/",
        needs_mapping.CheckAnswersView.as_view(),
        name="vsend_assess_check",
    ),
    path(
        "children/<int:pk>/assess/discard-draft/",
        needs_mapping.DiscardDraftView.as_view(),
        name="vsend_assess_discard",
    ),
    path(
        "children/<int:pk>/assess/<slug:step>/",
        needs_mapping.AssessStepView.as_view(),
        name="vsend_assess_step",
    ),
    path(
        "children/<int:pk>/invite-family/",
        family.InviteFamilyView.as_view(),
        name="vsend_invite_family",
    ),
    path(
        "children/<int:pk>/family-view/",
        family.FamilyContributionView.as_view(),
        name="vsend_family_view",
    ),
    path(
        "children/<int:pk>/invite-family/email/",
        family.EmailInvitationView.as_view(),
        name="vsend_email_family_invitation",
    ),
    path(
        "family/invitation/<str:token>/",
        family.AcceptInvitationView.as_view(),
        name="vsend_family_invitation",
    ),
    path(
        "family/invitation/<str:token>/create-account/",
        family.CreateFamilyAccountView.as_view(),
        name="vsend_family_create_account",
    ),
    path(
        "assessments/<int:pk>/pdf/", children.PdfSummaryView.as_view(), name="vsend_assessment_pdf"
    ),
]
