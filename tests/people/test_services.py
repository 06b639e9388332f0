"""people.services: who may create and change which logins, bulk logins, deactivation."""

import pytest
from rest_framework.authtoken.models import Token

from accounts.activation import open_link
from accounts.errors import AccountError, AccountRefused
from accounts.models import ActivationLink, ApiToken, AuditEntry, User
from accounts.tokens import create_token
from people import services

pytestmark = pytest.mark.django_db


def refused(code, call, **kwargs):
    with pytest.raises(AccountRefused) as error:
        call(**kwargs)
    assert error.value.code == code, error.value
    return error.value


def test_coordinator_creates_a_login_with_a_link(users, areas, roster):
    user, link, secret = services.create_login(
        by=users.coordinator,
        username="zhang",
        role="advisor",
        scope=areas.jingan,
        first_name="张律师",
        phone="138 0013 8001",
        advisor=roster.a,
    )
    assert not user.has_usable_password() and user.phone == "13800138001"
    roster.a.refresh_from_db()
    assert roster.a.user == user
    assert open_link(secret) == link
    assert AuditEntry.objects.filter(model="accounts.user", object_id=str(user.pk), action="create").exists()
    assert AuditEntry.objects.filter(
        model="advisors.advisor", object_id=str(roster.a.pk), user=users.coordinator
    ).exists()


def test_town_officer_only_advisors_and_organizers_of_their_town(users, areas, roster):
    create = services.create_login
    user, _, _ = create(by=users.town_officer, username="o1", role="organizer", scope=areas.jingan)
    assert user.role == "organizer"
    refused(
        AccountError.OFFICER_ROLES,
        create,
        by=users.town_officer,
        username="o2",
        role="town_officer",
        scope=areas.jingan,
    )
    refused(
        AccountError.OFFICER_ROLES, create, by=users.town_officer, username="o3", role="coordinator", scope=areas.jingan
    )
    refused(
        AccountError.SCOPE_TOO_WIDE, create, by=users.town_officer, username="o4", role="advisor", scope=areas.district
    )
    refused(
        AccountError.SCOPE_TOO_WIDE, create, by=users.town_officer, username="o5", role="advisor", scope=areas.baijiao
    )
    # an advisor serving another town cannot be linked by this officer
    refused(
        AccountError.NOT_ALLOWED,
        create,
        by=users.town_officer,
        username="o6",
        role="advisor",
        scope=areas.jingan,
        advisor=roster.c,
    )


def test_nobody_else_manages_logins(users, areas):
    for who in (users.advisor, users.organizer, users.nobody):
        refused(
            AccountError.NOT_ALLOWED, services.create_login, by=who, username="x", role="advisor", scope=areas.jingan
        )


def test_coordinator_cannot_grant_beyond_their_scope(users, areas):
    other_district = areas.district.__class__.objects.create(code="440402", name="香洲区", level="district")
    refused(
        AccountError.SCOPE_TOO_WIDE,
        services.create_login,
        by=users.coordinator,
        username="x",
        role="coordinator",
        scope=other_district,
    )
    refused(
        AccountError.SCOPE_REQUIRED,
        services.create_login,
        by=users.coordinator,
        username="x",
        role="advisor",
        scope=None,
    )


def test_refusals_on_bad_input(users, areas, roster):
    create = services.create_login
    refused(
        AccountError.USERNAME_TAKEN,
        create,
        by=users.coordinator,
        username="ADVISOR_A",
        role="advisor",
        scope=areas.jingan,
    )
    refused(
        AccountError.BAD_PHONE,
        create,
        by=users.coordinator,
        username="p",
        role="advisor",
        scope=areas.jingan,
        phone="12",
    )
    refused(
        AccountError.ADVISOR_ROLE,
        create,
        by=users.coordinator,
        username="p",
        role="organizer",
        scope=areas.jingan,
        advisor=roster.a,
    )
    services.create_login(by=users.coordinator, username="p", role="advisor", scope=areas.jingan, advisor=roster.a)
    refused(
        AccountError.ADVISOR_TAKEN,
        create,
        by=users.coordinator,
        username="q",
        role="advisor",
        scope=areas.jingan,
        advisor=roster.a,
    )


def test_nobody_changes_their_own_role_scope_or_status(users, areas):
    for fields in ({"role": "advisor"}, {"scope": areas.jingan}, {"is_active": False}):
        refused(AccountError.OWN_ROLE, services.update_login, by=users.coordinator, user=users.coordinator, **fields)
    services.update_login(by=users.coordinator, user=users.coordinator, phone="13800138009")  # own phone is fine


def test_officer_cannot_touch_other_towns_or_promote(users, areas):
    refused(
        AccountError.OUT_OF_SCOPE,
        services.update_login,
        by=users.town_officer,
        user=users.other_advisor,
        is_active=False,
    )
    refused(
        AccountError.OUT_OF_SCOPE,
        services.update_login,
        by=users.town_officer,
        user=users.other_town_officer,
        is_active=False,
    )
    refused(
        AccountError.OFFICER_ROLES, services.update_login, by=users.town_officer, user=users.advisor, role="coordinator"
    )
    refused(AccountError.OUT_OF_SCOPE, services.new_link, by=users.town_officer, user=users.other_advisor)


def test_deactivation_ends_tokens_links_and_sessions_and_is_audited(users, areas):
    target = users.advisor
    Token.objects.create(user=target)
    create_token(by=users.coordinator, user=target, name="sync")
    link, _ = services.new_link(by=users.coordinator, user=target)
    epoch = target.login_epoch
    services.update_login(by=users.coordinator, user=target, is_active=False)
    target.refresh_from_db()
    assert not target.is_active and target.login_epoch == epoch + 1
    assert not Token.objects.filter(user=target).exists() and not ApiToken.objects.filter(user=target).exists()
    assert ActivationLink.objects.get(pk=link.pk).revoked_at is not None
    entry = AuditEntry.objects.filter(model="accounts.user", object_id=str(target.pk)).first()
    assert entry.user == users.coordinator and entry.changes == {"is_active": [True, False]}
    assert User.objects.filter(pk=target.pk).exists()  # never deleted
    services.update_login(by=users.coordinator, user=target, is_active=True)
    assert User.objects.get(pk=target.pk).is_active


def test_logins_for_advisors_in_bulk(users, areas, roster):
    made = services.logins_for_advisors(by=users.town_officer)
    assert sorted(advisor.name for advisor, *_ in made) == ["张律师", "李律师"]  # not 白蕉镇's 王律师
    by_name = {advisor.name: user for advisor, user, *_ in made}
    assert by_name["张律师"].username == "13800138001" and by_name["李律师"].username == f"gw{roster.b.pk}"
    assert all(user.scope == areas.jingan and user.role == "advisor" for user in by_name.values())
    assert services.logins_for_advisors(by=users.town_officer) == []  # nothing left to do
    rest = services.logins_for_advisors(by=users.coordinator)
    assert [advisor.name for advisor, *_ in rest] == ["王律师"] and rest[0][1].scope == areas.baijiao
