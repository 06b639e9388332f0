from django.urls import path

from .views import SyncCheckinsView, SyncDutyShiftsView

urlpatterns = [
    path("sync/duty-shifts/", SyncDutyShiftsView.as_view(), name="sync-duty-shifts"),
    path("sync/checkins/", SyncCheckinsView.as_view(), name="sync-checkins"),
]
