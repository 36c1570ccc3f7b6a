from django.contrib.auth import views as auth_views
from django.urls import path, re_path

from sevenc.signin.views import SignInView, ThrottledPasswordResetView
from sevenc.web import theme, views

accounts = [
    path("login/", SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password-reset/",
        ThrottledPasswordResetView.as_view(
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
    path("", views.portfolio, name="portfolio"),
    path("-/ping", views.ping, name="ping"),
    path("clients/<int:client_pk>/", views.client_detail, name="client_detail"),
    re_path(
        r"^theme/(?P<scope>page|report)/(?P<brand>[0-9a-f]{6})-(?P<accent>[0-9a-f]{6})\.css$",
        theme.theme_css,
        name="theme_css",
    ),
]
