"""Settings of the gunicorn that ``manage.py benchmark`` starts: the real settings, plus the floor of
check-in (a bare view doing one INSERT) in a benchmark-only URLconf, ``demo/bench_urls.py``. No deployment
names this module, so the floor view is never routed in production."""

from .settings import *  # noqa: F401,F403

ROOT_URLCONF = "demo.bench_urls"
