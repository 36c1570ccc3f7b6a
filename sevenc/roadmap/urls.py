from django.urls import path

from sevenc.roadmap import views

urlpatterns = [
    path(
        "clients/<int:client_pk>/recommendations/", views.recommendation_list, name="roadmap_recommendations"
    ),
    path("workshops/<int:workshop_pk>/propose/", views.recommendations_propose, name="roadmap_propose"),
    path(
        "recommendations/<int:recommendation_pk>/", views.recommendation_edit, name="roadmap_recommendation"
    ),
    path(
        "recommendations/<int:recommendation_pk>/status/",
        views.recommendation_status,
        name="roadmap_recommendation_status",
    ),
    path("clients/<int:client_pk>/quarters/", views.quarters_plan, name="roadmap_quarters"),
    path("clients/<int:client_pk>/roadmap/", views.roadmap_page, name="roadmap_page"),
    path("workshops/<int:workshop_pk>/optimise/", views.roadmap_optimise, name="roadmap_optimise"),
    path("roadmaps/<int:run_pk>/approve/", views.roadmap_approve, name="roadmap_approve"),
    path("clients/<int:client_pk>/execution/", views.execution_page, name="roadmap_execution"),
    path("clients/<int:client_pk>/prefill/", views.prefill_next_assessment, name="roadmap_prefill"),
    path("library/", views.library_page, name="roadmap_library"),
]
