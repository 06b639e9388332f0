"""Notification texts as a code plus parameters, rendered in the reader's language when shown (the
inbox, the API, an email or text message), never stored translated. ``Message(code, params)`` is
what the reminder rules return and ``notify`` stores (``Notification.code`` + ``params``); ``render``
turns it into words in the active language. Parameters are data (names, dates, numbers), not text.
A notification stored before codes existed keeps its text (``Notification.message``, shown as is)."""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext


@dataclass(frozen=True)
class Message:
    code: str
    params: dict = field(default_factory=dict)

    def __str__(self):
        return render(self.code, self.params)


def _duty_behind(params):
    items = [
        _("%(village)s %(done)s/%(target)s h") % {"village": v["village"], "done": v["done"], "target": v["target"]}
        for v in params.get("villages", [])
    ]
    return _(
        "Duty hours this month are behind schedule (done/expected by today, %(required)s h a month): %(villages)s"
    ) % {
        "required": params.get("required", settings.DUTY_HOURS_PER_VILLAGE_MONTH),
        "villages": pgettext("list separator", "; ").join(items),
    }


def _open_shift(params):
    return _("Your shift at %(village)s on %(date)s has no end time: finish it or correct it.") % params


def _shifts_waiting(params):
    count = int(params["count"])
    return ngettext(
        "%(count)d duty shift of your area is waiting for approval.",
        "%(count)d duty shifts of your area are waiting for approval.",
        count,
    ) % {"count": count}


def _events_unmarked(params):
    count = int(params["count"])
    return ngettext(
        "%(count)d of your events has ended but is not marked held or cancelled.",
        "%(count)d of your events have ended but are not marked held or cancelled.",
        count,
    ) % {"count": count}


def _coverage_digest(params):
    count = int(params["count"])
    return ngettext(
        "%(count)d village in your area has had no legal-education event this quarter.",
        "%(count)d villages in your area have had no legal-education event this quarter.",
        count,
    ) % {"count": count}


RENDERERS = {
    "duty_behind": _duty_behind,
    "open_shift": _open_shift,
    "shifts_waiting": _shifts_waiting,
    "events_unmarked": _events_unmarked,
    "coverage_digest": _coverage_digest,
}


def render(code, params):
    """The words of ``code`` with ``params`` in the active language ("" for an unknown code or
    parameters that do not fit, so a bad row never breaks the inbox)."""
    renderer = RENDERERS.get(code)
    if renderer is None:
        return ""
    try:
        return renderer(params or {})
    except (KeyError, TypeError, ValueError):
        return ""
