"""The topic vocabulary page: everyone in a managing role reads it; coordinators add topics."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.scopes import is_manager
from common.errors import Refusal
from common.forms import show_refusal

from . import services
from .forms import TopicForm
from .models import Topic


@login_required
def topic_list(request):
    if not is_manager(request.user):
        raise PermissionDenied
    may_add = request.user.is_superuser or request.user.is_coordinator
    form = TopicForm(request.POST or None) if may_add else None
    if request.method == "POST":
        if not may_add:
            raise PermissionDenied
        if form.is_valid():
            try:
                topic = services.create_topic(by=request.user, **form.cleaned_data)
            except Refusal as error:
                show_refusal(form, error)
            else:
                messages.success(request, _("Topic %(label)s added.") % {"label": topic.display_label})
                return redirect("topics:list")
    return render(request, "topics/list.html", {"topics": Topic.objects.all(), "form": form})
