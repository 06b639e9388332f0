"""Writes to the topic vocabulary: coordinators add topics and rename or retire them; codes never change."""

import re

from django.db import transaction

from accounts import audit
from accounts.models import AuditEntry

from .errors import TopicError, TopicRefused
from .models import SEED_TOPICS, Topic

CODE_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def _check_coordinator(by):
    if by is not None and not (by.is_superuser or by.is_coordinator):
        raise TopicRefused(TopicError.NOT_ALLOWED)


def create_topic(*, by, code, label, position=100, active=True):
    _check_coordinator(by)
    code = (code or "").strip()
    label = (label or "").strip()
    if not CODE_RE.match(code):
        raise TopicRefused(TopicError.BAD_CODE, "code")
    if not label:
        raise TopicRefused(TopicError.LABEL_REQUIRED, "label")
    with transaction.atomic():
        if Topic.objects.select_for_update().filter(code=code).exists():
            raise TopicRefused(TopicError.CODE_TAKEN, "code")
        topic = Topic.objects.create(code=code, label=label, position=position or 100, active=active)
        audit.record(by, topic, AuditEntry.Action.CREATE, summary=f"{code} {label}")
    return topic


def update_topic(topic, *, by, **changes):
    """Change a topic's label, position or active flag (its code stays)."""
    _check_coordinator(by)
    if "code" in changes and changes.pop("code") != topic.code:
        raise TopicRefused(TopicError.CODE_FIXED, "code")
    unknown = set(changes) - {"label", "position", "active"}
    if unknown:
        raise TypeError(f"unknown topic fields: {sorted(unknown)}")
    with transaction.atomic():
        topic = Topic.objects.select_for_update().get(pk=topic.pk)
        before = {name: getattr(topic, name) for name in ("label", "position", "active")}
        if "label" in changes:
            changes["label"] = (changes["label"] or "").strip()
            if not changes["label"]:
                raise TopicRefused(TopicError.LABEL_REQUIRED, "label")
        for name, value in changes.items():
            setattr(topic, name, value)
        after = {name: getattr(topic, name) for name in before}
        diff = audit.diff(before, after, tuple(before))
        if diff:
            topic.save()
            audit.record(by, topic, AuditEntry.Action.UPDATE, changes=diff, summary=topic.code)
    return topic


def ensure_seed_topics():
    """Create any missing seeded topic (the data migration does this; tests that flush the database
    and fresh setups may call it). Existing topics are left as they are."""
    for position, (code, label) in enumerate(SEED_TOPICS, start=1):
        Topic.objects.get_or_create(code=code, defaults={"label": label, "position": position * 10})
