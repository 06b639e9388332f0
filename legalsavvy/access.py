"""Who may open the registry pages, and fetching records within the user's area.

Pages are for managers: coordinators (everything in their scope) and town justice officers (their
town). Advisors and organizers have no access to the registry pages (least privilege; the API gives
organizers a read-only, masked list so they can name persons who helped at an event).
A record outside the user's area answers 404, not 403, so ids do not reveal what exists elsewhere.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.scopes import area_in_scope, is_manager, may_see_full_phones, scope_prefix, scope_q
from common.phones import mask_phone
from places.models import Area

from .models import LegalSavvyActivity, Training
from .queries import persons_in_scope


def manager_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_manager(request.user) or scope_prefix(request.user) is None:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def coordinator_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_coordinator or scope_prefix(request.user) is None:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def get_person(user, pk):
    persons = persons_in_scope(user).select_related("village", "village__parent", "advisor")
    return get_object_or_404(persons, pk=pk)


def get_village(user, code):
    if not code.isdigit():
        raise Http404
    return area_in_scope(user, code, Area.objects.villages().select_related("parent"), outside=Http404())


def get_training(user, pk):
    trainings = Training.objects.filter(scope_q(user, "person__village__code"))
    return get_object_or_404(trainings.select_related("person__village"), pk=pk)


def get_activity(user, pk):
    activities = LegalSavvyActivity.objects.filter(scope_q(user, "person__village__code"))
    return get_object_or_404(activities.select_related("person__village"), pk=pk)


def shown_phone(user, phone):
    """Coordinators see full numbers; everyone else a masked one (138****8000)."""
    if not phone:
        return ""
    return phone if may_see_full_phones(user) else mask_phone(phone)


def kept_phone(user, submitted, current):
    """A masked number sent back unchanged (a town officer editing a record) keeps the real one."""
    submitted = (submitted or "").strip()
    if current and submitted and submitted == mask_phone(current):
        return current
    return submitted
