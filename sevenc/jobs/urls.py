from django.urls import path

from sevenc.jobs import views

urlpatterns = [
    path("jobs/", views.job_list, name="job_list"),
    path("jobs/<int:job_pk>/", views.job_detail, name="job_detail"),
    path("jobs/<int:job_pk>/again/", views.job_start_again, name="job_start_again"),
]
