from django.urls import path

from sevenc.offering import views

urlpatterns = [
    path("", views.coverage_page, name="offering_coverage"),
    path("services/", views.services_page, name="offering_services"),
    path("services/new/", views.service_new, name="offering_service_new"),
    path("services/import/", views.services_import, name="offering_services_import"),
    path("services/file/", views.services_file, name="offering_services_file"),
    path("services/<int:service_pk>/", views.service_edit, name="offering_service_edit"),
    path("services/<int:service_pk>/retire/", views.service_retire, name="offering_service_retire"),
    path("demand/", views.demand_page, name="offering_demand"),
    path("develop-next/", views.develop_next_page, name="offering_develop_next"),
    path("upsell/", views.upsell_page, name="offering_upsell"),
    path(
        "upsell/<int:client_pk>/<int:service_pk>/<str:item_code>/recommend/",
        views.upsell_recommend,
        name="offering_upsell_recommend",
    ),
    path("library/<int:library_entry_pk>/service/", views.template_service, name="offering_template_service"),
    path("export/", views.export_page, name="offering_export"),
]
