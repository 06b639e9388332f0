"""Background jobs: one row per import, export or report run in the background (see jobs.services)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("started by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A kind registered in jobs.registry (e.g. "duty_shifts").
    kind = models.CharField(_("kind"), max_length=40)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    file = models.FileField(_("file"), upload_to="jobs/in/%Y/%m/", blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    file_sha256 = models.CharField(_("file SHA-256"), max_length=64, blank=True, db_index=True)
    dry_run = models.BooleanField(_("dry run"), default=False)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED, db_index=True)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    # [{"line", "code", "message"}]
    errors = models.JSONField(_("errors"), default=list, blank=True)
    # What the runner reports beyond the counts (e.g. per-village rows of a dry run).
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    # What undo needs beyond the rows that point at this job (e.g. previous values of updated rows).
    undo_data = models.JSONField(default=dict, blank=True)
    result = models.FileField(_("result file"), upload_to="jobs/out/%Y/%m/", blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # The worker's last sign of life written to the row (its start, progress outside a transaction);
    # progress inside an import's transaction beats in the cache (jobs.progress.heartbeat).
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("undone by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        indexes = [models.Index(fields=["user", "created_at"])]

    def __str__(self):
        return f"{self.kind} #{self.pk} ({self.state})"

    @property
    def finished(self):
        return self.state in (self.State.SUCCEEDED, self.State.FAILED)
