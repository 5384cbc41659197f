"""Fixtures of the single sign-on tests: a real CAS server (django-mama-cas over TLS, see
cas_server.py) for the whole test session, and the session's practice Chamilo as its CAS client."""
from __future__ import annotations

from typing import Iterator

import pytest

from practice_server import CasSettings, PracticeServer

from .cas_server import CasServer, start_cas_server


@pytest.fixture(scope="session")
def cas_server(tmp_path_factory) -> Iterator[CasServer]:
    """django-mama-cas on https://127.0.0.1:<port>/cas, trusted through ``cas_server.ca_bundle``.
    Accounts teacher, admin, colleague, stranger (password = name). Reset after each test that uses
    it (no SSO session, login count 0)."""
    server = start_cas_server(tmp_path_factory.mktemp("cas-server"))
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _reset_cas_server(request) -> Iterator[None]:
    yield
    if "cas_server" in request.fixturenames:
        request.getfixturevalue("cas_server").reset()


@pytest.fixture
def cas_settings(cas_server: CasServer) -> CasSettings:
    """Chamilo's CAS settings for ``cas_server``, forced redirect, its certificate checked against the CA bundle."""
    return CasSettings(cas_server.url, force_redirect=True, ca_bundle=str(cas_server.ca_bundle))


@pytest.fixture
def cas_chamilo(practice_server: PracticeServer, cas_settings: CasSettings) -> PracticeServer:
    """The session's practice Chamilo as a CAS client of ``cas_server`` (forced redirect); change
    ``cas_chamilo.state.cas`` for other settings. Back to no CAS after the test (state.reset())."""
    practice_server.state.cas = cas_settings
    return practice_server
