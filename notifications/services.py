"""Writes of the inbox owner: mark read, mute and unmute reminder kinds (only their own rows)."""

from django.db import transaction

from .models import Kind, MutedKind, Notification


def mark_read(user, ids=None):
    """Mark the user's notifications read (all, or those with ``ids``); returns how many changed."""
    notes = Notification.objects.filter(user=user, read=False)
    if ids is not None:
        notes = notes.filter(pk__in=ids)
    return notes.update(read=True)


def muted_kinds(user):
    return set(MutedKind.objects.filter(user=user).values_list("kind", flat=True))


def set_muted(user, kinds):
    """Mute exactly ``kinds`` (unknown values are ignored) and unmute the others."""
    wanted = {kind for kind in kinds if kind in Kind.values}
    with transaction.atomic():
        MutedKind.objects.filter(user=user).exclude(kind__in=wanted).delete()
        have = muted_kinds(user)
        MutedKind.objects.bulk_create([MutedKind(user=user, kind=kind) for kind in sorted(wanted - have)])
    return wanted
