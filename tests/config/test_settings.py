"""Settings come from the environment; production refuses to start without a secret."""

import os
import secrets
import subprocess
import sys

from django.conf import settings

ROOT = settings.BASE_DIR


def run_python(code, **env):
    """Run ``code`` in a fresh interpreter with only the given Django env vars set."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "CACHE_URL"))}
    base.update(env)
    base["DJANGO_SETTINGS_MODULE"] = "config.settings"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=base, capture_output=True, text=True, timeout=60)


PRINT_SETTINGS = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.ALLOWED_HOSTS, s.CACHES['default']['BACKEND'], "
    "s.LANGUAGE_CODE, s.TIME_ZONE, s.USE_TZ)"
)


def test_it_defaults_to_sqlite_in_debug():
    result = run_python(PRINT_SETTINGS, DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:2] == ["True", "django.db.backends.sqlite3"]
    assert "zh-hans Asia/Shanghai True" in result.stdout


def test_it_refuses_production_without_secret():
    result = run_python(PRINT_SETTINGS, DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_it_reads_database_hosts_and_cache_urls():
    result = run_python(
        PRINT_SETTINGS,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL="postgres://pufa:pw@db.example:5432/pufa",
        DJANGO_ALLOWED_HOSTS="pufa.example.org, www.pufa.example.org",
        CACHE_URL="redis://127.0.0.1:6379/1",
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("False django.db.backends.postgresql")
    assert "['pufa.example.org', 'www.pufa.example.org']" in out
    assert "common.cache.ReusingRedisCache" in out


def test_it_rejects_a_malformed_boolean():
    result = run_python(PRINT_SETTINGS, DJANGO_DEBUG="maybe")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be a boolean" in result.stderr


def test_production_passes_check_deploy_without_warnings():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "CACHE_URL"))}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="pufa.example.org",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
