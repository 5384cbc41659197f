"""What the robot says to people follows --lang (robot/texts.py, docs/LANGUAGES.md) — no browser."""
from __future__ import annotations

import ast
from pathlib import Path

from flows.copy_report import build
from flows.course_items import CourseItems
from robot.commands.options import GUIDES
from robot.engine import browser, guide
from robot.texts import Say

ROOT = Path(__file__).resolve().parents[2]


def test_say_picks_the_language_and_aligns_summary_rows():
    en, fr = Say("en"), Say("fr")
    assert en("Backup of {c}", "Sauvegarde de {c}", c="X") == "Backup of X"
    assert fr("Backup of {c}", "Sauvegarde de {c}", c="X") == "Sauvegarde de X"
    assert Say(None).lang == "en" and Say("de").lang == "en"
    assert en.row("file", "fichier", "/a") == "  file     /a" and fr.row("file", "fichier", "/a") == "  fichier  /a"
    assert en.took(1.25) == "  took     1.2 s" and fr.took(1.25) == "  durée    1,2 s"
    assert fr.size(1015965) == "992,2 Ko" and en.size(1015965) == "992.2 KB" and fr.size(12) == "12 o"
    assert fr.quote("Archive") == "« Archive »" and en.quote("Archive") == "“Archive”"
    assert fr.yes(True) == "oui" and en.yes(False) == "no"


def test_every_command_summary_is_written_in_both_languages():
    """A command's terminal summary goes through Say (English and French side by side): a new
    command that builds a Summary without it fails here (docs/LANGUAGES.md)."""
    missing = []
    for path in sorted((ROOT / "robot" / "commands" / "run").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = {node.func.id for node in ast.walk(tree)
                 if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
        if "Summary" in calls and "Say" not in calls:
            missing.append(path.name)
    assert missing == []


def test_the_copy_report_in_french():
    source = CourseItems("A", {"document": ["/a.txt", "/b.txt"], "link": ["l"]})
    before = CourseItems("B", {"document": ["/b.txt"]})
    after = CourseItems("B", {"document": ["/a.txt", "/b.txt", "/b_1.txt"], "link": ["l"]})
    report = build(source, before, after, "rename")
    fr, en = report.lines("fr"), report.lines()
    assert fr[0] == "Copie de A dans B (fichiers de même nom : rename)"
    assert fr[1] == "  fichiers : 1 ajouté, 0 ignoré, 1 renommé, 0 écrasé"
    assert any(line.strip().startswith("renommé") and "b_1.txt" in line for line in fr)
    assert any(line.strip().startswith("liens ") for line in fr) and "  B après : 3 fichiers : a.txt, b.txt, b_1.txt" in fr
    assert en[0] == "Copy of A into B (files with the same name: rename)" and "  B after:  3 files: a.txt, b.txt, b_1.txt" in en


def test_the_guide_options_and_the_browser_language():
    assert GUIDES == guide.GUIDES  # the light command line repeats the engine's names
    # the locale Chromium sends alone on page loads must be one servers match exactly (UI-REFERENCE §18)
    args = browser.ContextSpec(lang="fr").playwright_args()
    assert args["locale"] == "fr" and args["extra_http_headers"]["Accept-Language"].startswith("fr-FR,fr;")
    assert browser.ContextSpec(lang="en").playwright_args()["locale"] == "en"


def _summary(module: str, argv: list[str], lang: str, data: dict) -> list[str]:
    """A command's plan built from its options (no browser), told a made-up outcome in ``lang``."""
    import importlib
    from types import SimpleNamespace

    from robot.cli import build_parser
    from robot.config import Config

    args = build_parser().parse_args(argv)
    config = Config(url="https://chamilo.example", username="teacher", password=None, lang=lang)
    plan = importlib.import_module(f"robot.commands.run.{module}").plan(args, config)
    outcome = SimpleNamespace(data=data, duration=1.25, summary=lambda: {"steps": [], "relaunches": 0})
    return plan.summarise(outcome).lines + [plan.question or ""]


def test_summaries_and_questions_follow_the_language():
    grant = ["grant", "--course", "MATHS", "--user", "jdoe"]
    assert _summary("grant", grant, "fr", {}) == ["jdoe est maintenant enseignant de MATHS.", "  durée    1,2 s", ""]
    assert _summary("grant", grant, "en", {"already": True})[0] == "jdoe was already a trainer of MATHS."
    create = ["create-course", "--title", "Maths 2027", "--code", "MATHS2027"]
    created = {"created": {"code": "MATHS2027", "title": "Maths 2027", "url": "https://chamilo.example/courses/MATHS2027/"}}
    fr = _summary("create_course", create, "fr", created)
    assert fr[0] == "Cours MATHS2027 créé : « Maths 2027 »" and fr[-1].startswith("Créer le cours MATHS2027 « Maths 2027 » sur")
    en = _summary("create_course", create, "en", created)
    assert en[:4] == ["Course MATHS2027 created: “Maths 2027”", "  code  MATHS2027",
                      "  url   https://chamilo.example/courses/MATHS2027/", "  took  1.2 s"]


def test_the_restore_question_and_the_backups_warning_in_french(tmp_path):
    """issue 20: robot restore's question and report, and a backup's forum-reply warning, in French."""
    import shutil

    from chamilo_backup.content import Gap
    from flows.restore_report import RestoreReport
    zip_path = ROOT.parents[0] / "shared" / "chamilo" / "samples" / "3_ALPHA_20261128-195148.zip"
    if not zip_path.is_file():
        return
    local = shutil.copy(zip_path, tmp_path / "a.zip")
    question = _summary("restore", ["restore", "--course", "T", "--from", str(local)], "fr",
                        {"restore_report": RestoreReport("a.zip", "T", "skip", "ALPHA")})
    assert question[0] == "Importation de a.zip (ALPHA) dans T (fichiers de même nom : skip)"
    assert question[-1].startswith("Importer tout de a.zip (une sauvegarde de ALPHA) dans T sur https://chamilo.example")
    gap = Gap("forum_replies", 3, "3 forum replies of 2 threads are not in this backup", 2)
    assert gap.text("fr").startswith("3 réponse(s) de forum dans 2 fil(s)") and gap.text() == gap.message


def test_the_backup_summarys_content_line_in_french():
    """`robot backup --lang fr`'s « contenu » line: no English resource type left in it (issue 21)."""
    from pathlib import Path

    from flows.archive import BackupReport

    report = BackupReport(Path("a.zip"), 1, "0" * 64, "A", {"announcement": 2, "course_description": 1,
                                                           "document": 10, "link": 2, "quiz": 0},
                          documents=["d"] * 6, folders=4)
    assert report.content_line("fr") == ("annonces (2), descriptions (1), 6 fichiers de documents, 4 dossiers, "
                                         "liens (2)")
    assert report.content_line() == "2 announcement, 1 course_description, 6 document files, 4 folders, 2 link"
    assert BackupReport(Path("b.zip"), 1, "", "B", {}).content_line("fr") == "rien"
