"""The legal-savvy person picker's matches: ``person_lookup`` (the queryset
``/api/lookups/legal-savvy-persons/`` pages through) and ``/legal-savvy/pick.json?q=``."""

from django.contrib.auth.decorators import login_required
from django.db.models import Q

from common.pickers import PICKER_LIMIT, picker_query, picker_response

from .models import LegalSavvyPerson
from .queries import persons_in_scope


def person_label(person):
    return f"{person.name} · {person.village.name}"


def person_lookup(user, query=""):
    """Active persons in scope, by name, village or certificate number (a substring of each)."""
    persons = (
        persons_in_scope(user)
        .filter(status=LegalSavvyPerson.Status.ACTIVE)
        .select_related("village")
        .order_by("name", "id")
    )
    if query:
        persons = persons.filter(
            Q(name__icontains=query) | Q(village__name__icontains=query) | Q(certificate_no__icontains=query)
        )
    return persons


@login_required
def person_pick(request):
    persons = person_lookup(request.user, picker_query(request))
    return picker_response((person.pk, person_label(person)) for person in persons[:PICKER_LIMIT])
