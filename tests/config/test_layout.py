"""The layout rules of docs/ARCHITECTURE.md that a test can hold: short modules, one copy of the shared partials."""

import os
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
MAX_LINES = 400
# Not the project's own code: the virtualenv, generated migrations, collected or uploaded files.
SKIPPED_DIRS = {".venv", ".git", "migrations", "staticfiles", "media", "node_modules", "__pycache__"}
SHARED_PARTIALS = ("_field.html", "_pager.html")


def _project_files(suffix):
    for directory, subdirs, files in os.walk(ROOT):
        subdirs[:] = [d for d in subdirs if d not in SKIPPED_DIRS and not d.startswith(".")]
        for name in files:
            if name.endswith(suffix):
                yield Path(directory) / name


def test_no_module_is_over_400_lines():
    too_long = {}
    for path in _project_files(".py"):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            too_long[str(path.relative_to(ROOT))] = lines
    assert not too_long, f"split these modules (at most {MAX_LINES} lines each): {too_long}"


def test_the_form_field_and_pager_partials_exist_once_for_every_app():
    found = sorted(str(path.relative_to(ROOT)) for path in _project_files(".html") if path.name in SHARED_PARTIALS)
    assert found == [f"templates/{name}" for name in SHARED_PARTIALS]
