"""For a closed year: when and by whom the figures were closed (and why, when closed again), the
figures changed since, and the records corrected after the close."""

from django.utils import formats
from django.utils.translation import gettext as _

from common.clock import local_date


def closing_note(doc, context):
    snapshot = context.report["snapshot"]
    if snapshot is None:
        return
    doc.add_paragraph(_("Year close"), style="Heading 2")
    who = snapshot.closed_by.display_name if snapshot.closed_by else "—"
    text = _("The figures of %(year)s were closed on %(date)s by %(user)s; this report gives the closed figures.") % {
        "year": context.year,
        "date": formats.date_format(local_date(snapshot.closed_at), "Y-m-d"),
        "user": who,
    }
    doc.add_paragraph(text)
    if snapshot.reason:
        doc.add_paragraph(_("Closed again because: %(reason)s") % {"reason": snapshot.reason})
    differences = context.report["differences"]
    changes = context.report["changes"]
    if not differences and not changes:
        doc.add_paragraph(_("No record has been corrected since the close."))
        return
    if differences:
        doc.add_paragraph(_("Figures that differ from the closed ones today:"))
        for row in differences:
            doc.add_paragraph(
                _("%(label)s: closed %(closed)s, now %(live)s")
                % {"label": row["label"], "closed": row["closed"], "live": row["live"]},
                style="List Bullet",
            )
    if changes:
        doc.add_paragraph(_("Corrections made after the close:"))
        for entry in changes:
            doc.add_paragraph(
                f"{formats.date_format(local_date(entry.at), 'Y-m-d')} {entry.summary}", style="List Bullet"
            )
