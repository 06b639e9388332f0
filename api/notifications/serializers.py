from rest_framework import serializers

from notifications.models import Notification


class NotificationSerializer(serializers.ModelSerializer):
    message = serializers.CharField(source="text", read_only=True, help_text="The text, in the caller's language.")

    class Meta:
        model = Notification
        fields = ["id", "kind", "message", "url", "created", "read"]
        read_only_fields = fields
