"""/api/legal-savvy-persons/, /api/trainings/, /api/legal-savvy-activities/, /api/honors/.

Who may do what (least privilege):
- coordinators: read and write everything in their scope; see full phone numbers.
- town officers: read and write in their town; phones masked.
- organizers: read persons in their scope (to name those who helped at an event), phones masked;
  no trainings or activities.
- advisors: read the persons paired with them ("1 advisor + N legal-savvy persons"), phones masked;
  no trainings or activities.
- honors (a public roll of honor): every logged-in user with an area reads those in it; managers write.
- anyone else: 403. A record outside the user's area answers 404.
Persons are never deleted: removal is a status change (PATCH status/removed_on/removal_reason, or
POST …/remove/). Writes call legalsavvy.services (honors in legalsavvy/services/honors.py); refusals answer 400 {field: [msg]}.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.scopes import is_manager, scope_prefix, scope_q
from legalsavvy import services
from legalsavvy.access import kept_phone
from legalsavvy.models import LegalSavvyActivity, LegalSavvyPerson, Training, VillageHonor
from legalsavvy.queries import persons_in_scope
from legalsavvy.services import honors

from .filters import ActivityFilter, HonorFilter, PersonFilter, TrainingFilter
from .serializers import (
    ActivitySerializer,
    HonorSerializer,
    PairSerializer,
    PersonSerializer,
    ReappointSerializer,
    RemoveSerializer,
    TrainingSerializer,
    TrainingSessionSerializer,
)

ID_REGEX = r"[0-9]{1,18}"


def _has_area(user):
    return scope_prefix(user) is not None


class ManagersWrite(permissions.BasePermission):
    """Managers (coordinators, town officers) with an area read and write."""

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and is_manager(user) and _has_area(user))


class PersonAccess(permissions.BasePermission):
    """Managers read and write; organizers and advisors only read."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated and _has_area(user)):
            return False
        if is_manager(user):
            return True
        return request.method in permissions.SAFE_METHODS and (user.is_organizer or user.is_advisor)


class ReadAllWriteManagers(permissions.BasePermission):
    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated and _has_area(user)):
            return False
        return request.method in permissions.SAFE_METHODS or is_manager(user)


PERSON_WRITABLE = [
    "name",
    "gender",
    "birth_year",
    "phone",
    "village",
    "source",
    "villager_group",
    "nomination_route",
    "certificate_no",
    "appointed_on",
    "advisor",
]


@extend_schema_view(
    list=extend_schema(
        summary="Legal-savvy persons in your area",
        description="Phones are masked (138****8000) for everyone but coordinators.",
    ),
    create=extend_schema(
        summary="Register a legal-savvy person (opens their first term)",
        description="Without `advisor` the person is paired with the village's current advisor.",
    ),
    partial_update=extend_schema(summary="Correct details, or remove / appoint again via `status`"),
)
class PersonViewSet(viewsets.ModelViewSet):
    queryset = LegalSavvyPerson.objects.none()  # the real one is get_queryset (scoped); this names the model
    serializer_class = PersonSerializer
    permission_classes = [PersonAccess]
    filterset_class = PersonFilter
    lookup_value_regex = ID_REGEX
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        user = self.request.user
        if getattr(self, "swagger_fake_view", False):
            return LegalSavvyPerson.objects.none()
        persons = persons_in_scope(user).select_related("village")
        if not is_manager(user) and user.is_advisor:
            persons = persons.filter(advisor__user=user)
        return persons.order_by("village__code", "name", "id")

    @transaction.atomic
    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        wanted_status = data.pop("status", None)
        removed_on, reason = data.pop("removed_on", None), data.pop("removal_reason", "")
        values = {key: data[key] for key in PERSON_WRITABLE if key in data}
        person = services.appoint_person(user=self.request.user, **values)
        if wanted_status == LegalSavvyPerson.Status.REMOVED:  # entering a past registration whole
            person = services.remove_person(person, removed_on, reason, user=self.request.user)
        serializer.instance = person

    def perform_update(self, serializer):
        person = serializer.instance
        data = dict(serializer.validated_data)
        if "phone" in data:
            data["phone"] = kept_phone(self.request.user, data["phone"], person.phone)
        changes = {k: v for k, v in data.items() if k in PERSON_WRITABLE}
        serializer.instance = services.change_person(
            person,
            user=self.request.user,
            status=data.get("status"),
            removed_on=data.get("removed_on"),
            removal_reason=data.get("removal_reason", ""),
            **changes,
        )

    @extend_schema(
        request=RemoveSerializer,
        responses={200: PersonSerializer},
        summary="Remove from the registry (a status change, never a delete)",
    )
    @action(detail=True, methods=["post"])
    def remove(self, request, pk=None):
        person = self.get_object()
        body = RemoveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        person = services.remove_person(
            person, body.validated_data["removed_on"], body.validated_data["removal_reason"], user=request.user
        )
        return Response(self.get_serializer(person).data)

    @extend_schema(
        request=ReappointSerializer,
        responses={200: PersonSerializer},
        summary="Appoint a removed person again (a new term; history kept)",
    )
    @action(detail=True, methods=["post"])
    def reappoint(self, request, pk=None):
        person = self.get_object()
        body = ReappointSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        person = services.reappoint_person(person, body.validated_data["appointed_on"], user=request.user)
        return Response(self.get_serializer(person).data)

    @extend_schema(
        request=PairSerializer,
        responses={200: PersonSerializer},
        summary="Pair with an advisor (default: the village's current advisor)",
    )
    @action(detail=True, methods=["post"])
    def pair(self, request, pk=None):
        person = self.get_object()
        body = PairSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        person = services.pair_with_advisor(person, body.validated_data.get("advisor"), user=request.user)
        return Response(self.get_serializer(person).data)


class TrainingViewSet(viewsets.ModelViewSet):
    """Trainings of legal-savvy persons. Managers only (coordinators, town officers in their town)."""

    queryset = Training.objects.none()
    serializer_class = TrainingSerializer
    permission_classes = [ManagersWrite]
    filterset_class = TrainingFilter
    lookup_value_regex = ID_REGEX

    def get_queryset(self):
        return (
            Training.objects.filter(scope_q(self.request.user, "person__village__code"))
            .select_related("person__village")
            .order_by("-date", "id")
        )

    def perform_create(self, serializer):
        data = serializer.validated_data
        passed = {data["person"].pk: data.get("passed")}
        created = services.record_training_session(
            [data["person"]], data["date"], data["hours"], data["topic"], passed, user=self.request.user
        )
        serializer.instance = created[0]

    def perform_update(self, serializer):
        serializer.instance = services.update_training(
            serializer.instance, user=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.delete_training(instance, user=self.request.user)

    @extend_schema(
        request=TrainingSessionSerializer,
        responses={201: TrainingSerializer(many=True)},
        summary="Record one training session for many attendees",
        description="`passed` maps person id → true/false (examination result); missing = not examined.",
    )
    @action(detail=False, methods=["post"])
    def session(self, request):
        body = TrainingSessionSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        data = body.validated_data
        created = services.record_training_session(
            data["persons"], data["date"], data["hours"], data["topic"], data.get("passed") or {}, user=request.user
        )
        return Response(
            TrainingSerializer(created, many=True, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )


class ActivityViewSet(viewsets.ModelViewSet):
    """Volunteer activities of legal-savvy persons. Managers only."""

    queryset = LegalSavvyActivity.objects.none()
    serializer_class = ActivitySerializer
    permission_classes = [ManagersWrite]
    filterset_class = ActivityFilter
    lookup_value_regex = ID_REGEX

    def get_queryset(self):
        return (
            LegalSavvyActivity.objects.filter(scope_q(self.request.user, "person__village__code"))
            .select_related("person__village")
            .order_by("-date", "id")
        )

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.record_activity(
            data["person"],
            data["date"],
            data["kind"],
            data.get("count", 1),
            data.get("hours", 0),
            data.get("notes", ""),
            user=self.request.user,
        )

    def perform_update(self, serializer):
        serializer.instance = services.update_activity(
            serializer.instance, user=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.delete_activity(instance, user=self.request.user)


@extend_schema_view(
    list=extend_schema(summary="Village honors in your area"),
    destroy=extend_schema(responses={204: OpenApiResponse(description=_("Deleted (kept in the audit log)."))}),
)
class HonorViewSet(viewsets.ModelViewSet):
    """民主法治示范村 and 学法用法示范户. Read: any logged-in user, in their area. Write: managers."""

    queryset = VillageHonor.objects.none()
    serializer_class = HonorSerializer
    permission_classes = [ReadAllWriteManagers]
    filterset_class = HonorFilter
    lookup_value_regex = ID_REGEX

    def get_queryset(self):
        return (
            VillageHonor.objects.filter(scope_q(self.request.user, "village__code"))
            .select_related("village")
            .order_by("-year", "village__code", "id")
        )

    def perform_create(self, serializer):
        serializer.instance = honors.add_honor(user=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = honors.update_honor(
            serializer.instance, user=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        honors.delete_honor(instance, user=self.request.user)
