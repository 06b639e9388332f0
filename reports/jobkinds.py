"""The Word report as a background job (kind ``figures_docx``, registered from ReportsConfig.ready): the
figures page's "prepare as a job" path, for areas whose report takes long (a province). Progress after
each section; the .docx is the job's result file. The direct download (/figures/docx/, the API's
report.docx) stays as it is."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from accounts.scopes import area_in_scope, is_manager
from jobs.registry import JobFailed, Outcome, register
from places.models import Area

from .docx.document import docx_filename, report_docx

FIGURES_DOCX = "figures_docx"


def _refused():
    from common.errors import CommonError

    return JobFailed([{"line": None, "code": CommonError.NOT_ALLOWED.value, "message": CommonError.NOT_ALLOWED.label}])


def run_docx_job(job, progress):
    user, year, code = job.user, job.params.get("year"), job.params.get("area") or ""
    if user is None or not is_manager(user):
        raise _refused()
    try:
        area = area_in_scope(user, code, Area.objects.select_related("parent"))
    except (PermissionDenied, Http404):
        raise _refused() from None
    content = report_docx(int(year), area, progress=progress)
    return Outcome(rows_total=1, summary={"export": True}, result=(docx_filename(year, area), content))


def register_kinds():
    register(FIGURES_DOCX, _("Word report"), run_docx_job)
