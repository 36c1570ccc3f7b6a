from django.urls import path

from sevenc.tokens import views

urlpatterns = [
    path("settings/tokens/", views.tokens_page, name="api_tokens"),
    path("settings/tokens/<int:token_pk>/revoke/", views.token_revoke, name="api_token_revoke"),
]
