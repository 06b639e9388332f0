"""The list of the year's honours: villages named model villages (awards, then candidacies, highest
level first), model households, and the works and awards when the figures carry them."""

from django.utils.translation import gettext as _

from ..narrative import HONOR_LEVEL_ZH, honor_rows


def honour_lines(figures):
    lines = []
    for row in honor_rows(figures):
        level = HONOR_LEVEL_ZH.get(row["level"], row["level"])
        if row["status"] == "candidate":
            text = _("%(town)s%(village)s: candidate for %(level)s model village of democracy and the rule of law")
        else:
            text = _("%(town)s%(village)s: %(level)s model village of democracy and the rule of law")
        lines.append(text % {"town": row["town"], "village": row["name"], "level": level})
    households = sum(n for key, n in (figures.get("honors") or {}).items() if key.startswith("law_learning_household:"))
    if households:
        lines.append(_("Model households for learning and using the law: %(n)s") % {"n": households})
    for award in figures.get("awards") or []:
        lines.append(f"{award['recipient']}：{award['title']}")
    return lines


def honours(doc, context):
    doc.add_paragraph(_("Honours"), style="Heading 2")
    lines = honour_lines(context.report["shown"])
    if not lines:
        doc.add_paragraph(_("No honours recorded for the year."))
    for line in lines:
        doc.add_paragraph(line, style="List Bullet")
