"""Trainings: a session attended by several persons (one row each), corrected or deleted one by one."""

import uuid

from django.db import transaction

from accounts import audit
from accounts.models import AuditEntry

from ..errors import SavvyError, refusal
from ..models import Training
from ._common import _audit, _audit_many, check_can_manage, clean_hours, clean_past_date


def record_training_session(persons, date, hours, topic, passed=None, *, user=None):
    """One training session attended by ``persons``; ``passed`` maps person id → True/False/None
    (examination result; missing = not examined). Returns the created trainings."""
    persons = list({p.pk: p for p in persons}.values())
    if not persons:
        raise refusal("persons", SavvyError.NO_ATTENDEES)
    for person in persons:
        check_can_manage(user, person.village.code)
    clean_past_date(date, "date")
    hours = clean_hours(hours)
    topic = (topic or "").strip()
    if not topic:
        raise refusal("topic", SavvyError.TOPIC_REQUIRED)
    passed = passed or {}
    session = uuid.uuid4().hex
    trainings = [
        Training(person=p, date=date, hours=hours, topic=topic[:200], passed=passed.get(p.pk), session=session)
        for p in persons
    ]
    with transaction.atomic():
        created = Training.objects.bulk_create(trainings)
        by_pk = {p.pk: p for p in persons}
        _audit_many(
            user, created, AuditEntry.Action.CREATE, lambda t: by_pk[t.person_id].village.code, lambda t: t.date
        )
    return created


def update_training(training, *, user=None, **changes):
    check_can_manage(user, training.person.village.code)
    before = {f: getattr(training, f) for f in ("date", "hours", "topic", "passed")}
    if "person" in changes and changes["person"] != training.person:
        check_can_manage(user, changes["person"].village.code)
        training.person = changes["person"]
    if "date" in changes:
        training.date = clean_past_date(changes["date"], "date")
    if "hours" in changes:
        training.hours = clean_hours(changes["hours"])
    if "topic" in changes:
        training.topic = (changes["topic"] or "").strip()[:200]
        if not training.topic:
            raise refusal("topic", SavvyError.TOPIC_REQUIRED)
    if "passed" in changes:
        training.passed = changes["passed"]
    changed = audit.diff(before, {f: getattr(training, f) for f in before}, list(before))
    with transaction.atomic():
        training.save()
        _audit(
            user,
            training,
            AuditEntry.Action.UPDATE,
            area_code=training.person.village.code,
            record_date=training.date,
            changes=changed,
        )
    return training


def delete_training(training, *, user=None):
    """A wrongly entered training may be deleted; the audit log keeps what it was."""
    check_can_manage(user, training.person.village.code)
    with transaction.atomic():
        _audit(
            user,
            training,
            AuditEntry.Action.DELETE,
            area_code=training.person.village.code,
            record_date=training.date,
            changes={"person": [training.person_id, None], "hours": [str(training.hours), None]},
        )
        training.delete()
