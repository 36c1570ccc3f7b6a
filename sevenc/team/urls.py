from django.urls import path

from sevenc.team import views

urlpatterns = [
    path("team/", views.team, name="team"),
    path("team/<int:membership_pk>/", views.team_member, name="team_member"),
]
