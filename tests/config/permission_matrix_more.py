"""The row kit of the permission matrix (``Row`` and the URL builders) and the rows of the routes added
with jobs, imports, works, notifications, quality flags, topics, needs, the offline app and the pickers
(tests/config/permission_matrix.py merges ``MORE`` into ``MATRIX``; its docstring explains a row).

Builders that need a record this module's routes take (a job, a notification, a flag, a work, an award)
make it on first use, one of the own scope (井岸镇 / 尖峰村) and one of the other (白蕉镇 / 南澳村).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.files.base import ContentFile


@dataclass(frozen=True)
class Row:
    own: object  # callable(L) -> kwargs for reverse(), or a dict
    own_expect: str
    other: object = None
    other_expect: str = ""
    leaks: tuple = field(default_factory=tuple)
    query: str = ""


def k(**fixed):
    return lambda L: fixed


NO = k()


def pk(attr):
    return lambda L: {"pk": getattr(L, attr).pk}


def xpk(attr):
    return lambda L: {"pk": getattr(L.extra, attr).pk}


def code(value):
    return k(code=value)


OWN_VILLAGE, OTHER_VILLAGE = "440403107201", "440403106201"


def _records(L):
    """The records of the new apps, made once per ledger: ``L.more.<name>_a`` / ``_b``."""
    if not hasattr(L, "more"):
        from types import SimpleNamespace

        from jobs.models import Job
        from notifications.models import Notification
        from quality.models import Flag
        from works.models import Award, Work

        own, other = L.areas.jianfeng, L.areas.nanao
        officer, other_officer = L.users.town_officer, L.users.other_town_officer
        made = {}
        for suffix, area, user, title in (
            ("a", own, officer, "尖峰普法快板"),
            ("b", other, other_officer, "南澳普法微视频"),
        ):
            job = Job.objects.create(user=user, kind="duty_shifts", state="done")
            job.result.save(f"matrix_{suffix}.csv", ContentFile(b"ok\n"))
            made[f"job_{suffix}"] = job
            made[f"note_{suffix}"] = Notification.objects.create(
                user=user, kind="open_shift", message=f"未结束的值班 {title}", period_key=f"matrix-{suffix}"
            )
            made[f"flag_{suffix}"] = Flag.objects.create(
                kind="shift_too_short",
                record_type="duty_shift",
                record_id=getattr(L, f"shift_{suffix}").pk,
                area_code=area.code,
                record_date=dt.date(2023, 6, 1),
                why=f"值班不足15分钟 {title}",
            )
            work = Work.objects.create(title=title, kind="kuaiban", year=2023, area=area)
            made[f"work_{suffix}"] = work
            made[f"award_{suffix}"] = Award.objects.create(
                title=f"{title}奖",
                level="city",
                year=2023,
                recipient_kind="work",
                recipient=title,
                work=work,
                area=area,
            )
        L.more = SimpleNamespace(**made)
    return L.more


def rec(name):
    return lambda L: {"pk": getattr(_records(L), name).pk}


def made_first(builder):
    """A list route: make the records (the ``leaks`` markers) before the first request."""
    return lambda L: (_records(L), builder(L))[1]


MORE = {
    # --- pickers, account-scope JSON ---------------------------------------------------------
    "area_pick": Row(NO, "302 200 200 200 200 200 200", leaks=("area",), query="q=4404031"),
    "advisors:advisor_pick": Row(NO, "302 200 200 200 200 200 200"),
    "legalsavvy:person_pick": Row(NO, "302 200 200 200 200 200 200"),
    "lookup-advisors": Row(NO, "401 200 200 200 200 200 200"),
    "lookup-persons": Row(NO, "401 200 200 200 200 200 200"),
    "lookup-areas": Row(NO, "401 200 200 200 200 200 200", leaks=("area",), query="q=4404031"),
    "advisors:return": Row(NO, "302 403 403 405 405 405 405"),
    "figures:docx": Row(NO, "302 403 403 200 200 200 200", query="year=2023"),
    "figures:docx_job": Row(NO, "302 405 405 405 405 405 405"),
    # --- works --------------------------------------------------------------------------------
    "works:list": Row(made_first(NO), "302 403 403 200 200 200 200", leaks=("work",)),
    "works:work_create": Row(NO, "302 403 403 403 403 200 200"),
    "works:work_edit": Row(rec("work_a"), "302 403 403 403 404 404 200", rec("work_b"), "302 404 403 404 403 404 200"),
    "works:work_delete": Row(
        rec("work_a"), "302 405 405 405 405 405 405", rec("work_b"), "302 405 405 405 405 405 405"
    ),
    "works:award_create": Row(NO, "302 403 403 403 403 200 200"),
    "works:award_edit": Row(
        rec("award_a"), "302 403 403 403 404 404 200", rec("award_b"), "302 404 403 404 403 404 200"
    ),
    "works:award_delete": Row(
        rec("award_a"), "302 405 405 405 405 405 405", rec("award_b"), "302 405 405 405 405 405 405"
    ),
    # --- notifications ------------------------------------------------------------------------
    "notifications:inbox": Row(made_first(NO), "302 200 200 200 200 200 200", leaks=("note",)),
    "notifications:mark_read": Row(
        rec("note_a"), "302 405 405 405 405 405 405", rec("note_b"), "302 405 405 405 405 405 405"
    ),
    "notifications:mark_all_read": Row(NO, "302 405 405 405 405 405 405"),
    "notifications:preferences": Row(NO, "302 200 200 200 200 200 200"),
    # --- quality flags ------------------------------------------------------------------------
    "quality:flags": Row(made_first(NO), "302 403 403 200 200 200 200", leaks=("flag",), query="year=2023"),
    "quality:flag_resolve": Row(
        rec("flag_a"), "302 405 405 405 405 405 405", rec("flag_b"), "302 405 405 405 405 405 405"
    ),
    "quality:flag_reopen": Row(
        rec("flag_a"), "302 405 405 405 405 405 405", rec("flag_b"), "302 405 405 405 405 405 405"
    ),
    "quality:flag_recompute": Row(NO, "302 405 405 405 405 405 405"),
    # --- jobs and imports ---------------------------------------------------------------------
    "jobs:my_jobs": Row(made_first(NO), "302 200 200 200 200 200 200"),
    "jobs:job_detail": Row(rec("job_a"), "302 404 404 200 404 404 404", rec("job_b"), "302 404 404 404 200 404 404"),
    "jobs:job_result": Row(rec("job_a"), "302 404 404 200 404 404 404", rec("job_b"), "302 404 404 404 200 404 404"),
    "jobs:job_undo": Row(rec("job_a"), "302 405 405 405 405 405 405", rec("job_b"), "302 405 405 405 405 405 405"),
    "imports:upload": Row(NO, "302 403 200 200 200 200 200"),
    "imports:template": Row(k(kind="duty_shifts"), "302 403 200 200 200 200 200"),
    "imports:sheet": Row(
        lambda L: {"event": L.event_a.pk},
        "302 404 200 404 404 404 200",
        lambda L: {"event": L.event_b.pk},
        "302 404 404 404 404 404 200",
    ),
    # --- topics and needs ---------------------------------------------------------------------
    "topics:list": Row(NO, "302 403 403 200 200 200 200"),
    "needs:page": Row(NO, "302 403 403 200 200 200 200", query="year=2023"),
    # --- offline web app ----------------------------------------------------------------------
    "offline:service_worker": Row(NO, "200 200 200 200 200 200 200"),
    "offline:manifest": Row(NO, "200 200 200 200 200 200 200"),
    "offline:duty": Row(NO, "302 200 403 403 403 403 403"),
    "offline:scan_shell": Row(NO, "200 200 200 200 200 200 200"),
    "offline:door_list": Row(NO, "302 200 200 200 200 200 200"),  # events of the last days only
    "offline:door": Row(pk("event_a"), "302 404 200 403 404 404 200", pk("event_b"), "302 404 404 404 403 404 200"),
    "offline:door_count": Row(
        pk("event_a"), "302 404 200 403 404 404 200", pk("event_b"), "302 404 404 404 403 404 200"
    ),
    # --- API ----------------------------------------------------------------------------------
    "duty-shift-return": Row(
        pk("shift_a"), "401 403 403 405 405 405 405", pk("shift_b"), "401 403 403 405 405 405 405"
    ),
    "api-figures-report": Row(NO, "401 403 403 200 403 403 200", query="year=2023&area=440403107"),
    "work-list": Row(made_first(NO), "401 403 403 200 200 200 200", leaks=("work",)),
    "work-detail": Row(rec("work_a"), "401 403 403 200 404 404 200", rec("work_b"), "401 403 403 404 200 404 200"),
    "award-list": Row(made_first(NO), "401 403 403 200 200 200 200", leaks=("work",)),
    "award-detail": Row(rec("award_a"), "401 403 403 200 404 404 200", rec("award_b"), "401 403 403 404 200 404 200"),
    "notification-list": Row(made_first(NO), "401 200 200 200 200 200 200", leaks=("note",)),
    "notification-detail": Row(
        rec("note_a"), "401 404 404 200 404 404 404", rec("note_b"), "401 404 404 404 200 404 404"
    ),
    "notification-read": Row(
        rec("note_a"), "401 405 405 405 405 405 405", rec("note_b"), "401 405 405 405 405 405 405"
    ),
    "flag-list": Row(made_first(NO), "401 403 403 200 200 200 200", leaks=("flag",)),
    "flag-resolve": Row(rec("flag_a"), "401 403 403 405 405 405 405", rec("flag_b"), "401 403 403 405 405 405 405"),
    "flag-reopen": Row(rec("flag_a"), "401 403 403 405 405 405 405", rec("flag_b"), "401 403 403 405 405 405 405"),
    "api-job-detail": Row(rec("job_a"), "401 404 404 200 404 404 404", rec("job_b"), "401 404 404 404 200 404 404"),
    "api-job-undo": Row(rec("job_a"), "401 405 405 405 405 405 405", rec("job_b"), "401 405 405 405 405 405 405"),
    "api-imports": Row(NO, "401 403 405 405 405 405 405"),
    "sync-duty-shifts": Row(NO, "401 405 403 405 405 405 405"),
    "sync-checkins": Row(NO, "401 405 405 405 405 405 405"),
    "topic-list": Row(NO, "401 200 200 200 200 200 200"),
    "topic-detail": Row(code("marriage_family"), "401 200 200 200 200 200 200"),
    "api-needs": Row(NO, "401 403 403 200 200 200 200", query="year=2023"),
}
