from django.urls import path

from sevenc.audit import views

urlpatterns = [
    path("clients/<int:client_pk>/history/", views.client_history, name="audit_client_history"),
    path("clients/<int:client_pk>/history/csv/", views.client_history_csv, name="audit_client_history_csv"),
    path("settings/history/", views.msp_history, name="audit_msp_history"),
    path("settings/history/csv/", views.msp_history_csv, name="audit_msp_history_csv"),
    path("settings/history/<int:event_pk>/", views.event_detail, name="audit_event"),
]
