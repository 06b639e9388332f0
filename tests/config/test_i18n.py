"""Every user-facing string is translated, and the committed .mo matches the .po."""

import subprocess
import sys
from pathlib import Path

import polib
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"


def test_every_string_has_a_chinese_translation():
    result = subprocess.run(
        [sys.executable, "scripts/untranslated.py"], cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert result.stdout.strip().endswith("0 untranslated")


def test_compiled_catalogues_are_current():
    for language in ("zh_Hans", "en"):
        po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
        mo = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))
        compiled = {(e.msgctxt, e.msgid): e.msgstr for e in mo if e.msgid}
        source = {(e.msgctxt, e.msgid): e.msgstr for e in po.translated_entries() if not e.msgid_plural}
        assert source.items() <= compiled.items(), f"{language}: run `make messages` to recompile"


def test_pages_switch_language(client, db):
    from tests.conftest import make_user

    client.force_login(make_user("reader", "coordinator"))
    assert "普法台账" in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Pufa Ledger" in client.get("/").content.decode()
