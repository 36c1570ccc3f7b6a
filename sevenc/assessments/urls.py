from django.urls import path

from sevenc.assessments import views

urlpatterns = [
    path("clients/<int:client_pk>/assessments/new/", views.assessment_create, name="assessment_create"),
    path("clients/<int:client_pk>/compare/", views.assessment_compare, name="assessment_compare"),
    path("assessments/<int:assessment_pk>/", views.assessment_detail, name="assessment_detail"),
    path(
        "assessments/<int:assessment_pk>/items/<str:item_code>/",
        views.assessment_item,
        name="assessment_item",
    ),
    path("assessments/<int:assessment_pk>/import/", views.responses_import, name="responses_import"),
    path("assessments/<int:assessment_pk>/submit/", views.assessment_submit, name="assessment_submit"),
    path("assessments/<int:assessment_pk>/reopen/", views.assessment_reopen, name="assessment_reopen"),
    path("assessments/<int:assessment_pk>/complete/", views.assessment_complete, name="assessment_complete"),
]
