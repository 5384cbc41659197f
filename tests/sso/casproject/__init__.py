"""A small Django project that serves django-mama-cas at /cas/: the real CAS server of tests/sso.

Started by tests/sso/cas_server.py (gunicorn over TLS); its state folder comes from the
environment variable CAS_TEST_STATE (database, the log of password logins)."""
