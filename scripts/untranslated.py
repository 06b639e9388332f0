#!/usr/bin/env python
"""List user-facing strings that have no Chinese translation yet.

Usage: .venv/bin/python scripts/untranslated.py [PATH_PREFIX ...]
Extracts every msgid from a scratch copy of the project with Django's makemessages (needs gettext),
then asks the live catalogues (zh-hans) for each; prints those that come back unchanged, with where
they occur. Only occurrences under the given path prefixes are listed (default: all). Exit 1 if any.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")


def main(prefixes):
    import django
    import polib

    django.setup()
    from django.utils import translation

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "project"
        shutil.copytree(
            ROOT,
            copy,
            ignore=shutil.ignore_patterns(
                ".venv", ".git", "staticfiles", "media", "node_modules", "locale", "*.sqlite3", "vendor", "tests"
            ),
        )
        (copy / "locale").mkdir()
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings_test", "PYTHONPATH": str(copy)}
        for domain in ("django", "djangojs"):
            subprocess.run(
                [
                    sys.executable,
                    "manage.py",
                    "makemessages",
                    "-l",
                    "zh_Hans",
                    "-d",
                    domain,
                    "--no-wrap",
                    "--ignore=static/vendor/*",
                ],
                cwd=copy,
                env=env,
                check=True,
                capture_output=True,
            )
        missing = []
        translation.activate("zh-hans")
        for domain in ("django", "djangojs"):
            po_path = copy / "locale" / "zh_Hans" / "LC_MESSAGES" / f"{domain}.po"
            if not po_path.exists():
                continue
            for entry in polib.pofile(str(po_path)):
                places = [p for p, _ in entry.occurrences]
                if prefixes and not any(p.startswith(prefix) for p in places for prefix in prefixes):
                    continue
                if entry.msgctxt:
                    done = translation.pgettext(entry.msgctxt, entry.msgid) != entry.msgid
                elif entry.msgid_plural:
                    done = translation.ngettext(entry.msgid, entry.msgid_plural, 2) != entry.msgid_plural
                else:
                    done = translation.gettext(entry.msgid) != entry.msgid
                if not done and not any("\u4e00" <= ch <= "\u9fff" for ch in entry.msgid):
                    missing.append((entry.msgid, places))
    for msgid, places in missing:
        print(f"{msgid!r}  ({', '.join(places[:3])})")
    print(f"{len(missing)} untranslated")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
