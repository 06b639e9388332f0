from django.urls import path

from . import pickers, views, views_honors, views_import, views_records, views_villages

app_name = "legalsavvy"

urlpatterns = [
    path("", views.registry, name="registry"),
    path("pick.json", pickers.person_pick, name="person_pick"),
    path("new/", views.person_create, name="person_create"),
    path("<int:pk>/", views.person_detail, name="person"),
    path("<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("<int:pk>/remove/", views.person_remove, name="person_remove"),
    path("<int:pk>/reappoint/", views.person_reappoint, name="person_reappoint"),
    path("<int:pk>/pair/", views.person_pair, name="person_pair"),
    path("<int:pk>/activities/new/", views_records.activity_create, name="activity_create"),
    path("activities/<int:pk>/delete/", views_records.activity_delete, name="activity_delete"),
    path("trainings/", views_records.training_list, name="trainings"),
    path("trainings/new/", views_records.training_create, name="training_create"),
    path("trainings/<int:pk>/delete/", views_records.training_delete, name="training_delete"),
    path("summary/", views_records.summary, name="summary"),
    path("villages/", views_villages.village_list, name="villages"),
    path("villages/<str:code>/", views_villages.village_roster, name="village"),
    path("villages/<str:code>/pair/", views_villages.village_pair, name="village_pair"),
    path("import/", views_import.roster_import, name="import"),
    path("honors/", views_honors.honor_list, name="honors"),
    path("honors/new/", views_honors.honor_create, name="honor_create"),
    path("honors/<int:pk>/edit/", views_honors.honor_edit, name="honor_edit"),
    path("honors/<int:pk>/delete/", views_honors.honor_delete, name="honor_delete"),
]
