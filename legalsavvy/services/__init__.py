"""Every write to the registry of legal-savvy persons goes through these functions.

``LegalSavvyPerson`` holds the current state; each appointment period is a ``LegalSavvyTerm``.
A removal closes the open term and marks the person removed (never a delete); a re-appointment
opens a new term, so "who was active on date D" stays answerable (see ``quota.py``).

Every function takes ``user`` (None for management commands): when given, the user must manage
the village (coordinators everywhere in their scope, town officers in their town), and the change
is written to the audit log.

One module per noun: ``persons`` (registering, correcting, pairing with an advisor), ``terms``
(removal, re-appointment and status changes), ``trainings`` and ``activities``, ``batches`` (undoing a
roster import); the checks they share live in
``_common``. Callers import everything from ``legalsavvy.services``.
"""

from ._common import (
    MAX_ACTIVITY_HOURS,
    MAX_TRAINING_HOURS,
    PERSON_FIELDS,
    check_can_manage,
    clean_birth_year,
    clean_hours,
    clean_past_date,
    clean_phone,
    clean_village,
    current_advisor,
    find_duplicate,
    today,
)
from .activities import delete_activity, record_activity, update_activity, was_active_on
from .batches import undo_roster_batch
from .persons import appoint_person, pair_village, pair_with_advisor, update_person
from .terms import change_person, reappoint_person, remove_person
from .trainings import delete_training, record_training_session, update_training

__all__ = [
    "MAX_ACTIVITY_HOURS",
    "MAX_TRAINING_HOURS",
    "PERSON_FIELDS",
    "appoint_person",
    "change_person",
    "check_can_manage",
    "clean_birth_year",
    "clean_hours",
    "clean_past_date",
    "clean_phone",
    "clean_village",
    "current_advisor",
    "delete_activity",
    "delete_training",
    "find_duplicate",
    "pair_village",
    "pair_with_advisor",
    "reappoint_person",
    "record_activity",
    "record_training_session",
    "remove_person",
    "today",
    "undo_roster_batch",
    "update_activity",
    "update_person",
    "update_training",
    "was_active_on",
]
