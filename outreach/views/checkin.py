"""The attendee's side: the page the event QR opens. No login, works without JavaScript.

GET shows a one-screen form (or a friendly refusal); POST checks in through
``services.perform_checkin`` and redirects to a confirmation (so a reload cannot re-post).
"""

from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from common.errors import Refusal
from common.forms import show_refusal
from outreach import services
from outreach.forms import CheckinForm, FeedbackForm, village_choices
from outreach.models import CheckIn, CheckinFeedback
from outreach.ratelimit import client_address, over_limit

DONE_SALT = "outreach.checkin.done"
DONE_MAX_AGE = 24 * 3600


def _refused(request, refusal):
    event = refusal.event if refusal.code != services.CheckinRefusal.INVALID else None
    context = {"refusal": refusal, "event": event}
    if event is not None:
        context["opens"], context["closes"] = services.checkin_window(event)
    return render(request, "outreach/checkin_refused.html", context, status=refusal.http_status)


# No CSRF check: the form is anonymous and anyone holding the secret may post the same data to
# the public API anyway; a CSRF cookie would only fail in cookie-less in-app browsers.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def checkin_page(request, secret):
    try:
        event = services.event_for_secret(secret)
    except services.CheckinRefused as refusal:
        return _refused(request, refusal)
    villages = village_choices(event.area.code[:6])
    # Most attendees live where the event is held: start on the event's village.
    initial = {"home_village": event.area.code} if event.area.is_village else {}
    form = CheckinForm(request.POST or None, villages=villages, initial=initial)
    if request.method == "POST":
        if over_limit(request):
            return render(request, "outreach/checkin_busy.html", {"event": event}, status=429)
        if form.is_valid():
            try:
                result = services.perform_checkin(
                    secret, form.attendee(), method=CheckIn.Method.SELF, client_address=client_address(request)
                )
            except services.CheckinRefused as refusal:
                return _refused(request, refusal)
            except ValidationError as error:
                show_refusal(form, error)
            else:
                token = signing.dumps({"c": result.checkin.pk, "s": result.status}, salt=DONE_SALT)
                return redirect(reverse("checkin_done", args=[secret]) + "?t=" + token)
    return render(request, "outreach/checkin_form.html", {"event": event, "form": form})


# The feedback form posts back here with the same signed token (it names the check-in, so nobody
# can give feedback for another person's check-in); anonymous like the check-in form, hence no CSRF.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def checkin_done(request, secret):
    token = request.POST.get("t") or request.GET.get("t", "")
    try:
        data = signing.loads(token, salt=DONE_SALT, max_age=DONE_MAX_AGE)
        checkin = CheckIn.objects.select_related("event__area").get(pk=int(data["c"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError, CheckIn.DoesNotExist):
        raise Http404(_("This confirmation link is not valid.")) from None
    already = data.get("s") == services.CheckinOutcome.ALREADY_CHECKED_IN
    given = CheckinFeedback.objects.filter(checkin=checkin).exists()
    form = None if given or checkin.annulled else FeedbackForm(request.POST if request.method == "POST" else None)
    thanks = False
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.give_feedback(
                checkin, satisfaction=form.cleaned_data["satisfaction"], wishes=form.cleaned_data["wishes"]
            )
        except Refusal as error:
            show_refusal(form, error)
        else:
            form, given, thanks = None, True, True
    return render(
        request,
        "outreach/checkin_done.html",
        {
            "event": checkin.event,
            "checkin": checkin,
            "already": already,
            "feedback_form": form,
            "feedback_given": given,
            "feedback_thanks": thanks,
            "token": token,
        },
    )
