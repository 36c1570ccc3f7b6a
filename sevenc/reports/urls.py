from django.urls import path

from sevenc.reports import views

urlpatterns = [
    path("clients/<int:client_pk>/reviews/", views.review_list, name="review_list"),
    path("reviews/<int:review_pk>/", views.review_detail, name="review_detail"),
    path("reviews/<int:review_pk>/hold/", views.review_hold, name="review_hold"),
    path("reviews/<int:review_pk>/pdf/", views.review_pdf, name="review_pdf"),
    path("reviews/<int:review_pk>/roadmap.xlsx", views.review_roadmap_xlsx, name="review_roadmap_xlsx"),
    path("assessments/<int:assessment_pk>/xlsx/", views.assessment_xlsx, name="assessment_xlsx"),
]
