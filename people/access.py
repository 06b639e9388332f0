"""Who manages which logins. Built on ``accounts.scopes``.

- coordinators: every user whose scope lies in their own (superusers and scope-less coordinators: all);
- town officers: advisors and organizers whose scope lies in their town;
- nobody else manages logins. Nobody changes their own role, scope or status, nor grants a role
  above their own or a scope wider than their own.
"""

from accounts.models import User
from accounts.scopes import EVERYTHING, in_scope, is_manager, scope_prefix, scope_q
from advisors.models import Advisor

OFFICER_ROLES = frozenset({User.Role.ADVISOR, User.Role.ORGANIZER})


def may_manage_people(user):
    return is_manager(user)


def roles_grantable_by(user):
    """The roles ``user`` may give: coordinators any role up to their own, officers advisor and organizer."""
    if not may_manage_people(user):
        return []
    if user.is_coordinator:
        return list(User.Role)
    return [role for role in User.Role if role in OFFICER_ROLES]


def users_visible_to(user, queryset=None):
    queryset = User.objects.all() if queryset is None else queryset
    if not may_manage_people(user):
        return queryset.none()
    if user.is_superuser or scope_prefix(user) == EVERYTHING:
        visible = queryset
    else:
        visible = queryset.filter(scope_q(user, "scope__code"))
    if not user.is_coordinator:
        visible = visible.filter(role__in=OFFICER_ROLES, is_superuser=False)
    return visible


def can_manage_user(user, target):
    return users_visible_to(user, User.objects.filter(pk=target.pk)).exists()


def scope_grantable(user, area):
    return area is not None and in_scope(user, area.code)


def advisors_linkable_by(user, queryset=None):
    """Advisor records without a login that ``user`` may give one: coordinators all; town officers
    those assigned (at any time) to a village of their town."""
    queryset = Advisor.objects.all() if queryset is None else queryset
    if not may_manage_people(user):
        return queryset.none()
    if user.is_coordinator:
        return queryset
    return queryset.filter(scope_q(user, "assignments__village__code")).distinct()
