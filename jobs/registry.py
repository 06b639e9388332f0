"""The kinds of job. ``jobs`` imports no domain app: each app registers the kinds it runs (from its
``AppConfig.ready()``), and apps above may register undo guards (e.g. "that year is closed").

A runner is ``run(job, progress) -> Outcome``: it reads ``job.file``/``job.params``, calls
``progress(done, total)`` now and then, writes nothing when ``job.dry_run`` and raises
``JobFailed(errors)`` to fail the job with nothing written. An undoer is ``undo(job, by)``; it raises a
``common.errors.Refusal`` to refuse.
"""

from dataclasses import dataclass, field


@dataclass
class Outcome:
    rows_total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    summary: dict = field(default_factory=dict)
    undo_data: dict = field(default_factory=dict)
    # (file name, bytes) offered for download when the job has finished
    result: tuple | None = None


class JobFailed(Exception):
    """The job failed with these errors ([{"line", "code", "message"}]); nothing was written."""

    def __init__(self, errors, *, rows_total=0, summary=None, result=None):
        self.errors = errors
        self.rows_total = rows_total
        self.summary = summary or {}
        self.result = result
        super().__init__(f"{len(errors)} error(s)")


@dataclass(frozen=True)
class Kind:
    name: str
    label: object
    run: object
    undo: object = None


_KINDS = {}
_UNDO_GUARDS = []


def register(name, label, run, undo=None):
    _KINDS[name] = Kind(name, label, run, undo)


def get(name):
    return _KINDS.get(name)


def kinds():
    return dict(_KINDS)


def register_undo_guard(guard):
    """``guard(job)`` raises a Refusal when the job's rows may no longer be undone."""
    if guard not in _UNDO_GUARDS:
        _UNDO_GUARDS.append(guard)


def undo_guards():
    return list(_UNDO_GUARDS)
