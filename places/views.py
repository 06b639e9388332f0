from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from .models import Area


@login_required
def area_browser(request, code=None):
    """District → towns → villages, each child with its count of active villages below it."""
    if code is None:
        area = None
        children = Area.objects.filter(parent__isnull=True)
    else:
        if not code.isdigit():
            raise Http404
        area = get_object_or_404(Area.objects.select_related("parent"), code=code)
        children = area.children.all()
    children = children.annotate(
        child_count=Count("children", distinct=True),
    ).order_by("code")
    # Villages below each child in one query: count by code prefix of the child's length.
    village_counts = _village_counts([c.code for c in children])
    rows = [{"area": c, "villages": village_counts.get(c.code, 0)} for c in children]
    breadcrumbs = []
    node = area
    while node is not None:
        breadcrumbs.insert(0, node)
        node = node.parent
    return render(request, "places/area_browser.html", {"area": area, "rows": rows, "breadcrumbs": breadcrumbs})


def _village_counts(codes):
    """{code: number of active villages under it} in a single query."""
    if not codes:
        return {}
    condition = Q()
    for code in codes:
        condition |= Q(code__startswith=code)
    counts = dict.fromkeys(codes, 0)
    lengths = sorted({len(code) for code in codes})
    for length in lengths:
        query = (
            Area.objects.villages()
            .active()
            .filter(condition)
            .annotate(prefix=Substr("code", 1, length))
            .values("prefix")
            .annotate(n=Count("id"))
        )
        for row in query:
            if row["prefix"] in counts:
                counts[row["prefix"]] = row["n"]
    return counts
