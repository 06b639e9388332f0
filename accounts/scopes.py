"""Who may see what: scope checks by area-code prefix, reused by every feature.

A user's scope is an area; they see every record whose area code starts with the scope's code.
Superusers, and coordinators without a scope, see everything (scope prefix "").
Users with no scope and no coordinator role see nothing area-bound.
"""

from django.db.models import Q

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


def filter_in_scope(queryset, user, field="area__code"):
    return queryset.filter(scope_q(user, field))


def is_manager(user):
    """Coordinators and town officers manage the records of their area."""
    return user.is_authenticated and (user.is_coordinator or user.is_town_officer)


def can_manage_code(user, code):
    return is_manager(user) and in_scope(user, code)
