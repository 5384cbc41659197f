"""Fixtures of the practice Chamilo's own tests (Flask's test client, no browser)."""
from __future__ import annotations

import pytest


@pytest.fixture
def client(practice_server):
    """``client(username="teacher")`` → a Flask test client logged in as ``username`` (password = username)."""
    def login(username: str = "teacher"):
        c = practice_server.app.test_client()
        assert c.post("/index.php", data={"login": username, "password": username}).status_code == 302
        return c
    return login
