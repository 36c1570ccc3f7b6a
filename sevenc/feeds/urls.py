from django.urls import path

from sevenc.feeds import views

urlpatterns = [
    path("work/calendar/new/", views.calendar_create, name="calendar_create"),
    path("work/calendar/revoke/", views.calendar_revoke, name="calendar_revoke"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
