"""The CJK font the server draws charts and maps with (Debian's fonts-noto-cjk, installed by .ci/run).

Found with ``fc-match`` (or the setting ``REPORT_CJK_FONT``, a font file path); a missing font is an
error that says what to install, never a chart of empty boxes.
"""

import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

FAMILY = "Noto Sans CJK SC"
KNOWN_PATHS = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",)
# The family the document's text asks for (the template's styles); LibreOffice and Word use it when
# installed. A bureau's own template may name another (e.g. 仿宋_GB2312).
DOCUMENT_FAMILY = FAMILY


@lru_cache(maxsize=1)
def cjk_font_path():
    configured = settings.REPORT_CJK_FONT
    candidates = [configured] if configured else []
    if shutil.which("fc-match"):
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", f"{FAMILY}:lang=zh-cn"], capture_output=True, text=True, check=False
        ).stdout.strip()
        if "CJK" in found:
            candidates.append(found)
    candidates.extend(KNOWN_PATHS)
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return candidate
    raise ImproperlyConfigured(
        f"No CJK font for the report's charts: install Debian's fonts-noto-cjk ({FAMILY}) "
        "or set REPORT_CJK_FONT to a font file."
    )


@lru_cache(maxsize=1)
def font_properties():
    """matplotlib FontProperties for the CJK font (registered once)."""
    from matplotlib import font_manager

    path = cjk_font_path()
    font_manager.fontManager.addfont(path)
    return font_manager.FontProperties(fname=path)
