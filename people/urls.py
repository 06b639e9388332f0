from django.urls import path

from . import views, views_tokens

app_name = "people"

urlpatterns = [
    path("", views.user_list, name="user_list"),
    path("new/", views.user_create, name="user_create"),
    path("<int:pk>/", views.user_edit, name="user_edit"),
    path("<int:pk>/link/", views.user_link, name="user_link"),
    path("bulk/advisors/", views.bulk_advisors, name="bulk_advisors"),
    path("slips/", views.slips, name="slips"),
    path("slips/<int:link_pk>/email/", views.slip_email, name="slip_email"),
    path("import/", views.roster_import, name="roster_import"),
    path("tokens/", views_tokens.token_list, name="token_list"),
    path("tokens/<int:pk>/revoke/", views_tokens.token_revoke, name="token_revoke"),
]
