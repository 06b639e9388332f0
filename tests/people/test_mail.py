"""With EMAIL_HOST configured, a slip's link can also be sent by email; without it, nothing is offered."""

import re

import pytest
from django.core import mail

from accounts.models import ActivationLink, AuditEntry

pytestmark = pytest.mark.django_db


def create(client, areas, email):
    return client.post(
        "/people/new/",
        {"username": "mailme", "first_name": "邮件", "role": "organizer", "scope": areas.jingan.code, "email": email},
    )


def test_send_the_link_by_email(client_as, users, areas, settings):
    settings.EMAIL_HOST = "smtp.example.org"
    client = client_as(users.town_officer)
    assert create(client, areas, "mailme@example.org").status_code == 302
    link = ActivationLink.objects.get(user__username="mailme")
    sheet = client.get("/people/slips/").content.decode()
    assert f"/people/slips/{link.pk}/email/" in sheet
    url = re.search(r'class="slip-url">([^<]+)<', sheet).group(1)
    response = client.post(f"/people/slips/{link.pk}/email/")
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["mailme@example.org"]
    assert url in mail.outbox[0].body and link.short_code in mail.outbox[0].body
    assert AuditEntry.objects.filter(changes__has_key="activation_link_sent").exists()


def test_no_email_without_email_host(client_as, users, areas, settings):
    settings.EMAIL_HOST = ""
    client = client_as(users.town_officer)
    create(client, areas, "mailme@example.org")
    link = ActivationLink.objects.get(user__username="mailme")
    assert "/email/" not in client.get("/people/slips/").content.decode()
    assert client.post(f"/people/slips/{link.pk}/email/").status_code == 404
    assert mail.outbox == []


def test_another_managers_slip_cannot_be_mailed(client_as, users, areas, settings):
    settings.EMAIL_HOST = "smtp.example.org"
    create(client_as(users.town_officer), areas, "mailme@example.org")
    link = ActivationLink.objects.get(user__username="mailme")
    other = client_as(users.other_town_officer)  # a different session without that slip
    assert other.post(f"/people/slips/{link.pk}/email/").status_code == 404
    assert mail.outbox == []
