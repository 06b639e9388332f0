"""Reads of the registry: what a user may see, and a year's works and awards under an area (what the
report paragraph, the Word file, the XLSX and /api/figures/ name). 2 queries."""

from accounts.scopes import scope_q

from .models import Award, Work


def works_in_scope(user):
    return Work.objects.filter(scope_q(user, "area__code")).select_related("area")


def awards_in_scope(user):
    return Award.objects.filter(scope_q(user, "area__code")).select_related("area", "work")


def year_works(year, code):
    """{"count", "titles"}: the year's works under the area, awarded ones first."""
    works = list(
        Work.objects.filter(year=year, area__code__startswith=code)
        .order_by("created_at", "id")
        .values_list("title", "awards__id")
    )
    titles, awarded = [], set()
    for title, award in works:
        if title not in titles:
            titles.append(title)
        if award is not None:
            awarded.add(title)
    titles.sort(key=lambda t: t not in awarded)
    return {"count": len(titles), "titles": titles}


LEVEL_RANK = {"national": 0, "provincial": 1, "city": 2, "district": 3}


def year_awards(year, code):
    """[{"title", "level", "awarding_body", "recipient_kind", "recipient"}], highest level first."""
    rows = Award.objects.filter(year=year, area__code__startswith=code).values(
        "title", "level", "awarding_body", "recipient_kind", "recipient"
    )
    return sorted(rows.order_by("id"), key=lambda r: LEVEL_RANK.get(r["level"], 9))
