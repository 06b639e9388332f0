"""The strings the offline JavaScript shows, translated on the server and given to the page as JSON."""

from django.utils.translation import gettext as _


def strings():
    return {
        "online": _("Online"),
        "offline": _("Offline: records are kept on this phone"),
        "waiting": _("Waiting to be sent: %(n)s"),
        "syncing": _("Sending…"),
        "synced": _("All records sent."),
        "sync_failed": _("Could not send now; the records stay on this phone."),
        "login_again": _("Your login has expired: log in again to send the records."),
        "other_login": _("These records were made under another login: log in as that user to send them."),
        "needs_attention": _("Needs attention"),
        "edit": _("Edit"),
        "resend": _("Send again"),
        "remove": _("Remove"),
        "not_sent": _("not yet sent"),
        "saved": _("Saved on this phone."),
        "scan_recorded": _("Poster scan recorded at %(time)s. Finish the shift on the duty page when you leave."),
        "scan_no_secret": _("This is not a duty poster address."),
        "open_shift": _("Scanned at %(time)s, not finished"),
        "shift_line": _("%(date)s %(start)s–%(end)s"),
        "checked_in": _("%(n)s checked in"),
        "waiting_entries": _("%(n)s not yet sent"),
        "thanks": _("Thank you, %(name)s: you are checked in."),
        "required": _("Fill in the marked fields."),
    }
