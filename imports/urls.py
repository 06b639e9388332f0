from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("", views.upload, name="upload"),
    path("template/<slug:kind>.xlsx", views.template, name="template"),
    path("sheet/<int:event>/", views.sheet, name="sheet"),
]
