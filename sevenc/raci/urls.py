from django.urls import path

from sevenc.raci import area_views, party_views, views

urlpatterns = [
    path("clients/<int:client_pk>/responsibility/", views.matrix_page, name="raci_matrix"),
    path("clients/<int:client_pk>/responsibility/start/", views.matrix_start, name="raci_start"),
    path("clients/<int:client_pk>/responsibility/cell/", views.cell_save, name="raci_cell"),
    path("clients/<int:client_pk>/responsibility/import/", views.matrix_import, name="raci_import"),
    path("clients/<int:client_pk>/responsibility/matrix.xlsx", views.matrix_xlsx, name="raci_xlsx"),
    path("clients/<int:client_pk>/responsibility/matrix.csv", views.matrix_csv_export, name="raci_csv"),
    path("clients/<int:client_pk>/responsibility/parties/", party_views.parties_page, name="raci_parties"),
    path("clients/<int:client_pk>/responsibility/parties/add/", party_views.party_add, name="raci_party_add"),
    path("responsibility/parties/<int:party_pk>/", party_views.party_detail, name="raci_party"),
    path("responsibility/parties/<int:party_pk>/edit/", party_views.party_edit, name="raci_party_edit"),
    path("responsibility/parties/<int:party_pk>/remove/", party_views.party_remove, name="raci_party_remove"),
    path("responsibility/areas/", area_views.areas_page, name="raci_areas"),
    path("responsibility/areas/add/", area_views.area_add, name="raci_area_add"),
    path("responsibility/areas/<int:area_pk>/", area_views.area_detail, name="raci_area"),
    path("responsibility/areas/<int:area_pk>/edit/", area_views.area_edit, name="raci_area_edit"),
    path("responsibility/areas/<int:area_pk>/retire/", area_views.area_retire, name="raci_area_retire"),
]
