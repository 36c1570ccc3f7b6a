from django.urls import path

from sevenc.web import views

urlpatterns = [
    path("", views.portfolio, name="portfolio"),
]
