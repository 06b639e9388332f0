from rest_framework import serializers

from topics import services
from topics.models import Topic


class TopicSerializer(serializers.ModelSerializer):
    """``label`` reads in the request's language; a write stores the label as given."""

    class Meta:
        model = Topic
        fields = ["code", "label", "position", "active"]
        extra_kwargs = {"code": {"validators": []}}

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["label"] = instance.display_label
        return data

    def create(self, validated_data):
        return services.create_topic(by=self.context["request"].user, **validated_data)

    def update(self, instance, validated_data):
        return services.update_topic(instance, by=self.context["request"].user, **validated_data)
