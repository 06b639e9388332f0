"""Hostile input over the whole API: schemathesis generates requests for every operation of the OpenAPI
schema (valid and invalid ones), as a coordinator and anonymously, and every answer must be a non-5xx
response with a documented content type whose body matches the schema. Bounded (a few examples per
operation, derandomized), so it runs in CI on every clone."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

pytestmark = pytest.mark.fuzz

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
FUZZ = settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)

# The same document /api/schema/ serves, built in-process (it needs no request and no database).
schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
schema.app = get_wsgi_application()


@pytest.fixture
def world(db, users, ledger, settings):
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]  # the WSGI transport sends Host: localhost
    # Like Django's test client: a request's end must not close the test's connection (on PostgreSQL it
    # would, inside the test transaction).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield users
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@FUZZ
def test_as_a_coordinator_no_operation_errors_or_breaks_its_schema(case, world):
    token = Token.objects.get_or_create(user=world.coordinator)[0].key
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)


@schema.parametrize()
@FUZZ
def test_anonymously_no_operation_errors_or_breaks_its_schema(case, world):
    case.call_and_validate(checks=CHECKS)
