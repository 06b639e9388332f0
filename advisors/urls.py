from django.urls import path

from . import pickers, views, views_ledger, views_manage, views_scan

app_name = "advisors"

urlpatterns = [
    # The advisor's phone pages
    path("", views.my_villages, name="my_villages"),
    path("shifts/new/", views.shift_create, name="shift_create"),
    path("month/", views.my_month, name="my_month"),
    path("shifts/<int:pk>/", views.shift_detail, name="shift_detail"),
    path("shifts/<int:pk>/edit/", views.shift_edit, name="shift_edit"),
    path("shifts/<int:pk>/finish/", views.shift_finish, name="shift_finish"),
    path("shifts/<int:pk>/delete/", views.shift_delete, name="shift_delete"),
    # QR-verified presence
    path("scan/<slug:secret>/", views_scan.scan, name="scan"),
    path("poster/<str:code>/", views_scan.poster, name="poster"),
    path("poster/<str:code>/qr.png", views_scan.poster_image, {"fmt": "png"}, name="poster_png"),
    path("poster/<str:code>/qr.svg", views_scan.poster_image, {"fmt": "svg"}, name="poster_svg"),
    path("poster/<str:code>/rotate/", views_scan.poster_rotate, name="poster_rotate"),
    # Town officers and coordinators
    path("ledger/", views_ledger.ledger, name="ledger"),
    path("ledger/approve/", views_ledger.approve, name="approve"),
    path("ledger/return/", views_ledger.return_shifts, name="return"),
    path("ledger/export.csv", views_ledger.ledger_export, {"fmt": "csv"}, name="ledger_csv"),
    path("ledger/export.xlsx", views_ledger.ledger_export, {"fmt": "xlsx"}, name="ledger_xlsx"),
    path("ledger/export-job/", views_ledger.ledger_export_job, name="ledger_xlsx_job"),
    path("compliance/", views_ledger.compliance, name="compliance"),
    path("compliance/export.csv", views_ledger.compliance_export, {"fmt": "csv"}, name="compliance_csv"),
    path("compliance/export.xlsx", views_ledger.compliance_export, {"fmt": "xlsx"}, name="compliance_xlsx"),
    path("villages/", views_manage.villages, name="villages"),
    path("people/", views_manage.advisor_list, name="advisor_list"),
    path("people/pick.json", pickers.advisor_pick, name="advisor_pick"),
    path("people/new/", views_manage.advisor_edit, name="advisor_create"),
    path("people/<int:pk>/", views_manage.advisor_edit, name="advisor_edit"),
    path("assignments/new/", views_manage.assignment_create, name="assignment_create"),
    path("assignments/<int:pk>/end/", views_manage.assignment_end, name="assignment_end"),
]
