"""Who may see and do what with events: one place for pages and API alike.

- Coordinators: every event within their scope; edit, attendees with full phones.
- Organizers: only the events they organize; edit; attendees with masked phones.
- Town officers: events within their town, read-only, counts but no attendee list or QR.
- Everyone else (advisors, users without a role): nothing. Anonymous: only the check-in form.
"""

from accounts.scopes import in_scope, is_manager, may_see_full_phones, scope_prefix, scope_q
from places.models import Area

from .models import Event


def visible_events(user, queryset=None):
    queryset = Event.objects.all() if queryset is None else queryset
    if not (user and user.is_authenticated):
        return queryset.none()
    if user.is_superuser:
        return queryset
    if is_manager(user):
        return queryset.filter(scope_q(user, "area__code"))
    if user.is_organizer:
        return queryset.filter(organizer=user)
    return queryset.none()


def can_create(user):
    return bool(
        user and user.is_authenticated and (user.is_coordinator or user.is_organizer) and scope_prefix(user) is not None
    )


def can_manage(user, event):
    """Edit, see the QR and secret, enter and annul check-ins, see the attendee list."""
    if not (user and user.is_authenticated):
        return False
    if user.is_superuser:
        return True
    if user.is_coordinator:
        return in_scope(user, event.area.code)
    return user.is_organizer and event.organizer_id == user.pk


def can_unmask_phones(user):
    """Attendees' phones in full: the one rule of ``accounts.scopes``."""
    return may_see_full_phones(user)


def areas_for(user):
    """Areas where the user may hold events: their scope's district, towns and villages."""
    prefix = scope_prefix(user)
    if prefix is None:
        return Area.objects.none()
    return (
        Area.objects.active()
        .filter(code__startswith=prefix)
        .filter(level__in=[Area.Level.DISTRICT, Area.Level.TOWN, Area.Level.VILLAGE])
    )
