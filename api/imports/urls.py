from django.urls import path

from .views import ImportView

urlpatterns = [path("imports/", ImportView.as_view(), name="api-imports")]
