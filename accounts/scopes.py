"""Who may see what: scope checks by area-code prefix, reused by every feature.

A user's scope is an area; they see every record whose area code starts with the scope's code.
Superusers, and coordinators without a scope, see everything (scope prefix "").
Users with no scope and no coordinator role see nothing area-bound.

One rule each, for every page and API: ``is_manager`` (coordinators and town officers),
``area_in_scope`` (an area asked for by code, scope checked before existence) and
``may_see_full_phones`` (everyone else sees masked numbers).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from places.models import Area

EVERYTHING = ""


def scope_prefix(user):
    """The code prefix the user may see: "" for everything, None for nothing."""
    if user is None or not user.is_authenticated:
        return None
    if user.is_superuser:
        return EVERYTHING
    if user.scope_id is not None:
        return user.scope.code
    if user.is_coordinator:
        return EVERYTHING
    return None


def in_scope(user, code):
    """True when an area code (a village, town…) lies within the user's scope."""
    prefix = scope_prefix(user)
    return prefix is not None and code is not None and str(code).startswith(prefix)


def scope_q(user, field="area__code"):
    """A Q object restricting ``field`` (an area-code lookup path) to the user's scope."""
    prefix = scope_prefix(user)
    if prefix is None:
        return Q(pk__in=[])
    if prefix == EVERYTHING:
        return Q()
    return Q(**{f"{field}__startswith": prefix})


def is_manager(user):
    """Coordinators (superusers included) and town officers manage the records of their area."""
    return bool(user is not None and user.is_authenticated and (user.is_coordinator or user.is_town_officer))


def can_manage_code(user, code):
    return is_manager(user) and in_scope(user, code)


def area_in_scope(user, code, queryset=None, *, outside=None, missing=None):
    """The Area with ``code`` (looked up in ``queryset``, default every area) when the user's scope
    covers it; otherwise raise ``outside`` (default PermissionDenied) or ``missing`` (default Http404).

    Scope is checked before existence: a code outside the scope is refused whether or not such an
    area exists, so the codes of other towns cannot be probed; a code inside the scope that names no
    area (in ``queryset``) is ``missing``. Callers that answer both cases alike pass the same
    exception for both.
    """
    if not in_scope(user, code):
        raise outside if outside is not None else PermissionDenied()
    area = (Area.objects.all() if queryset is None else queryset).filter(code=code).first()
    if area is None:
        raise missing if missing is not None else Http404()
    if not in_scope(user, area.code):
        raise outside if outside is not None else PermissionDenied()
    return area


def may_see_full_phones(user, subject_user_id=None):
    """Coordinators (superusers included) see phone numbers in full, and so does the person a number
    belongs to (``subject_user_id``: the login of e.g. the advisor shown); everyone else a masked one."""
    if user is None or not user.is_authenticated:
        return False
    return user.is_coordinator or (subject_user_id is not None and subject_user_id == user.pk)
