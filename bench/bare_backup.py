"""The same clicks as `robot backup`, as a bare Playwright script: no retries, no checks, no trace,
no verification. The yardstick of bench/backup.py (what a person would write in 20 lines).

    python bench/bare_backup.py URL COURSE OUT_DIR
"""
from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from robot.engine.browser import find_browser  # the same Chromium as the robot (its headless shell when installed)

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]


def main(url: str, course: str, out: Path) -> None:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_browser(None, pw), args=FLAGS)
        page = browser.new_context(accept_downloads=True).new_page()
        page.goto(f"{url}/index.php")
        page.fill('input[name="login"]', "teacher")
        page.fill('input[name="password"]', "teacher")
        page.click('button[name="submitAuth"]')
        page.click(f'a[href*="/courses/{course}/index.php"]')
        page.click('.course-tools-administration a[href*="course_info/maintenance.php"]')
        page.click('a[href*="coursecopy/create_backup.php"]')
        page.check('input[name="backup_option"][value="full_backup"]')
        page.click('form[name="create_backup_form"] button[name="submit"]')
        with page.expect_download() as info:
            page.click('a[href*="course_info/download.php?archive="]')
        info.value.save_as(out / f"{course}-bare.zip")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"), sys.argv[2], Path(sys.argv[3]))
