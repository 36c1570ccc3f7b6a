from django.urls import path

from sevenc.execution import views

urlpatterns = [
    path("work/", views.my_work, name="my_work"),
    path("work/items/<int:item_pk>/", views.item_detail, name="work_item"),
    path("work/items/<int:item_pk>/status/", views.item_status, name="work_item_status"),
    path("work/items/<int:item_pk>/tasks/", views.task_add, name="work_task_add"),
    path("work/items/<int:item_pk>/notes/", views.note_add, name="work_note_add"),
    path("work/tasks/<int:task_pk>/done/", views.task_done, name="work_task_done"),
    path("work/tasks/<int:task_pk>/remove/", views.task_remove, name="work_task_remove"),
    path("clients/<int:client_pk>/execution/", views.client_execution, name="client_execution"),
]
