"""Settings of the test CAS server (django-mama-cas 2.5 on Django 4.2), like the IdP of the
captures (../shared/chamilo/UI-REFERENCE.md §13): its SSO session cookie is named CASTGC (Secure,
HttpOnly, a browser-session cookie), tickets live 90 s, every loopback service is accepted."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
STATE = Path(os.environ.get("CAS_TEST_STATE") or Path(tempfile.gettempdir()) / "practice-cas-state")

SECRET_KEY = os.environ.get("CAS_TEST_SECRET", "practice-cas-server-for-tests-only")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
USE_TZ = True
USE_I18N = True
LANGUAGE_CODE = "en-us"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "mama_cas",
    "casproject.apps.CasProjectConfig",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "casproject.hostile.HostileLoginForm",  # off unless a test turns it on (CasServer.hostile_login_form)
]
ROOT_URLCONF = "casproject.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [HERE / "templates"],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": STATE / "cas.sqlite3",
                         "OPTIONS": {"timeout": 20}}}
# tables straight from the models (migrate --run-syncdb): a fresh server is ready in well under a second
MIGRATION_MODULES = {app: None for app in ("auth", "contenttypes", "sessions", "messages", "mama_cas")}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
# test accounts only: a fast hasher keeps logins quick
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

SESSION_COOKIE_NAME = "CASTGC"
SESSION_COOKIE_SECURE = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_SECURE = True
MAMA_CAS_TICKET_EXPIRE = 90

LOGGING = {"version": 1, "disable_existing_loggers": False,
           "handlers": {"stderr": {"class": "logging.StreamHandler"}},
           "root": {"handlers": ["stderr"], "level": "WARNING"}}
