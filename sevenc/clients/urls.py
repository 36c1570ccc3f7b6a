from django.urls import path

from sevenc.clients import views

urlpatterns = [
    path("clients/new/", views.client_create, name="client_create"),
    path("clients/import/", views.clients_import, name="clients_import"),
    path("clients/<int:client_pk>/edit/", views.client_edit, name="client_edit"),
    path("clients/<int:client_pk>/delete/", views.client_delete, name="client_delete"),
]
