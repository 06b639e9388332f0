"""Coverage pages: dashboard, map, gap list (+ CSV/XLSX/SVG), village profile. Thin: they parse the
request (coverage.params), call coverage.rows (or coverage.profile) and render."""

from datetime import date
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.scopes import area_in_scope
from common.exports import csv_response, xlsx_response
from common.periods import Period, today
from outreach.models import Event
from places.models import Area

from . import rules, summary
from .areas import ROLLUP_LEVELS
from .params import check_manager, default_area, resolve
from .profile import village_profile_data
from .rows import gap_groups, neediest_first, rollup_time, village_coverage
from .svg import METRICS, NO_DATA_COLOUR, metric_or_default, metrics_config, render_svg
from .views_areas import area_page


class CoverageFilterForm(forms.Form):
    """The filter bar (rendering only: the values are parsed by common.periods.parse_period)."""

    area = forms.ChoiceField(label=gettext_lazy("Area"), required=False)
    year = forms.ChoiceField(label=gettext_lazy("Year"), required=False)
    quarter = forms.ChoiceField(label=gettext_lazy("Quarter"), required=False)
    month = forms.ChoiceField(label=gettext_lazy("Month"), required=False)
    start = forms.DateField(label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    metric = forms.ChoiceField(label=gettext_lazy("Colour by"), required=False)

    def __init__(self, *args, user, with_metric=False, with_area=True, **kwargs):
        super().__init__(*args, **kwargs)
        if with_area:
            self.fields["area"].choices = area_choices(user)
        else:
            del self.fields["area"]
        this_year = today().year
        self.fields["year"].choices = [("", _("This year so far"))] + [
            (str(y), str(y)) for y in range(this_year, this_year - 10, -1)
        ]
        self.fields["quarter"].choices = [("", _("Whole year"))] + [(str(q), f"Q{q}") for q in range(1, 5)]
        self.fields["month"].choices = [("", _("All months"))] + [
            (str(m), date_format(date(2000, m, 1), "F")) for m in range(1, 13)
        ]
        if with_metric:
            self.fields["metric"].choices = [(key, m.label) for key, m in METRICS.items()]
        else:
            del self.fields["metric"]


def area_choices(user):
    """The user's area and the towns below it (one query)."""
    top = default_area(user)
    if top is None:
        return []
    choices = [(top.code, top.name)]
    if top.level in (Area.Level.PROVINCE, Area.Level.CITY, Area.Level.DISTRICT):
        below = Area.objects.under(top.code).filter(level__in=[Area.Level.DISTRICT, Area.Level.TOWN])
        for area in below.order_by("code").only("code", "name", "level"):
            indent = "\u3000" if area.level == Area.Level.TOWN else ""
            choices.append((area.code, indent + area.name))
    return choices


def _query(area, period, **extra):
    params = {"area": area.code, **period.query, **{k: v for k, v in extra.items() if v}}
    return urlencode(params)


def _filters(request, with_metric=False):
    """(area, period, form, errors). Errors come back as messages for the page, not as exceptions."""
    check_manager(request.user)
    form = CoverageFilterForm(request.GET or None, user=request.user, with_metric=with_metric)
    try:
        area, period = resolve(request.user, request.GET, default_period=Period.year_to_date)
    except ValidationError as exc:
        return None, None, form, [m for messages in exc.message_dict.values() for m in messages]
    return area, period, form, []


def _village_rows(period, area, with_boundary=False):
    """(rows, as_of): the village rows and, when their sums were read from the roll-ups, when those
    were rebuilt (the page says "Data as of …")."""
    as_of = rollup_time(period)
    return village_coverage(period, area, with_boundary=with_boundary, live=as_of is None), as_of


def _bad_filters(request, form, errors, title):
    return render(request, "coverage/bad_filters.html", {"form": form, "errors": errors, "title": title}, status=400)


@login_required
def dashboard(request):
    area, period, form, errors = _filters(request)
    if errors:
        return _bad_filters(request, form, errors, _("Dashboard"))
    if area.level in ROLLUP_LEVELS:  # a province or a city: child areas from the roll-ups
        return area_page(request, area, period, form, _("Dashboard"), "dashboard")
    rows, as_of = _village_rows(period, area)
    trend = summary.monthly_trend(period, area.code)
    chart = {
        "labels": [date_format(m["month"], "YEAR_MONTH_FORMAT") for m in trend],
        "series": [
            {"key": "events", "label": _("Events held"), "data": [m["events"] for m in trend]},
            {"key": "attendees", "label": _("Attendees"), "data": [m["attendees"] for m in trend]},
            {"key": "duty_hours", "label": _("Duty hours"), "data": [m["duty_hours"] for m in trend]},
        ],
        "axes": {"count": _("Events"), "amount": _("Attendees / hours")},
    }
    return render(
        request,
        "coverage/dashboard.html",
        {
            "area": area,
            "period": period,
            "as_of": as_of,
            "form": form,
            "query": _query(area, period),
            "period_query": urlencode(period.query),
            "headline": summary.headline(period, area.code, rows),
            "trend": trend,
            "chart": chart,
            "neediest": neediest_first(rows)[:10],
        },
    )


@login_required
def map_page(request):
    area, period, form, errors = _filters(request, with_metric=True)
    if errors:
        return _bad_filters(request, form, errors, _("Coverage map"))
    if area.level in ROLLUP_LEVELS:
        return area_page(request, area, period, form, _("Coverage map"), "map")
    metric = metric_or_default(request.GET.get("metric"))
    rows, as_of = _village_rows(period, area)
    rows = neediest_first(rows)
    query = _query(area, period)
    config = {
        "geojson": reverse("api-coverage-geojson") + "?" + query,
        "profile": reverse("coverage:village", args=["CODE"]) + "?" + urlencode(period.query),
        "metric": metric.key,
        "metrics": metrics_config(),
        "noData": {"colour": NO_DATA_COLOUR, "label": _("no data")},
        "towns": summary.town_outlines(area.code, rows),
        "strings": {
            "approximate": _("approximate position"),
            "noData": _("no data"),
            "failed": _("The map data could not be loaded."),
            "nothing": _("No village under this area has coordinates or a boundary yet."),
            "score": _("Score"),
        },
    }
    return render(
        request,
        "coverage/map.html",
        {
            "area": area,
            "period": period,
            "as_of": as_of,
            "form": form,
            "rows": rows,
            "config": config,
            "metric": metric,
            "query": query,
            "period_query": urlencode(period.query),
            "unplaced": sum(1 for row in rows if not row.has_location),
            "weights": {
                "events": rules.WEIGHT_EVENTS,
                "youth": rules.WEIGHT_YOUTH,
                "elderly": rules.WEIGHT_ELDERLY,
                "duty": rules.WEIGHT_DUTY,
                "legal_savvy": rules.WEIGHT_LEGAL_SAVVY,
            },
            "duty_per_month": settings.DUTY_HOURS_PER_VILLAGE_MONTH,
            "quota": settings.LEGAL_SAVVY_QUOTA,
            "expected_events": rules.expected_events(period),
        },
    )


def _gap_rows(request, with_boundary=False):
    area, period, form, errors = _filters(request, with_metric=True)
    if errors:
        return None, None, None, form, errors
    rows, _as_of = _village_rows(period, area, with_boundary=with_boundary)
    return area, period, rows, form, []


@login_required
def gap_list(request):
    area, period, form, errors = _filters(request, with_metric=True)
    if errors:
        return _bad_filters(request, form, errors, _("Gap list"))
    if area.level in ROLLUP_LEVELS:
        return area_page(request, area, period, form, _("Gap list"), "gaps")
    rows, as_of = _village_rows(period, area, with_boundary=True)
    metric = metric_or_default(request.GET.get("metric"))
    groups = gap_groups(rows)
    svg = render_svg(
        rows, summary.town_outlines(area.code, rows), metric.key, title=f"{area.name} · {period.label} · {metric.label}"
    )
    return render(
        request,
        "coverage/gaps.html",
        {
            "area": area,
            "period": period,
            "as_of": as_of,
            "form": form,
            "groups": groups,
            "rows": rows,
            "svg": svg,
            "metric": metric,
            "query": _query(area, period),
            "period_query": urlencode(period.query),
            "metric_query": _query(area, period, metric=metric.key),
            "failing": sum(1 for row in rows if row.gaps),
        },
    )


EXPORT_HEADER = [
    gettext_lazy("Village code"),
    gettext_lazy("Village"),
    gettext_lazy("Town"),
    gettext_lazy("Gap code"),
    gettext_lazy("Gap"),
    gettext_lazy("Why"),
    gettext_lazy("Score"),
    gettext_lazy("Distance from district seat (km)"),
    gettext_lazy("Events"),
    gettext_lazy("Attendees"),
    gettext_lazy("Residents reached"),
    gettext_lazy("Duty hours"),
    gettext_lazy("Duty hours required"),
    gettext_lazy("Home visits"),
    gettext_lazy("Legal-savvy persons"),
    gettext_lazy("Quota"),
    gettext_lazy("Last event"),
    gettext_lazy("Advisor"),
]
VILLAGE_HEADER = [
    gettext_lazy("Village code"),
    gettext_lazy("Village"),
    gettext_lazy("Town"),
    gettext_lazy("Score"),
    gettext_lazy("Gaps"),
    gettext_lazy("Events"),
    gettext_lazy("Attendees"),
    gettext_lazy("Residents reached"),
    gettext_lazy("Duty hours"),
    gettext_lazy("Duty hours required"),
    gettext_lazy("Home visits"),
    gettext_lazy("Legal-savvy persons"),
    gettext_lazy("Quota"),
    gettext_lazy("Last event"),
    gettext_lazy("Days since last event"),
    gettext_lazy("Audiences reached"),
    gettext_lazy("Distance from district seat (km)"),
    gettext_lazy("Advisor"),
    gettext_lazy("No data"),
]


def _num(value):
    return float(value) if value is not None else ""


def _gap_export_rows(rows):
    """One line per (village, failed obligation): worst and most remote first within each gap."""
    for gap, failing in gap_groups(rows):
        for row in failing:
            reason = next(r for r in row.gap_reasons if r.code == gap.value)
            yield [
                row.village,
                row.name,
                row.town_name,
                gap.value,
                str(gap.label),
                reason.why,
                row.score,
                _num(row.distance_km),
                row.events,
                row.attendees,
                row.residents_reached,
                _num(row.duty_hours),
                _num(row.duty_hours_required),
                row.home_visits,
                row.legal_savvy,
                row.legal_savvy_quota,
                row.last_event_on.isoformat() if row.last_event_on else "",
                row.advisor or "",
            ]


def _village_export_rows(rows):
    audience_labels = dict(Event.Audience.choices)
    missing_labels = dict(rules.MissingData.choices)
    for row in neediest_first(rows):
        yield [
            row.village,
            row.name,
            row.town_name,
            row.score,
            "; ".join(str(r.label) for r in row.gap_reasons),
            row.events,
            row.attendees,
            row.residents_reached,
            _num(row.duty_hours),
            _num(row.duty_hours_required),
            row.home_visits,
            row.legal_savvy,
            row.legal_savvy_quota,
            row.last_event_on.isoformat() if row.last_event_on else "",
            row.days_since_last_event if row.days_since_last_event is not None else "",
            "、".join(str(audience_labels[a]) for a in row.audiences_reached),
            _num(row.distance_km),
            row.advisor or "",
            "; ".join(str(missing_labels[m]) for m in row.missing_data),
        ]


def _export_name(area, period, ext):
    return f"coverage-gaps-{area.code}-{period.start.isoformat()}-{period.end.isoformat()}.{ext}"


@login_required
def gaps_csv(request):
    area, period, rows, form, errors = _gap_rows(request)
    if errors:
        return _bad_filters(request, form, errors, _("Gap list"))
    return csv_response(_export_name(area, period, "csv"), [str(h) for h in EXPORT_HEADER], _gap_export_rows(rows))


@login_required
def gaps_xlsx(request):
    area, period, rows, form, errors = _gap_rows(request)
    if errors:
        return _bad_filters(request, form, errors, _("Gap list"))
    return xlsx_response(
        _export_name(area, period, "xlsx"),
        [
            (_("Gaps"), [str(h) for h in EXPORT_HEADER], _gap_export_rows(rows)),
            (_("Villages"), [str(h) for h in VILLAGE_HEADER], _village_export_rows(rows)),
        ],
    )


@login_required
def map_svg(request):
    area, period, rows, form, errors = _gap_rows(request, with_boundary=True)
    if errors:
        return _bad_filters(request, form, errors, _("Coverage map"))
    metric = metric_or_default(request.GET.get("metric"))
    svg = render_svg(
        rows, summary.town_outlines(area.code, rows), metric.key, title=f"{area.name} · {period.label} · {metric.label}"
    )
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{_export_name(area, period, "svg")}"'
    return response


@login_required
def village_profile(request, code):
    check_manager(request.user)
    if not code.isdigit():
        raise Http404
    villages = Area.objects.filter(level=Area.Level.VILLAGE).select_related("parent")
    village = area_in_scope(request.user, code, villages, outside=Http404())
    form = CoverageFilterForm(request.GET or None, user=request.user, with_area=False)
    try:
        _area, period = resolve(request.user, {**request.GET.dict(), "area": code}, default_period=Period.year_to_date)
    except ValidationError as exc:
        errors = [m for messages in exc.message_dict.values() for m in messages]
        return _bad_filters(request, form, errors, village.name)
    context = village_profile_data(request.user, village, period)
    return render(request, "coverage/village.html", {**context, "form": form, "query": urlencode(period.query)})
