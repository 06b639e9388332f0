"""The person's own account (role, scope, password, sign out everywhere) and the activation page."""

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .activation import open_link, redeem_link, sign_out_everywhere
from .errors import AccountRefused

BACKEND = "django.contrib.auth.backends.ModelBackend"


@login_required
def account(request):
    return render(request, "accounts/account.html", {"account": request.user})


class PasswordChange(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("account")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password has been changed."))
        return response


@login_required
@require_POST
def sign_out_all(request):
    sign_out_everywhere(request.user)
    logout(request)
    messages.success(request, _("You have been signed out on every device."))
    return redirect("login")


@never_cache
def activate(request, secret):
    """Open the one-time link on a phone: choose a password (Django's validators), then logged in."""
    try:
        link = open_link(secret)
    except AccountRefused as refusal:
        return render(request, "accounts/activate_refused.html", {"refusal": refusal}, status=refusal.http_status)
    form = SetPasswordForm(link.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = redeem_link(secret, form.cleaned_data["new_password1"])
        except AccountRefused as refusal:
            return render(request, "accounts/activate_refused.html", {"refusal": refusal}, status=refusal.http_status)
        if request.user.is_authenticated and request.user.pk != user.pk:
            logout(request)
        login(request, user, backend=BACKEND)
        messages.success(request, _("Your password is set. Welcome!"))
        return redirect("home")
    return render(request, "accounts/activate.html", {"form": form, "link": link, "person": link.user})
