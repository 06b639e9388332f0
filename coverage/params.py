"""Which area and period a coverage request asks for, checked against the user's scope.

Shared by the pages (coverage/views.py) and the API (api/coverage/views.py) so both
answer the same way: a malformed or unknown area code is a ValidationError (400 in the API), an
area outside the user's scope is PermissionDenied (403), checked before existence so a town
officer cannot probe another town's codes.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from accounts.scopes import area_in_scope, is_manager
from common.periods import parse_period
from places.models import CODE_LENGTHS, Area

CODE_SIZES = set(CODE_LENGTHS.values())


def check_manager(user):
    """Coverage is for coordinators and town officers (superusers included)."""
    if not is_manager(user):
        raise PermissionDenied(_("Coverage is for coordinators and town justice officers."))


def default_area(user):
    """The user's scope; for an unscoped coordinator or superuser, the first district (or root area)."""
    if user.scope_id is not None:
        return user.scope
    return (
        Area.objects.filter(level=Area.Level.DISTRICT).order_by("code").first()
        or Area.objects.filter(parent__isnull=True).order_by("code").first()
    )


def resolve_area(user, raw):
    """The Area for ``raw`` (a code; empty = the default area) or an error."""
    raw = (raw or "").strip()
    if not raw:
        area = default_area(user)
        if area is None:
            raise ValidationError({"area": [_("Give an area code.")]})
        return area
    if not raw.isdigit() or len(raw) not in CODE_SIZES:
        raise ValidationError({"area": [_("An area code is 2, 4, 6, 9 or 12 digits.")]})
    return area_in_scope(
        user,
        raw,
        outside=PermissionDenied(_("This area is outside your scope.")),
        missing=ValidationError({"area": [_("Unknown area code.")]}),
    )


def resolve(user, params, default_period=None):
    """(area, period) for a request's query parameters."""
    check_manager(user)
    errors = {}
    period = area = None
    try:
        period = parse_period(params, default=default_period)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        area = resolve_area(user, params.get("area"))
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    return area, period
