"""/api/users/ as in API.md "People": the shape and field checks; the rules live in people.services."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import User
from advisors.models import Advisor
from places.models import Area


class AreaCodeField(serializers.SlugRelatedField):
    default_error_messages = {"does_not_exist": _("No area with code {value}."), "invalid": _("Enter an area code.")}

    def __init__(self, **kwargs):
        super().__init__(slug_field="code", queryset=Area.objects.all(), **kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, (str, int)) or not str(data).isdigit() or len(str(data)) > 12:
            self.fail("invalid")
        return super().to_internal_value(str(data))


class UserSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="first_name", max_length=150, required=False, allow_blank=True)
    role = serializers.ChoiceField(choices=User.Role.choices)
    scope = AreaCodeField()
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    advisor = serializers.SerializerMethodField()
    activation_url = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "name",
            "role",
            "scope",
            "phone",
            "advisor",
            "is_active",
            "last_login",
            "activation_url",
        ]
        read_only_fields = ["last_login"]

    def get_advisor(self, user) -> int | None:
        profile = getattr(user, "advisor_profile", None)
        return profile.pk if profile is not None else None

    def get_activation_url(self, user) -> str | None:
        return self.context.get("activation_url")


class UserCreateSerializer(UserSerializer):
    advisor = serializers.PrimaryKeyRelatedField(queryset=Advisor.objects.all(), required=False, allow_null=True)

    class Meta(UserSerializer.Meta):
        read_only_fields = ["last_login", "is_active"]


class UserUpdateSerializer(UserSerializer):
    role = serializers.ChoiceField(choices=User.Role.choices, required=False)
    scope = AreaCodeField(required=False)

    class Meta(UserSerializer.Meta):
        read_only_fields = ["last_login", "username"]


class ActivationSerializer(serializers.Serializer):
    activation_url = serializers.CharField(read_only=True)
