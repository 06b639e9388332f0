"""The coverage pages of a province or a city: one row per child area from the roll-ups (drill down
by following a row), with the roll-ups' "as of" time. coverage/views.py hands these areas over."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render

from places.models import CODE_LENGTHS

from . import areas as rollup

PAGE_SIZE = 100


def area_page(request, area, period, form, title, current):
    """Rows for the children of ``area`` (a province or a city) in ``period``; sentences and village
    rows only appear once the user drills down to a district."""
    readable = rollup.readable(period)
    as_of = rollup.as_of(period) if readable else None
    page = Paginator(rollup.children_of(area), PAGE_SIZE).get_page(request.GET.get("page"))
    rows, head = [], None
    if as_of and rollup.CHILD_LEVEL.get(area.level):
        # One aggregate at the children's code length gives both the page's rows and the headline.
        found = rollup.aggregate(period, area.code, CODE_LENGTHS[rollup.CHILD_LEVEL[area.level]])
        for child in page.object_list:
            row = found.get(child.code) or rollup.AreaCoverage(child.code, "", "")
            row.name, row.level = child.name, child.level
            rows.append(row)
        head = rollup.headline(period, area, found)
    trend = rollup.monthly_trend(period, area.code) if as_of else []
    return render(
        request,
        "coverage/areas.html",
        {
            "area": area,
            "period": period,
            "form": form,
            "title": title,
            "current": current,
            "readable": readable,
            "as_of": as_of,
            "rows": rows,
            "page": page,
            "headline": head,
            "trend": trend,
            "period_query": urlencode(period.query),
            "query": urlencode({"area": area.code, **period.query}),
        },
    )
