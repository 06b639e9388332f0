"""People pages (coordinators; town officers for their town's advisors and organizers): the list,
one login (create, change, deactivate), new activation links, logins in bulk and the QR slip sheet."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.activation import activation_url
from accounts.errors import AccountRefused
from accounts.models import ActivationLink, User
from advisors.models import Assignment
from common.clock import local_today
from common.forms import show_refusal
from common.qr import qr_svg_inline

from . import access, services
from .forms import LoginForm, initial_for
from .mail import send_link

PAGE_SIZE = 50
SLIPS_KEY = "people_slips"


def manager_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not access.may_manage_people(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _visible_or_404(request, pk):
    """Out-of-scope users answer 404 like missing ones (their ids cannot be probed)."""
    return get_object_or_404(access.users_visible_to(request.user).select_related("scope"), pk=pk)


def _remember_slips(request, made):
    """The secrets exist only now (the database keeps hashes): the slip sheet reads them from the session."""
    request.session[SLIPS_KEY] = [{"user": user.pk, "link": link.pk, "secret": secret} for user, link, secret in made]


@manager_required
def user_list(request):
    users = access.users_visible_to(request.user).select_related("scope").order_by("-is_active", "role", "username")
    query = request.GET.get("q", "").replace("\x00", "").strip()[:50]
    role = request.GET.get("role", "")
    if query:
        users = users.filter(Q(username__icontains=query) | Q(first_name__icontains=query) | Q(phone__contains=query))
    if role in User.Role.values:
        users = users.filter(role=role)
    page = Paginator(users, PAGE_SIZE).get_page(request.GET.get("page"))
    missing = access.advisors_linkable_by(request.user).filter(user__isnull=True, active=True).count()
    return render(
        request,
        "people/user_list.html",
        {"page": page, "q": query, "role": role, "roles": User.Role.choices, "advisors_without_login": missing},
    )


@manager_required
def user_create(request):
    form = LoginForm(request.POST or None, by=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, link, secret = services.create_login(
                by=request.user,
                username=data["username"],
                role=data["role"],
                scope=data["scope"],
                first_name=data["first_name"],
                phone=data["phone"],
                advisor=data.get("advisor"),
                email=data["email"],
            )
        except AccountRefused as error:
            show_refusal(form, error)
        else:
            _remember_slips(request, [(user, link, secret)])
            messages.success(
                request, _("Login %(username)s created. Print the slip and hand it over.") % {"username": user.username}
            )
            return redirect("people:slips")
    return render(request, "people/user_form.html", {"form": form, "editing": None})


@manager_required
def user_edit(request, pk):
    target = _visible_or_404(request, pk)
    form = LoginForm(request.POST or None, by=request.user, editing=target, initial=initial_for(target))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_login(
                by=request.user,
                user=target,
                first_name=data["first_name"],
                phone=data["phone"],
                email=data["email"],
                role=data["role"],
                scope=data["scope"],
                is_active=data["is_active"],
            )
        except AccountRefused as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("people:user_list")
    links = ActivationLink.objects.filter(user=target).select_related("created_by")[:5]
    return render(request, "people/user_form.html", {"form": form, "editing": target, "links": links})


@manager_required
@require_POST
def user_link(request, pk):
    """A new activation / password-reset link for one person; the old one stops working."""
    target = _visible_or_404(request, pk)
    try:
        link, secret = services.new_link(by=request.user, user=target)
    except AccountRefused as error:
        messages.error(request, error.text)
        return redirect("people:user_edit", pk=target.pk)
    _remember_slips(request, [(target, link, secret)])
    return redirect("people:slips")


@manager_required
@require_POST
def bulk_advisors(request):
    """Logins for every advisor (in reach) who has none; then their slip sheet."""
    try:
        made = services.logins_for_advisors(by=request.user)
    except AccountRefused as error:
        messages.error(request, error.text)
        return redirect("people:user_list")
    if not made:
        messages.info(request, _("Every advisor already has a login."))
        return redirect("people:user_list")
    _remember_slips(request, [(user, link, secret) for _advisor, user, link, secret in made])
    messages.success(request, _("%(count)s logins created. Print the slips and hand them over.") % {"count": len(made)})
    return redirect("people:slips")


def _villages_of(user_ids):
    today = local_today()
    names = {}
    rows = (
        Assignment.objects.in_force(today)
        .filter(advisor__user_id__in=user_ids)
        .select_related("village")
        .order_by("village__code")
        .values_list("advisor__user_id", "village__name")
    )
    for user_id, village in rows:
        names.setdefault(user_id, []).append(village)
    return {user_id: "、".join(villages) for user_id, villages in names.items()}


@never_cache
@manager_required
def slips(request):
    """A printable A4 sheet of QR slips (name, village, QR of the activation link, short code)."""
    remembered = request.session.get(SLIPS_KEY, [])
    visible = {
        u.pk: u
        for u in access.users_visible_to(request.user)
        .filter(pk__in=[s["user"] for s in remembered])
        .select_related("scope")
    }
    links = ActivationLink.objects.in_bulk([s["link"] for s in remembered])
    villages = _villages_of(list(visible))
    rows = []
    for item in remembered:
        user, link = visible.get(item["user"]), links.get(item["link"])
        if user is None or link is None or link.used_at or link.revoked_at:
            continue
        url = activation_url(item["secret"], request)
        rows.append(
            {
                "user": user,
                "link": link,
                "url": url,
                "village": villages.get(user.pk) or (user.scope.name if user.scope_id else ""),
                "qr": mark_safe(qr_svg_inline(url)),  # noqa: S308 - our own SVG markup from qrcode
            }
        )
    return render(request, "people/slips.html", {"rows": rows, "can_email": bool(settings.EMAIL_HOST)})


@manager_required
@require_POST
def slip_email(request, link_pk):
    """Send one slip's activation link by email (only when EMAIL_HOST is configured)."""
    if not settings.EMAIL_HOST:
        raise Http404
    item = next((s for s in request.session.get(SLIPS_KEY, []) if s["link"] == link_pk), None)
    user = access.users_visible_to(request.user).filter(pk=item["user"]).first() if item else None
    link = ActivationLink.objects.filter(pk=link_pk, used_at=None, revoked_at=None).first()
    if user is None or link is None or not user.email:
        raise Http404
    send_link(user, link, activation_url(item["secret"], request), by=request.user)
    messages.success(request, _("The link was sent to %(email)s.") % {"email": user.email})
    return redirect("people:slips")


@manager_required
def roster_import(request):
    """Upload a roster (.xlsx/.csv): dry run or create; every bad line named; all or nothing."""
    from .forms import RosterForm
    from .roster import RosterError, import_roster, read_rows

    form = RosterForm(request.POST or None, request.FILES or None)
    result, file_error = None, None
    if request.method == "POST" and form.is_valid():
        try:
            rows = read_rows(form.cleaned_data["file"])
        except RosterError as error:
            file_error = str(error)
        else:
            result = import_roster(by=request.user, rows=rows, dry_run=form.cleaned_data["dry_run"])
            if result.ok and not result.dry_run:
                _remember_slips(request, result.made)
                messages.success(
                    request,
                    _("%(count)s logins created. Print the slips and hand them over.") % {"count": len(result.made)},
                )
                return redirect("people:slips")
    return render(request, "people/import.html", {"form": form, "result": result, "file_error": file_error})
