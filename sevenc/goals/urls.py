from django.urls import path

from sevenc.goals import views

urlpatterns = [
    path("clients/<int:client_pk>/goals/", views.workshop_page, name="goals_workshop"),
    path("clients/<int:client_pk>/goals/start/", views.workshop_start, name="goals_workshop_start"),
    path("workshops/<int:workshop_pk>/targets/", views.workshop_targets, name="goals_targets"),
    path("workshops/<int:workshop_pk>/goals/", views.goal_add, name="goals_goal_add"),
    path("goals/<int:goal_pk>/delete/", views.goal_delete, name="goals_goal_delete"),
]
