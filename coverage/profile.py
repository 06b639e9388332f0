"""What the village profile page shows for one village and period: its coverage row beside the same
period last year, a timeline of events and duty shifts, the legal-savvy roster (phones masked unless
the user may see them in full), honors and the advisors' assignments."""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from accounts.scopes import may_see_full_phones
from advisors.compliance import compliance_text
from advisors.models import Assignment, DutyShift
from common.periods import local_date
from common.phones import mask_phone
from legalsavvy.models import LegalSavvyPerson, LegalSavvyTerm, VillageHonor
from legalsavvy.quota import active_terms_q
from outreach.models import CheckIn, Event

from . import rules
from .reach import BREAKDOWNS, empty_reach, reach_by_village
from .rows import village_coverage


def village_profile_data(user, village, period):
    """The page's context for ``village`` (an Area of level village) over ``period``."""
    previous = period.shifted_years(-1)
    current_rows = village_coverage(period, village.code)
    previous_rows = village_coverage(previous, village.code)
    row = current_rows[0] if current_rows else None
    last = previous_rows[0] if previous_rows else None
    return {
        "village": village,
        "period": period,
        "previous": previous,
        "row": row,
        "last": last,
        "compare": _compare(row, last),
        "timeline": _timeline(village, period),
        "roster": _roster(user, village, period),
        "honors": VillageHonor.objects.filter(village=village).order_by("-year", "title"),
        "assignments": Assignment.objects.filter(village=village).select_related("advisor").order_by("-starts_on"),
        "as_of": row.as_of.isoformat() if row else "",
        "audiences": [Event.Audience(a).label for a in row.audiences_reached] if row else [],
        "reach": _reach(village, period),
    }


def _reach(village, period):
    """The residents' attendances by age group, gender and occupation (one query)."""
    reach = reach_by_village(period, village.code).get(village.code) or empty_reach()
    groups = [
        (
            CheckIn._meta.get_field(name).verbose_name,
            [(label, reach[name].get(code, 0)) for code, label in choices.choices],
        )
        for name, choices in BREAKDOWNS
    ]
    return {"total": reach["total"], "groups": groups, "population": village.population}


def _timeline(village, period):
    """The period's events and duty shifts in the village, newest first."""
    events = (
        Event.objects.filter(area=village, starts_at__gte=period.start_dt, starts_at__lt=period.end_dt)
        .with_attendee_count()
        .order_by("starts_at")
    )
    shifts = (
        DutyShift.objects.filter(village=village, date__gte=period.start, date__lte=period.end)
        .select_related("advisor")
        .order_by("date", "start_time")
    )
    timeline = [{"date": local_date(e.starts_at), "kind": "event", "event": e} for e in events] + [
        {"date": s.date, "kind": "shift", "shift": s} for s in shifts
    ]
    timeline.sort(key=lambda item: (item["date"], item["kind"]), reverse=True)
    return timeline


def _roster(user, village, period):
    """Everyone ever registered in the village, those active at the period's end first."""
    active_term = LegalSavvyTerm.objects.filter(active_terms_q(period.end), person=OuterRef("pk"))
    roster = (
        LegalSavvyPerson.objects.filter(village=village)
        .annotate(active_at_end=Exists(active_term))
        .order_by("-active_at_end", "name", "id")
    )
    show_phone = may_see_full_phones(user)
    return [{"person": p, "phone": p.phone if show_phone else mask_phone(p.phone)} for p in roster]


def _compare(row, last):
    """Scorecard lines: (label, this period, same period last year)."""
    if row is None or last is None:
        return []
    yes, no = _("yes"), _("no")

    def hours(r):
        return f"{rules.fmt_number(r.duty_hours)} / {rules.fmt_number(r.duty_hours_required)}"

    def months(r):
        return compliance_text(r.duty_months_met, r.duty_months, r.duty_hours, r.duty_hours_required)

    return [
        (_("Score"), row.score, last.score),
        (_("Events held"), row.events, last.events),
        (_("Attendees"), row.attendees, last.attendees),
        (_("Residents reached"), row.residents_reached, last.residents_reached),
        (_("Event for young people"), yes if row.youth_event else no, yes if last.youth_event else no),
        (_("Event for elderly people"), yes if row.elderly_event else no, yes if last.elderly_event else no),
        (_("Duty hours / required"), hours(row), hours(last)),
        (_("Duty months met"), months(row), months(last)),
        (_("Home visits"), row.home_visits, last.home_visits),
        (
            _("Legal-savvy persons / quota"),
            f"{row.legal_savvy} / {row.legal_savvy_quota}",
            f"{last.legal_savvy} / {last.legal_savvy_quota}",
        ),
        (_("Gaps"), len(row.gaps), len(last.gaps)),
    ]
