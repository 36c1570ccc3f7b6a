from django.urls import path

from sevenc.roadmap import project_views, psa_views, roadmap_views, views

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
    path("clients/<int:client_pk>/quarters/", roadmap_views.quarters_plan, name="roadmap_quarters"),
    path("clients/<int:client_pk>/quarters/year/", roadmap_views.year_budget, name="roadmap_year_budget"),
    path("quarters/<int:quarter_pk>/", roadmap_views.quarter_edit, name="roadmap_quarter"),
    path("clients/<int:client_pk>/roadmap/", roadmap_views.roadmap_page, name="roadmap_page"),
    path("workshops/<int:workshop_pk>/optimise/", roadmap_views.roadmap_optimise, name="roadmap_optimise"),
    path("workshops/<int:workshop_pk>/frontier/", roadmap_views.frontier_compute, name="roadmap_frontier"),
    path("frontiers/<int:frontier_pk>/adopt/", roadmap_views.frontier_adopt, name="roadmap_frontier_adopt"),
    path("roadmaps/<int:run_pk>/approve/", roadmap_views.roadmap_approve, name="roadmap_approve"),
    path("workshops/<int:workshop_pk>/projects/new/", project_views.project_add, name="roadmap_project_add"),
    path("projects/<int:project_pk>/", project_views.project_edit, name="roadmap_project"),
    path("projects/<int:project_pk>/remove/", project_views.project_remove, name="roadmap_project_remove"),
    path("clients/<int:client_pk>/prefill/", views.prefill_next_assessment, name="roadmap_prefill"),
    path("library/", views.library_page, name="roadmap_library"),
    path("clients/<int:client_pk>/roadmap/psa.csv", psa_views.client_psa_csv, name="roadmap_psa_csv"),
    path("roadmap/psa.csv", psa_views.portfolio_psa_csv, name="portfolio_psa_csv"),
]
