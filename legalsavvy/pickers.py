"""``/legal-savvy/pick.json?q=`` — the legal-savvy person picker's matches: active persons in scope."""

from django.contrib.auth.decorators import login_required
from django.db.models import Q

from common.pickers import PICKER_LIMIT, picker_query, picker_response

from .models import LegalSavvyPerson
from .queries import persons_in_scope


@login_required
def person_pick(request):
    query = picker_query(request)
    persons = (
        persons_in_scope(request.user)
        .filter(status=LegalSavvyPerson.Status.ACTIVE)
        .select_related("village")
        .order_by("name", "id")
    )
    if query:
        persons = persons.filter(Q(name__icontains=query) | Q(village__name__icontains=query))
    return picker_response((person.pk, f"{person.name} · {person.village.name}") for person in persons[:PICKER_LIMIT])
