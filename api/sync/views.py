"""POST /api/sync/duty-shifts/ and /api/sync/checkins/ — batches of records made offline (API.md "Offline sync").

The batch is a list; the answer one result per record in the order sent. Each record is validated on
its own (a malformed one is ``refused``, the rest go on) and written through ``offline.services``.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions
from rest_framework.exceptions import APIException, NotFound, ParseError, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from offline import services
from outreach.access import can_manage, visible_events

from .serializers import (
    MAX_RECORDS,
    CheckinBatchSerializer,
    ClientIdSerializer,
    ShiftBatchSerializer,
    ShiftRecordSerializer,
    SyncAnswerSerializer,
)


class OtherLogin(APIException):
    status_code = 409
    default_code = "other_login"
    default_detail = _lazy("These records were made under another login: log in as that user to send them.")


def _check_owner(request):
    """The page sends ``X-Offline-User`` (the login it made the records under); if the session now
    belongs to someone else (another login in another tab), nothing is written."""
    owner = request.headers.get("X-Offline-User")
    if owner and owner != str(request.user.pk):
        raise OtherLogin()


class IsAdvisorOrManager(permissions.BasePermission):
    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and (user.is_advisor or user.is_coordinator or user.is_town_officer))


def _records(request):
    records = request.data.get("records") if isinstance(request.data, dict) else None
    if not isinstance(records, list):
        raise ParseError(_("Send the records as a list under “records”."))
    if len(records) > MAX_RECORDS:
        raise ParseError(_("Send at most %(count)d records at once.") % {"count": MAX_RECORDS})
    return records


def _each(records, serializer_class, write, context, *, keep_raw=False):
    """Validate each record on its own and write the valid ones; ``keep_raw`` passes the record as sent
    (with its parsed ``client_id``) so the service checks the rest with its own codes."""
    results = []
    for raw in records:
        serializer = serializer_class(data=raw, context=context)
        if not isinstance(raw, dict) or not serializer.is_valid():
            client_id = raw.get("client_id") if isinstance(raw, dict) else ""
            errors = serializer.errors if isinstance(raw, dict) else {"records": ["not an object"]}
            field, messages = next(iter(errors.items()))
            detail = f"{field}: {messages[0] if isinstance(messages, list) else messages}"
            results.append(services.invalid(client_id, detail).as_dict())
            continue
        record = {**raw, **serializer.validated_data} if keep_raw else serializer.validated_data
        results.append(write(record).as_dict())
    return Response({"results": results})


class SyncDutyShiftsView(APIView):
    permission_classes = [IsAdvisorOrManager]

    @extend_schema(
        summary="Send duty shifts made offline",
        description=(
            "Each record has the phone's `client_id` (UUID). The answer lists one result per record in "
            "the order sent: `created` (with the new `id`), `duplicate` (sent before: the existing `id`; "
            "an open shift sent again with its `end_time` is finished) or `refused` (`code`, `message`). "
            "A record with `scanned_secret` is verified presence if that secret was the village's poster "
            "secret at `scanned_at` (marked as scanned offline). Replaying a batch creates nothing new."
        ),
        request=ShiftBatchSerializer,
        responses={
            200: SyncAnswerSerializer,
            400: OpenApiResponse(description="Not a list of records."),
            409: OpenApiResponse(description="`X-Offline-User` names another login than the session's."),
        },
    )
    def post(self, request):
        _check_owner(request)
        records = _records(request)
        return _each(
            records,
            ShiftRecordSerializer,
            lambda record: services.sync_shift(request.user, record),
            {"request": request},
        )


class SyncCheckinsView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        summary="Send door-mode check-ins made offline",
        description=(
            "Entries taken at the door of an event (method `door`), each with the device's `client_id` "
            "nonce. `created`, `duplicate` (the same entry again, or a phone already checked in: counted "
            "once) or `refused` per record, in the order sent. Only the event's organizer and coordinators."
        ),
        request=CheckinBatchSerializer,
        responses={
            200: SyncAnswerSerializer,
            400: OpenApiResponse(description="No event or not a list of records."),
            403: OpenApiResponse(description="Not the event's organizer or a coordinator."),
            404: OpenApiResponse(description="No such event visible to the user."),
            409: OpenApiResponse(description="`X-Offline-User` names another login than the session's."),
        },
    )
    def post(self, request):
        _check_owner(request)
        event_id = request.data.get("event") if isinstance(request.data, dict) else None
        if not isinstance(event_id, int) or isinstance(event_id, bool):
            raise ParseError(_("Say which event (its id) the entries belong to."))
        event = visible_events(request.user).select_related("area").filter(pk=event_id).first()
        if event is None:
            raise NotFound()
        if not can_manage(request.user, event):
            raise PermissionDenied()
        records = _records(request)
        return _each(
            records,
            ClientIdSerializer,
            lambda record: services.sync_checkin(request.user, event, record),
            {"request": request},
            keep_raw=True,
        )
