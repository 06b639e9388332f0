"""Who sees and changes which advisor records. Built on ``accounts.scopes`` (area-code prefixes).

- an advisor: their own shifts and assignments only (not their area's);
- a town officer: everything in villages of their town; approves shifts there;
- a coordinator: everything in their scope; corrects approved shifts; manages advisors and assignments.
"""

from accounts.scopes import can_manage_code, in_scope, is_manager, scope_q

from .models import Advisor, Assignment, DutyShift


def advisor_of(user):
    """The Advisor record linked to this login, or None."""
    if user is None or not user.is_authenticated:
        return None
    cached = getattr(user, "_advisor_cache", False)
    if cached is not False:
        return cached
    advisor = Advisor.objects.filter(user=user).first()
    user._advisor_cache = advisor
    return advisor


def is_coordinator(user):
    return bool(user is not None and user.is_authenticated and user.is_coordinator)


def can_manage_village(user, village):
    """Town officers of the village's town and coordinators over it (approve, print posters)."""
    return can_manage_code(user, village.code)


def shifts_visible_to(user, queryset=None):
    queryset = DutyShift.objects.all() if queryset is None else queryset
    if user is None or not user.is_authenticated:
        return queryset.none()
    if is_manager(user):
        return queryset.filter(scope_q(user, "village__code"))
    if user.is_advisor:
        return queryset.filter(advisor__user=user)
    return queryset.none()


def assignments_visible_to(user, queryset=None):
    queryset = Assignment.objects.all() if queryset is None else queryset
    if user is None or not user.is_authenticated:
        return queryset.none()
    if is_manager(user):
        return queryset.filter(scope_q(user, "village__code"))
    if user.is_advisor:
        return queryset.filter(advisor__user=user)
    if user.is_organizer:
        return queryset.filter(scope_q(user, "village__code"))
    return queryset.none()


def advisors_visible_to(user, queryset=None):
    """Advisors are listed to every role (organizers pick them as speakers); phones are masked
    elsewhere for all but coordinators. Users without a role see none."""
    queryset = Advisor.objects.all() if queryset is None else queryset
    if user is None or not user.is_authenticated:
        return queryset.none()
    if user.is_superuser or user.role:
        return queryset
    return queryset.none()


def can_edit_shift(user, shift):
    """May open the edit form at all (the service still decides each change)."""
    if is_coordinator(user) and in_scope(user, shift.village.code):
        return True
    if shift.is_approved:
        return False
    if user.is_town_officer and in_scope(user, shift.village.code):
        return True
    return user.is_advisor and shift.advisor.user_id == user.pk
