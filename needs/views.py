"""The needs page: demand by topic against the events held, reach, and the ranked suggestions."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from common.periods import Period
from coverage.params import check_manager, resolve
from coverage.views import CoverageFilterForm
from outreach.models import CheckIn
from topics.models import Topic, topic_labels

from .queries import ranked, totals_by_topic, village_needs
from .suggestions import village_sentence, village_suggestions


@login_required
def needs_page(request):
    check_manager(request.user)
    form = CoverageFilterForm(request.GET or None, user=request.user)
    try:
        area, period = resolve(request.user, request.GET, default_period=Period.year_to_date)
    except ValidationError as exc:
        errors = [m for messages in exc.message_dict.values() for m in messages]
        context = {"form": form, "errors": errors, "title": _("Needs and outreach")}
        return render(request, "coverage/bad_filters.html", context, status=400)
    rows = village_needs(period, area)
    labels = topic_labels()
    totals = totals_by_topic(rows)
    topic_rows = [
        {
            "code": topic.code,
            "label": labels[topic.code],
            **totals.get(topic.code, {"demand": 0, "wishes": 0, "delivered": 0}),
        }
        for topic in Topic.objects.all()
    ]
    suggestions = [
        {"row": row, "sentence": village_sentence(row, period, labels), "phrases": village_suggestions(row, labels)}
        for row in ranked(rows)
    ]
    villages = [
        {
            "row": row,
            "top_demand": [
                (labels.get(code, code), n) for code, n in sorted(row.demand.items(), key=lambda i: -i[1])[:3]
            ],
            "under_18": row.reach["age_group"].get(CheckIn.AgeGroup.UNDER_18, 0),
            "over_60": row.reach["age_group"].get(CheckIn.AgeGroup.AGE_60_PLUS, 0),
        }
        for row in rows
    ]
    return render(
        request,
        "needs/page.html",
        {
            "area": area,
            "period": period,
            "form": form,
            "topic_rows": topic_rows,
            "unclassified": sum(row.unclassified for row in rows),
            "suggestions": suggestions,
            "villages": villages,
            "period_query": urlencode(period.query),
        },
    )
