"""Logins in bulk: one for every advisor (in the caller's reach) who has none, all in one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.errors import AccountError, AccountRefused
from accounts.models import User
from advisors.models import Advisor, Assignment
from common.clock import local_today
from common.phones import normalize_mobile

from .. import access
from .users import create_login


def username_for(advisor, taken):
    """The advisor's mobile number when it is free (easy to remember), else ``gw<id>`` (顾问)."""
    try:
        phone = normalize_mobile(advisor.phone)
    except ValidationError:  # no usable mobile: fall back to the id
        phone = ""
    for candidate in (phone, f"gw{advisor.pk}", f"gw{advisor.pk}x"):
        if candidate and candidate.lower() not in taken:
            return candidate
    raise AccountRefused(AccountError.USERNAME_TAKEN, "username")


def _scope_for(advisor, by):
    """The town of the advisor's current (else latest) village, within ``by``'s scope; else ``by``'s scope."""
    today = local_today()
    assignments = (
        Assignment.objects.filter(advisor=advisor).select_related("village__parent").order_by("-starts_on", "-id")
    )
    current = [a for a in assignments if a.ends_on is None or a.ends_on >= today] or list(assignments)
    for assignment in current:
        town = assignment.village.parent or assignment.village
        if access.scope_grantable(by, town):
            return town
        if access.scope_grantable(by, assignment.village):
            return assignment.village
    return by.scope


def logins_for_advisors(*, by, advisors=None):
    """Create a login (role advisor) for each given advisor record without one — by default every
    active one ``by`` may link. All or nothing. Returns [(advisor, user, link, secret)]."""
    if not access.may_manage_people(by):
        raise AccountRefused(AccountError.NOT_ALLOWED)
    queryset = Advisor.objects.filter(user__isnull=True, active=True)
    if advisors is not None:
        queryset = queryset.filter(pk__in=[a.pk for a in advisors])
    linkable = list(access.advisors_linkable_by(by, queryset).order_by("name", "id"))
    taken = {name.lower() for name in User.objects.values_list("username", flat=True)}
    made = []
    with transaction.atomic():
        for advisor in linkable:
            username = username_for(advisor, taken)
            taken.add(username.lower())
            user, link, secret = create_login(
                by=by,
                username=username,
                role=User.Role.ADVISOR,
                scope=_scope_for(advisor, by),
                first_name=advisor.name,
                phone=advisor.phone if _is_mobile(advisor.phone) else "",
                advisor=advisor,
            )
            made.append((advisor, user, link, secret))
    return made


def _is_mobile(phone):
    try:
        normalize_mobile(phone)
    except ValidationError:
        return False
    return True
