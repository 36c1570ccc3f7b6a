from django.urls import path

from sevenc.api.site import api

urlpatterns = [path("api/v1/", api.urls)]
