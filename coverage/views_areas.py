"""The coverage pages of a province or a city: one row per child area from the roll-ups (drill down
by following a row), with the roll-ups' "as of" time. coverage/views.py hands these areas over."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render

from . import areas as rollup

PAGE_SIZE = 100


def area_page(request, area, period, form, title, current):
    """Rows for the children of ``area`` (a province or a city) in ``period``; sentences and village
    rows only appear once the user drills down to a district."""
    readable = rollup.readable(period)
    as_of = rollup.as_of(period) if readable else None
    page = Paginator(rollup.children_of(area), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = rollup.area_rows(period, area.code, page.object_list) if as_of else []
    head = rollup.headline(period, area) if as_of else None
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
