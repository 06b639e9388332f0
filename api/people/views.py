"""/api/users/ and /api/users/{id}/activation/ (API.md "People"): coordinators within their scope,
town officers for their town's advisors and organizers. Never DELETE: PATCH {"is_active": false}."""

from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.authtoken import views as authtoken_views
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.activation import activation_url
from accounts.models import User
from api.permissions import IsManager
from people import access, services

from .filters import UserFilter
from .serializers import ActivationSerializer, UserCreateSerializer, UserSerializer, UserUpdateSerializer

ID_REGEX = r"[0-9]{1,18}"


@extend_schema_view(
    list=extend_schema(summary="Users the caller manages"),
    create=extend_schema(summary="Create a login", request=UserCreateSerializer, responses={201: UserSerializer}),
    partial_update=extend_schema(
        summary="Change name, phone, role, scope or is_active", request=UserUpdateSerializer, responses=UserSerializer
    ),
    update=extend_schema(request=UserUpdateSerializer, responses=UserSerializer),
)
class UserViewSet(viewsets.ModelViewSet):
    permission_classes = [IsManager]
    filterset_class = UserFilter
    lookup_value_regex = ID_REGEX
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        users = User.objects.select_related("scope", "advisor_profile").order_by("username", "id")
        return access.users_visible_to(self.request.user, users)

    def get_serializer_class(self):
        if self.action == "create":
            return UserCreateSerializer
        if self.action in ("update", "partial_update"):
            return UserUpdateSerializer
        return UserSerializer

    def create(self, request, *args, **kwargs):
        serializer = UserCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user, _link, secret = services.create_login(
            by=request.user,
            username=data["username"],
            role=data["role"],
            scope=data["scope"],
            first_name=data.get("first_name", ""),
            phone=data.get("phone", ""),
            advisor=data.get("advisor"),
        )
        user = self.get_queryset().get(pk=user.pk)
        body = UserSerializer(user, context={"activation_url": activation_url(secret, request)}).data
        return Response(body, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        target = self.get_object()
        serializer = UserUpdateSerializer(target, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        services.update_login(by=request.user, user=target, **fields)
        return Response(UserSerializer(self.get_queryset().get(pk=target.pk)).data)

    @extend_schema(request=None, responses={200: ActivationSerializer}, summary="A new one-time activation link")
    @action(detail=True, methods=["post"])
    def activation(self, request, pk=None):
        try:
            target = self.get_object()
        except Http404:
            raise
        _link, secret = services.new_link(by=request.user, user=target)
        return Response({"activation_url": activation_url(secret, request)})


class ObtainAuthToken(authtoken_views.ObtainAuthToken):
    """``POST /api/auth/token/`` as before, but authenticating with the underlying Django request so
    the login throttle (django-axes) sees a lock-out and answers 429 with the wait time."""

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "request": self.request._request}


obtain_auth_token = ObtainAuthToken.as_view()
