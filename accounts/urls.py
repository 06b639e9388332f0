from django.contrib.auth import views as auth_views
from django.urls import path

from . import pickers, views, views_account

urlpatterns = [
    path("", views.home, name="home"),
    # Before places' "areas/<code>/" (config.urls includes accounts first).
    path("areas/pick.json", pickers.area_pick, name="area_pick"),
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="accounts/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", views_account.account, name="account"),
    path("account/password/", views_account.PasswordChange.as_view(), name="password_change"),
    path("account/sign-out-everywhere/", views_account.sign_out_all, name="sign_out_everywhere"),
    path("activate/<str:secret>/", views_account.activate, name="activate"),
]
