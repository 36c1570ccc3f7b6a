from django.urls import path

from sevenc.signin import account, views

urlpatterns = [
    path("login/code/", views.code_step, name="signin_code"),
    path("login/enrol/", views.enrol_step, name="signin_enrol"),
    path("settings/security/", account.security, name="two_factor"),
    path("settings/security/start/", account.start, name="two_factor_start"),
    path("settings/security/confirm/", account.confirm, name="two_factor_confirm"),
    path("settings/security/recovery-codes/", account.recovery_codes, name="two_factor_recovery_codes"),
    path("settings/security/disable/", account.disable, name="two_factor_disable"),
]
