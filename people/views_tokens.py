"""API tokens for other systems (coordinators): named, last use shown, revoked on the page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.models import ApiToken
from accounts.tokens import create_token, revoke_token

from . import access
from .forms import TokenForm


def _tokens_for(user):
    return ApiToken.objects.filter(user__in=access.users_visible_to(user)).select_related("user", "created_by")


def _coordinator(request):
    if not request.user.is_coordinator:
        raise PermissionDenied


@never_cache
@login_required
def token_list(request):
    _coordinator(request)
    form = TokenForm(request.POST or None, by=request.user)
    new_key = None
    if request.method == "POST" and form.is_valid():
        token, new_key = create_token(by=request.user, user=form.cleaned_data["user"], name=form.cleaned_data["name"])
        messages.success(
            request, _("Token %(name)s created. Copy the key now: it is shown only once.") % {"name": token.name}
        )
        form = TokenForm(by=request.user)
    return render(
        request, "people/tokens.html", {"form": form, "tokens": _tokens_for(request.user), "new_key": new_key}
    )


@login_required
@require_POST
def token_revoke(request, pk):
    _coordinator(request)
    token = get_object_or_404(_tokens_for(request.user), pk=pk)
    revoke_token(by=request.user, token=token)
    messages.success(request, _("Token %(name)s revoked.") % {"name": token.name})
    return redirect("people:token_list")
