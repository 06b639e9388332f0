"""An import may not be undone once the figures of a year it wrote to are closed for an area that
holds one of its villages (registered with jobs.registry from ReportsConfig.ready)."""

from imports.errors import ImportErrorCode, ImportRefused

from .models import FiguresSnapshot


def closed_year_guard(job):
    years = job.summary.get("years") or []
    codes = [row["code"] for row in job.summary.get("villages", []) if row.get("created") or row.get("updated")]
    if not years or not codes:
        return
    prefixes = {code[:length] for code in codes for length in (2, 4, 6, 9, 12)}
    snapshot = (
        FiguresSnapshot.objects.filter(superseded=False, year__in=years, area__code__in=prefixes)
        .select_related("area")
        .order_by("year")
        .first()
    )
    if snapshot is not None:
        raise ImportRefused(ImportErrorCode.YEAR_CLOSED, year=snapshot.year, area=snapshot.area.name)
