"""robot grant / revoke: teacher rights for a colleague; when the site leaves that to admins, the
robot says so and names the admin's route."""
from __future__ import annotations

import pytest

from tests.robot_run import assert_one_attempt_each, run_robot

from .conftest import snapshot, teachers


@pytest.fixture(scope="module")
def granted_then_revoked(practice_server, env):
    st = practice_server.state
    st.reset()
    before = snapshot(st)
    grant = run_robot(["grant", "--course", "HIST2026", "--user", "colleague", "--json"], env)
    after_grant = snapshot(st)
    revoke = run_robot(["revoke", "--course", "HIST2026", "--user", "colleague", "--json"], env)
    return before, grant, after_grant, revoke, snapshot(st)


def test_grant_makes_the_colleague_a_teacher(granted_then_revoked):
    before, grant, after_grant, _revoke, _final = granted_then_revoked
    assert_one_attempt_each(grant)
    assert "colleague" not in [u for u, _ in before["HIST2026"]["users"]]
    assert sorted(teachers(after_grant, "HIST2026")) == ["colleague", "teacher"]
    assert grant.json()["changed"] is True
    assert {k: v for k, v in after_grant.items() if k != "HIST2026"} == \
        {k: v for k, v in before.items() if k != "HIST2026"}


def test_revoke_removes_the_rights(granted_then_revoked):
    before, _grant, _after_grant, revoke, final = granted_then_revoked
    assert_one_attempt_each(revoke)
    assert teachers(final, "HIST2026") == ["teacher"]
    assert final == before
    assert revoke.json()["changed"] is True


def test_forbidden_by_the_site_names_the_admin_route(practice_server, env):
    st = practice_server.state
    st.reset()
    st.settings["allow_user_course_subscription_by_course_admin"] = "false"
    before = snapshot(st)
    result = run_robot(["grant", "--course", "HIST2026", "--user", "colleague"], env)
    assert result.code == 3, result
    assert "does not let" in result.stderr
    assert "main/admin/course_edit.php" in result.stderr and "Administration" in result.stderr
    assert snapshot(st) == before
