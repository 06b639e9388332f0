from django.urls import path

from .views import JobDetailView, JobUndoView

urlpatterns = [
    path("jobs/<int:pk>/", JobDetailView.as_view(), name="api-job-detail"),
    path("jobs/<int:pk>/undo/", JobUndoView.as_view(), name="api-job-undo"),
]
