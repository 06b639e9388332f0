"""One login at a time: create (with its first activation link), change, deactivate, reactivate."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from accounts import audit
from accounts.activation import issue_link
from accounts.errors import AccountError, AccountRefused
from accounts.models import ActivationLink, ApiToken, AuditEntry, User
from advisors import services as advisor_services
from advisors.models import Advisor
from common.phones import normalize_mobile

from .. import access

FIELDS = ("first_name", "role", "scope", "phone", "email", "is_active")


def _check_grant(by, role, scope):
    if not access.may_manage_people(by):
        raise AccountRefused(AccountError.NOT_ALLOWED)
    if role not in access.roles_grantable_by(by):
        if by.is_town_officer:
            raise AccountRefused(AccountError.OFFICER_ROLES, "role")
        raise AccountRefused(AccountError.ROLE_TOO_HIGH, "role")
    if scope is None:
        raise AccountRefused(AccountError.SCOPE_REQUIRED, "scope")
    if not access.scope_grantable(by, scope):
        raise AccountRefused(AccountError.SCOPE_TOO_WIDE, "scope")


def _clean_phone(phone):
    text = str(phone or "").strip()
    if not text:
        return ""
    try:
        return normalize_mobile(text)
    except ValidationError:
        raise AccountRefused(AccountError.BAD_PHONE, "phone") from None


def _check_advisor(by, advisor, role):
    if advisor is None:
        return None
    if role != User.Role.ADVISOR:
        raise AccountRefused(AccountError.ADVISOR_ROLE, "advisor")
    if not access.advisors_linkable_by(by, Advisor.objects.filter(pk=advisor.pk)).exists():
        raise AccountRefused(AccountError.NOT_ALLOWED, "advisor")
    if Advisor.objects.filter(pk=advisor.pk, user__isnull=False).exists():
        raise AccountRefused(AccountError.ADVISOR_TAKEN, "advisor")
    return advisor


def create_login(*, by, username, role, scope, first_name="", phone="", advisor=None, email=""):
    """A new user without a password, and their first activation link. Returns (user, link, secret)."""
    username = (username or "").strip()
    _check_grant(by, role, scope)
    phone = _clean_phone(phone)
    with transaction.atomic():
        if User.objects.filter(username__iexact=username).exists():
            raise AccountRefused(AccountError.USERNAME_TAKEN, "username")
        _check_advisor(by, advisor, role)
        user = User(
            username=username,
            role=role,
            scope=scope,
            first_name=(first_name or "").strip()[:150],
            phone=phone,
            email=(email or "").strip(),
        )
        user.set_unusable_password()
        user.full_clean(exclude=["password"], validate_unique=False)
        try:
            with transaction.atomic():  # a concurrent create of the same username loses here
                user.save()
        except IntegrityError:
            raise AccountRefused(AccountError.USERNAME_TAKEN, "username") from None
        audit.record(
            by,
            user,
            AuditEntry.Action.CREATE,
            area_code=scope.code,
            summary=f"{user.username} ({user.get_role_display()}, {scope.name})",
        )
        if advisor is not None:
            advisor_services.link_login(advisor, user, by=by)
        link, secret = issue_link(user, by=by, purpose=ActivationLink.Purpose.ACTIVATE)
    return user, link, secret


def update_login(*, by, user, **fields):
    """Change name, phone, role, scope or status. Deactivating ends the user's sessions, API tokens
    and open activation links; the records they made stay attributed to them."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown user fields: {sorted(unknown)}")
    if not access.may_manage_people(by):
        raise AccountRefused(AccountError.NOT_ALLOWED)
    with transaction.atomic():
        user = User.objects.select_for_update(of=("self",)).select_related("scope").get(pk=user.pk)
        if not access.can_manage_user(by, user):
            raise AccountRefused(AccountError.OUT_OF_SCOPE)
        before = {name: getattr(user, name) for name in FIELDS}
        if "phone" in fields:
            fields["phone"] = _clean_phone(fields["phone"])
        if "first_name" in fields:
            fields["first_name"] = (fields["first_name"] or "").strip()[:150]
        changes = audit.diff(before, {**before, **fields}, FIELDS)
        if not changes:
            return user
        if user.pk == by.pk and {"role", "scope", "is_active"} & set(changes):
            raise AccountRefused(AccountError.OWN_ROLE, "role")
        if {"role", "scope"} & set(changes):
            _check_grant(by, fields.get("role", user.role), fields.get("scope", user.scope))
        for name, value in fields.items():
            setattr(user, name, value)
        if "is_active" in changes and not user.is_active:
            Token.objects.filter(user=user).delete()
            ApiToken.objects.filter(user=user).delete()
            ActivationLink.objects.filter(user=user, used_at=None, revoked_at=None).update(revoked_at=timezone.now())
            user.login_epoch += 1
        user.save()
        audit.record(
            by,
            user,
            AuditEntry.Action.UPDATE,
            changes=changes,
            area_code=user.scope.code if user.scope_id else "",
            summary=user.username,
        )
    return user


def new_link(*, by, user):
    """A new activation / reset link (the old one stops working). Returns (link, secret)."""
    if not access.may_manage_people(by) or not access.can_manage_user(by, user):
        raise AccountRefused(AccountError.OUT_OF_SCOPE)
    if user.pk == by.pk:
        raise AccountRefused(AccountError.OWN_ROLE)
    return issue_link(user, by=by)
