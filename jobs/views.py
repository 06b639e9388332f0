"""My jobs: the list, one job with its live progress bar, and its result file."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from . import registry
from .services import can_undo, current_progress, fail_if_stale, jobs_of, undo_job


def _decorate(job):
    job = fail_if_stale(job)  # a job whose worker died shows as failed, not forever "running"
    job.rows_done_now, job.rows_total_now, job.percent = current_progress(job)
    kind = registry.get(job.kind)
    job.kind_label = kind.label if kind else job.kind
    job.undoable = can_undo(job)
    return job


@login_required
def my_jobs(request):
    jobs = [_decorate(job) for job in jobs_of(request.user).filter(user=request.user)[:50]]
    return render(request, "jobs/my_jobs.html", {"jobs": jobs})


@login_required
def job_detail(request, pk):
    job = _decorate(get_object_or_404(jobs_of(request.user), pk=pk))
    return render(
        request,
        "jobs/job_detail.html",
        {"job": job, "api_url": reverse("api-job-detail", args=[job.pk]), "errors": job.errors[:200]},
    )


@login_required
def job_result(request, pk):
    job = get_object_or_404(jobs_of(request.user), pk=pk)
    if not job.result:
        raise Http404
    return FileResponse(job.result.open("rb"), as_attachment=True, filename=job.result.name.rsplit("/", 1)[-1])


@login_required
@require_POST
def job_undo(request, pk):
    job = get_object_or_404(jobs_of(request.user), pk=pk)
    try:
        undo_job(job, by=request.user)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        messages.success(request, _undone_message())
    return redirect("jobs:job_detail", pk=job.pk)


def _undone_message():
    from django.utils.translation import gettext

    return gettext("The import was undone.")
