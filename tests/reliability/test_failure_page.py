"""The page a failed step leaves in recordings/failures/ (robot/engine/run.py's on_failure, issue 18
item 6), on real Chromium and a page of the practice Chamilo: the browser's cookie values are masked
in it only when long enough to be secrets — a cookie ``0`` left as it is, or every 0 of the page
(``127.0.0.1:8080``) became ``<masked>``. The engine alone: no robot run."""
from __future__ import annotations

from robot.engine.run import RunSettings, execute
from robot.engine.steps import StepContext, step
from robot.errors import StepFailed
from tests.browser_kill import in_own_thread

SESSION = "4f9a1c2e8b7d6a5f0e1d"  # as long as a session id: a secret


def test_a_failure_page_masks_the_session_cookie_and_keeps_the_digits_a_short_cookie_shares(practice_server,
                                                                                            tmp_path):
    site = practice_server.url  # http://127.0.0.1:<port>

    @step("open_login_page", en="Open the login page", fr="Ouvrir la page de connexion")
    def open_login_page(s: StepContext) -> None:
        s.page.context.add_cookies([{"name": "consent", "value": "0", "url": site},
                                    {"name": "sid", "value": SESSION, "url": site}])
        s.page.goto(f"{site}/index.php")
        s.page.evaluate("v => document.body.insertAdjacentHTML('beforeend', "
                        "`<p id=at>${location.href}</p><p id=sid>${v}</p>`)", SESSION)

    @step("fail_here", en="Fail on purpose", fr="Échouer exprès", retry="never")
    def fail_here(s: StepContext) -> None:
        raise StepFailed("stopped here on purpose")

    settings = RunSettings(lang="en", failures_dir=tmp_path / "failures", run_name="cookie-zero", attempts=1,
                           step_timeout=20)

    def scenario() -> str:
        try:
            execute([open_login_page, fail_here], settings=settings, knowledge=None, params=None, login_steps=[])
        except StepFailed as err:
            return err.message
        return "no failure"

    assert in_own_thread(scenario) == "stopped here on purpose"
    [page] = (tmp_path / "failures").rglob("02-fail_here.html")
    html = page.read_text(encoding="utf-8")
    assert f'<p id="at">{site}/index.php</p>' in html  # every 0 of the address kept
    assert '<p id="sid"><masked></p>' in html and SESSION not in html  # the long one masked
    assert html.count("masked>") == 1, html  # and nothing else
