"""不足与下一步: where outreach missed what residents asked about, and whom it did not reach — sentences
backed by the ledger's numbers (needs/suggestions.py), the neediest villages first."""

from django.utils.translation import gettext as _

from needs.suggestions import suggestion_sentences

# A district fits on a page; a city or province names its neediest villages and points to the needs page.
MAX_SENTENCES = 12


def next_steps(doc, context):
    doc.add_paragraph(_("Shortcomings and next steps"), style="Heading 2")
    sentences = suggestion_sentences(context.year, context.area)
    if not sentences:
        doc.add_paragraph(
            _("Every village's needs were met by outreach on the same topics, and every age group was reached.")
        )
    for sentence in sentences[:MAX_SENTENCES]:
        doc.add_paragraph(sentence, style="List Bullet")
    if len(sentences) > MAX_SENTENCES:
        doc.add_paragraph(
            _("%(n)d more villages have needs outreach did not meet: see the needs page.")
            % {"n": len(sentences) - MAX_SENTENCES}
        )
