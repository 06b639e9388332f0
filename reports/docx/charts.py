"""The monthly trend chart (duty shifts, events, attendees), drawn with matplotlib (Agg) in the CJK font."""

import io

from django.utils.translation import gettext as _
from docx.shared import Cm

from .fonts import font_properties
from .text import caption

WIDTH = Cm(16)


def pyplot():
    """matplotlib's pyplot on the Agg backend, with the CJK font as the default family."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    family = font_properties().get_name()
    plt.rcParams["font.family"] = [family]
    plt.rcParams["axes.unicode_minus"] = False
    return plt


def png(fig):
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=150, bbox_inches="tight")
    pyplot().close(fig)
    out.seek(0)
    return out


def monthly_chart_png(monthly):
    plt = pyplot()
    months = [row["month"] for row in monthly]
    fig, left = plt.subplots(figsize=(8, 3.8))
    width = 0.4
    left.bar(
        [m - width / 2 for m in months], [r["shifts"] for r in monthly], width, label=_("Duty shifts"), color="#4575b4"
    )
    left.bar([m + width / 2 for m in months], [r["events"] for r in monthly], width, label=_("Events"), color="#91bfdb")
    left.set_ylabel(_("Shifts and events"))
    left.set_xticks(months, [_("month %(month)s") % {"month": m} for m in months])
    right = left.twinx()
    right.plot(months, [r["attendees"] for r in monthly], color="#d73027", marker="o", label=_("Attendees"))
    right.set_ylabel(_("Attendees (person-times)"))
    right.set_ylim(bottom=0)
    handles = left.get_legend_handles_labels()[0] + right.get_legend_handles_labels()[0]
    labels = left.get_legend_handles_labels()[1] + right.get_legend_handles_labels()[1]
    left.legend(handles, labels, loc="upper left", fontsize=9, frameon=False)
    left.spines["top"].set_visible(False)
    right.spines["top"].set_visible(False)
    return png(fig)


def monthly_chart(doc, context):
    doc.add_paragraph(_("Month by month"), style="Heading 2")
    doc.add_picture(monthly_chart_png(context.report["monthly"]), width=WIDTH)
    number = context.next_figure()
    caption(
        doc,
        _("Figure %(n)s. Duty shifts, events and attendees by month, %(area)s %(year)s")
        % {"n": number, "area": context.area.name, "year": context.year},
    )
