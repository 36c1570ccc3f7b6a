from django.contrib.auth import views as auth_views
from django.urls import path

from sevenc.web.views import assessments, clients, portfolio, team

accounts = [
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="web/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            template_name="web/password_reset.html",
            email_template_name="web/email/password_reset.txt",
            subject_template_name="web/email/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="web/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(template_name="web/password_reset_confirm.html"),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="web/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    *accounts,
    path("", portfolio.portfolio, name="portfolio"),
    path("team/", team.team, name="team"),
    path("team/<int:membership_pk>/", team.team_member, name="team_member"),
    path("clients/new/", clients.client_create, name="client_create"),
    path("clients/<int:client_pk>/", clients.client_detail, name="client_detail"),
    path("clients/<int:client_pk>/edit/", clients.client_edit, name="client_edit"),
    path("clients/<int:client_pk>/delete/", clients.client_delete, name="client_delete"),
    path("clients/<int:client_pk>/assessments/new/", assessments.assessment_create, name="assessment_create"),
    path("clients/<int:client_pk>/compare/", assessments.assessment_compare, name="assessment_compare"),
    path("assessments/<int:assessment_pk>/", assessments.assessment_detail, name="assessment_detail"),
    path(
        "assessments/<int:assessment_pk>/items/<str:item_code>/",
        assessments.assessment_item,
        name="assessment_item",
    ),
    path("assessments/<int:assessment_pk>/submit/", assessments.assessment_submit, name="assessment_submit"),
    path(
        "assessments/<int:assessment_pk>/complete/",
        assessments.assessment_complete,
        name="assessment_complete",
    ),
]
