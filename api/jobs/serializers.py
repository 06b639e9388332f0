from django.urls import reverse
from rest_framework import serializers

from jobs.models import Job
from jobs.services import current_progress


class JobErrorSerializer(serializers.Serializer):
    line = serializers.IntegerField(allow_null=True)
    code = serializers.CharField()
    message = serializers.CharField()


class JobSerializer(serializers.ModelSerializer):
    state = serializers.ChoiceField(choices=Job.State.choices)
    progress = serializers.SerializerMethodField()
    rows_total = serializers.SerializerMethodField()
    rows_done = serializers.SerializerMethodField()
    errors = JobErrorSerializer(many=True)
    result_url = serializers.SerializerMethodField()

    class Meta:
        model = Job
        fields = [
            "id",
            "kind",
            "state",
            "progress",
            "rows_total",
            "rows_done",
            "created",
            "updated",
            "unchanged",
            "errors",
            "dry_run",
            "result_url",
        ]
        read_only_fields = fields

    def _progress(self, job):
        if not hasattr(job, "_progress_now"):
            job._progress_now = current_progress(job)
        return job._progress_now

    def get_progress(self, job) -> int:
        return self._progress(job)[2]

    def get_rows_total(self, job) -> int:
        return self._progress(job)[1]

    def get_rows_done(self, job) -> int:
        return self._progress(job)[0]

    def get_result_url(self, job) -> str | None:
        if not job.result:
            return None
        url = reverse("jobs:job_result", args=[job.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url
