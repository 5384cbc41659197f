"""The practice Chamilo's seed: users, courses and their content (docs/ARCHITECTURE.md).

Everything is deterministic: the same seed always gives the same bytes (``random.Random(key)``).
Passwords equal usernames (the practice site listens on the loopback only).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

SEED_VERSION = 4  # bump when the seed changes: a data dir seeded with another version is re-seeded

SEED_DATE = "2026-09-01 08:00:00"

# id, username, firstname, lastname, platform status (1 teacher, 5 student), platform admin, language
USERS: list[tuple[int, str, str, str, int, bool, str]] = [
    (1, "admin", "Ada", "Admin", 1, True, "english"),
    (2, "teacher", "Terry", "Teacher", 1, False, "english"),
    (3, "student", "Sam", "Student", 5, False, "english"),
    (4, "colleague", "Colin", "Colleague", 1, False, "english"),
]
_ETU_LASTNAMES = [
    "Arnaud", "Bernard", "Chevalier", "Dubois", "Étienne", "Fontaine", "Garnier", "Hébert",
    "Isnard", "Joly", "Klein", "Lefèvre", "Moreau", "Noël", "Olivier", "Perrin", "Quentin",
    "Roux", "Simon", "Thomas", "Urbain", "Vidal", "Weber", "Zimmermann",
]
for _i, _last in enumerate(_ETU_LASTNAMES, start=1):
    USERS.append((4 + _i, f"etu{_i:02d}", f"Étudiant{_i:02d}", _last, 5, False, "french"))


@dataclass
class Doc:
    path: str            # stored path under document/, with a leading "/" (cleaned name)
    title: str           # the title shown in the Documents tool (may keep accents and spaces)
    size: int = 0        # files only
    kind: str = "bin"    # "bin" (random bytes with a header), "text"
    text: str = ""

    @property
    def is_folder(self) -> bool:
        return self.kind == "folder"


def folder(path: str, title: str) -> Doc:
    return Doc(path=path, title=title, kind="folder")


@dataclass
class CourseSeed:
    code: str
    title: str
    language: str
    teachers: list[str]
    students: list[str]
    docs: list[Doc] = field(default_factory=list)
    links: list[tuple[str, str, str]] = field(default_factory=list)          # title, url, description
    announcements: list[tuple[str, str, str]] = field(default_factory=list)  # title, html, date
    descriptions: list[tuple[str, str, int]] = field(default_factory=list)   # title, html, type
    big: bool = False


COURSES: list[CourseSeed] = [
    CourseSeed(
        code="DEMO101", title="Demo course 101", language="english",
        teachers=["teacher"], students=["student"],
        docs=[
            folder("/Semaine-1", "Semaine 1"),
            Doc("/Semaine-1/cours.pdf", "cours.pdf", 300_000),
            folder("/Semaine-1/Annexes", "Annexes"),
            Doc("/Semaine-1/Annexes/annexe-A.pdf", "annexe A.pdf", 150_000),
            folder("/Semaine-2", "Semaine 2"),
            Doc("/Semaine-2/exercices.pdf", "exercices.pdf", 200_000),
            Doc("/Resume-ete.pdf", "Résumé été.pdf", 300_000),
            Doc("/notes.txt", "notes.txt", kind="text",
                text="Notes for DEMO101\n\nWeek 1: introduction.\nWeek 2: exercises.\n"),
            folder("/images", "images"),
            Doc("/images/schema.png", "schéma.png", 60_000),
        ],
        links=[
            ("Chamilo website", "https://chamilo.org/", "The Chamilo project"),
            ("LMS on Wikipedia", "https://en.wikipedia.org/wiki/Learning_management_system", ""),
        ],
        announcements=[
            ("Welcome to Demo course 101", "<p>Welcome! The first lesson is on Monday.</p>", "2026-09-01 09:00:00"),
            ("Exam dates", "<p>The exam takes place on 15 December.</p>", "2026-11-02 10:30:00"),
        ],
        descriptions=[("Description", "<p>An introductory demo course.</p>", 1)],
    ),
    CourseSeed(
        code="HIST2026", title="Histoire 2026", language="french",
        teachers=["teacher"], students=["student"] + [f"etu{i:02d}" for i in range(1, 25)],
        docs=[
            Doc("/notes.txt", "notes.txt", kind="text",
                text="Notes du cours HIST2026\n\nSemaine 1 : la Révolution.\nSemaine 2 : l'Empire.\n"),
            folder("/Semaine-1", "Semaine 1"),
            Doc("/Semaine-1/cours.pdf", "cours.pdf", 250_000),
            Doc("/Revolution-francaise.pdf", "Révolution française.pdf", 200_000),
            folder("/Cartes", "Cartes"),
            Doc("/Cartes/Europe-1815.png", "Europe 1815.png", 80_000),
        ],
        links=[("Gallica", "https://gallica.bnf.fr/", "Bibliothèque numérique de la BnF")],
        announcements=[
            ("Bienvenue en Histoire 2026", "<p>Bienvenue ! Premier cours lundi.</p>", "2026-09-01 09:15:00"),
        ],
        descriptions=[("Description", "<p>Histoire de France, 1789-1815.</p>", 1)],
    ),
    CourseSeed(
        code="BIG50", title="Big course", language="english",
        teachers=["teacher"], students=[],
        docs=[folder("/videos", "videos")]
        + [Doc(f"/videos/lecture-{i:02d}.mp4", f"lecture {i:02d}.mp4", 5 * 1024 * 1024) for i in range(1, 11)],
        big=True,
    ),
    CourseSeed(
        code="ADMIN1", title="Admin only", language="english",
        teachers=["admin"], students=[],
        docs=[Doc("/admin-notes.txt", "admin notes.txt", kind="text", text="Only the admin teaches here.\n")],
        announcements=[("Admin course", "<p>Nothing to see.</p>", "2026-09-01 08:30:00")],
    ),
]

def extra_courses(n: int) -> list[CourseSeed]:
    """``n`` more small courses for campaigns and benchmarks: FAC001, FAC002, … taught by teacher,
    English and French in turn, each with three learners (etu01… in turn), a folder and three small
    files, a link, an announcement and a description (a few tens of KB: a backup takes a moment)."""
    out: list[CourseSeed] = []
    for i in range(1, n + 1):
        code = f"FAC{i:03d}"
        french = i % 2 == 0
        students = [f"etu{(3 * (i - 1) + j) % 24 + 1:02d}" for j in range(3)]
        out.append(CourseSeed(
            code=code, title=(f"Cours de faculté {i:03d}" if french else f"Faculty course {i:03d}"),
            language="french" if french else "english", teachers=["teacher"], students=students,
            docs=[
                folder("/Cours", "Cours"),
                Doc("/Cours/chapitre-1.pdf", "chapitre 1.pdf", 24_000),
                Doc("/plan.pdf", "plan.pdf", 12_000),
                Doc("/notes.txt", "notes.txt", kind="text", text=f"Notes of {code}\n\nWeek 1.\n"),
            ],
            links=[("Chamilo website", "https://chamilo.org/", "")],
            announcements=[(f"Welcome to {code}", "<p>Welcome!</p>", "2026-09-01 09:00:00")],
            descriptions=[("Description", f"<p>Course {code}.</p>", 1)],
        ))
    return out


_HEADERS = {".pdf": b"%PDF-1.4\n", ".png": b"\x89PNG\r\n\x1a\n", ".mp4": b"\x00\x00\x00\x18ftypmp42"}


def doc_bytes(course_code: str, doc: Doc) -> bytes:
    """The deterministic content of a seeded file."""
    if doc.kind == "text":
        return doc.text.encode("utf-8")
    header = b""
    for ext, h in _HEADERS.items():
        if doc.path.endswith(ext):
            header = h
    rnd = random.Random(f"{course_code}:{doc.path}")
    return header + rnd.randbytes(doc.size - len(header))


def write_doc(course_code: str, doc: Doc, target) -> int:
    """Write a seeded file to ``target`` (a Path); returns its size (files are at most a few MB)."""
    data = doc_bytes(course_code, doc)
    target.write_bytes(data)
    return len(data)
