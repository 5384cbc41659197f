"""What a Chamilo 1.11 backup holds, type by type, read from its decoded ``course_info.dat``.

The encoding of each type is described in ../shared/chamilo/samples/RICH-backup.md (a real backup
with a quiz, a forum, a learning path, a glossary, links and an announcement). The readers are
lenient with what they cannot use (a missing property gives an empty value) and strict nowhere
else: ``course_info.decode`` has already refused what is not a Chamilo course object.

``gaps()`` says what Chamilo's backup leaves out although the course had it — today the forum
replies: CourseBuilder exports only the first post of each thread (``ORDER BY post_id ASC LIMIT 1``),
while the thread row keeps its ``thread_replies`` count.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from .phpserial import PHPObject

# The types this module reads (the others are counted and named as "not shown yet").
KNOWN_TYPES = ("document", "announcement", "course_description", "Link_Category", "link", "quiz",
               "Exercise_Question", "Forum_Category", "forum", "thread", "post", "glossary", "learnpath")

# What a Chamilo backup never holds (CourseBuilder copies course content, not people's work).
NEVER_IN_A_BACKUP = ("users and their subscriptions", "quiz attempts and scores", "learning path progress",
                     "students' assignment files (work/ holds the folders only)", "forum notifications")


def text(value: Any) -> str:
    """A PHP value as text (None → "", bytes that were not UTF-8 → U+FFFD)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def number(value: Any, default: int = 0) -> int:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return default


def decimal(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def _list(value: Any) -> list[Any]:
    """A PHP list (an array with keys 0…n-1) as a Python list, in key order."""
    if isinstance(value, dict):
        return [value[k] for k in value]
    if isinstance(value, list):
        return value
    return []


def _row(item: PHPObject) -> PHPObject:
    """The table row a resource keeps in ``obj`` (forums, quizzes), or the resource itself."""
    obj = item.get("obj")
    return obj if isinstance(obj, PHPObject) else item


def _visible(item: PHPObject) -> bool | None:
    rows = _list(item.get("item_properties"))
    for row in rows:
        if isinstance(row, dict) and "visibility" in row:
            return number(row["visibility"], 1) == 1
    return None


@dataclass
class Document:
    id: int
    path: str  # as in the zip: "document/Semaine-1/plan.txt"
    file_type: str  # "file" | "folder"
    size: int
    title: str
    comment: str = ""
    visible: bool | None = None

    @property
    def is_folder(self) -> bool:
        return self.file_type == "folder"

    @property
    def course_path(self) -> str:
        """The path in the course's Documents tool: "/Semaine-1/plan.txt"."""
        return "/" + self.path.split("/", 1)[1] if "/" in self.path else "/"


@dataclass
class Announcement:
    id: int
    title: str
    content: str
    date: str
    attachment: str = ""


@dataclass
class Description:
    id: int
    title: str
    content: str
    kind: int


@dataclass
class LinkCategory:
    id: int
    title: str
    description: str


@dataclass
class Link:
    id: int
    title: str
    url: str
    description: str
    category_id: int
    target: str


@dataclass
class Answer:
    text: str
    correct: bool
    comment: str
    weight: float


@dataclass
class Question:
    id: int
    title: str
    description: str
    kind: int  # 1 unique answer, 2 multiple answer, …
    weight: float
    answers: list[Answer] = field(default_factory=list)


@dataclass
class Quiz:
    id: int
    title: str
    description: str
    question_ids: list[int] = field(default_factory=list)


@dataclass
class ForumPost:
    id: int
    thread_id: int
    title: str
    text: str
    date: str
    poster_id: int


@dataclass
class ForumThread:
    id: int
    forum_id: int
    title: str
    date: str
    replies: int  # what the thread row says (the first post not counted)


@dataclass
class Forum:
    id: int
    category_id: int
    title: str
    comment: str


@dataclass
class ForumCategory:
    id: int
    title: str
    comment: str


@dataclass
class GlossaryTerm:
    id: int
    name: str
    description: str


@dataclass
class LearnPathItem:
    title: str
    item_type: str
    path: str  # for a document item: the source id of the Document


@dataclass
class LearnPath:
    id: int
    name: str
    description: str
    items: list[LearnPathItem] = field(default_factory=list)


@dataclass
class Gap:
    """Something the course had that the backup does not hold (a warning: the zip is what Chamilo makes)."""

    kind: str
    count: int
    message: str
    threads: int = 0  # forum_replies: how many threads lost replies

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "count": self.count, "threads": self.threads, "message": self.message}

    def text(self, lang: str = "en") -> str:
        """The message in English or French."""
        if lang == "fr" and self.kind == "forum_replies":
            return (f"{self.count} réponse(s) de forum dans {self.threads} fil(s) de discussion ne sont pas dans "
                    "cette sauvegarde : Chamilo 1.11 n'exporte que le premier message de chaque fil")
        return self.message


@dataclass
class CourseContent:
    code: str
    title: str
    language: str
    backup_type: str  # "complete" | "partial"
    documents: list[Document] = field(default_factory=list)
    announcements: list[Announcement] = field(default_factory=list)
    descriptions: list[Description] = field(default_factory=list)
    link_categories: list[LinkCategory] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    quizzes: list[Quiz] = field(default_factory=list)
    questions: dict[int, Question] = field(default_factory=dict)
    forum_categories: list[ForumCategory] = field(default_factory=list)
    forums: list[Forum] = field(default_factory=list)
    threads: list[ForumThread] = field(default_factory=list)
    posts: list[ForumPost] = field(default_factory=list)
    glossary: list[GlossaryTerm] = field(default_factory=list)
    learnpaths: list[LearnPath] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # every resource type of the file (placeholders left out)
    not_shown: dict[str, int] = field(default_factory=dict)  # types this module does not read yet

    @property
    def files(self) -> list[Document]:
        return [d for d in self.documents if not d.is_folder]

    @property
    def folders(self) -> list[Document]:
        return [d for d in self.documents if d.is_folder]

    def gaps(self) -> list[Gap]:
        """What the course had and the backup does not hold (forum replies)."""
        exported: dict[int, int] = {}
        for post in self.posts:
            exported[post.thread_id] = exported.get(post.thread_id, 0) + 1
        missing, threads = 0, 0
        for thread in self.threads:
            lost = thread.replies + 1 - exported.get(thread.id, 0)  # replies + the first post
            if lost > 0:
                missing += lost
                threads += 1
        if not missing:
            return []
        replies = "reply" if missing == 1 else "replies"
        of = "thread" if threads == 1 else "threads"
        return [Gap("forum_replies", missing,
                    f"{missing} forum {replies} of {threads} {of} {'is' if missing == 1 else 'are'} not in this "
                    "backup: Chamilo 1.11 exports only the first post of each thread", threads)]


def _items(resources: dict, rtype: str) -> Iterator[tuple[int, PHPObject]]:
    """The real items of a type (the placeholders with a negative id left out), in the file's order."""
    items = resources.get(rtype)
    if not isinstance(items, dict):
        return
    for key, item in items.items():
        if isinstance(key, int) and key < 0:
            continue
        if isinstance(item, PHPObject):
            yield number(key), item


def read_content(course: PHPObject) -> CourseContent:
    """The typed content of a decoded Course object."""
    info = course.get("info") if isinstance(course.get("info"), dict) else {}
    res: dict = course.get("resources") or {}
    out = CourseContent(code=text(course.get("code") or info.get("code")), title=text(info.get("title")),
                        language=text(info.get("course_language") or info.get("language")),
                        backup_type=text(course.get("type")))
    for rtype, items in res.items():
        n = len([k for k in items if not (isinstance(k, int) and k < 0)]) if isinstance(items, dict) else 0
        out.counts[text(rtype)] = n
        if rtype not in KNOWN_TYPES and n:
            out.not_shown[text(rtype)] = n
    for i, d in _items(res, "document"):
        out.documents.append(Document(i, text(d.get("path")), text(d.get("file_type")) or "file",
                                      number(d.get("size")), text(d.get("title")), text(d.get("comment")),
                                      _visible(d)))
    for i, a in _items(res, "announcement"):
        out.announcements.append(Announcement(i, text(a.get("title")), text(a.get("content")), text(a.get("date")),
                                              text(a.get("attachment_filename"))))
    for i, d in _items(res, "course_description"):
        out.descriptions.append(Description(i, text(d.get("title")), text(d.get("content")),
                                            number(d.get("description_type"))))
    for i, c in _items(res, "Link_Category"):
        out.link_categories.append(LinkCategory(i, text(c.get("title")), text(c.get("description"))))
    for i, lk in _items(res, "link"):
        out.links.append(Link(i, text(lk.get("title")), text(lk.get("url")), text(lk.get("description")),
                              number(lk.get("category_id")), text(lk.get("target"))))
    for i, q in _items(res, "Exercise_Question"):
        answers = [Answer(text(a.get("answer")), number(a.get("correct")) > 0, text(a.get("comment")),
                          decimal(a.get("ponderation")))
                   for a in _list(q.get("answers")) if isinstance(a, dict)]
        out.questions[i] = Question(i, text(q.get("question")), text(q.get("description")), number(q.get("quiz_type")),
                                    decimal(q.get("ponderation")), answers)
    for i, q in _items(res, "quiz"):
        row = _row(q)
        out.quizzes.append(Quiz(i, text(row.get("title")), text(row.get("description")),
                                [number(x) for x in _list(row.get("question_ids"))]))
    for i, c in _items(res, "Forum_Category"):
        row = _row(c)
        out.forum_categories.append(ForumCategory(i, text(row.get("cat_title")), text(row.get("cat_comment"))))
    for i, f in _items(res, "forum"):
        row = _row(f)
        out.forums.append(Forum(i, number(row.get("forum_category")), text(row.get("forum_title")),
                                text(row.get("forum_comment"))))
    for i, t in _items(res, "thread"):
        row = _row(t)
        out.threads.append(ForumThread(i, number(row.get("forum_id")), text(row.get("thread_title")),
                                       text(row.get("thread_date")), number(row.get("thread_replies"))))
    for i, p in _items(res, "post"):
        row = _row(p)
        out.posts.append(ForumPost(i, number(row.get("thread_id")), text(row.get("post_title")),
                                   text(row.get("post_text")), text(row.get("post_date")), number(row.get("poster_id"))))
    for i, g in _items(res, "glossary"):
        out.glossary.append(GlossaryTerm(i, text(g.get("name")), text(g.get("description"))))
    for i, lp in _items(res, "learnpath"):
        items = [LearnPathItem(text(it.get("title")), text(it.get("item_type")), text(it.get("path")))
                 for it in _list(lp.get("items")) if isinstance(it, dict)]
        out.learnpaths.append(LearnPath(i, text(lp.get("name")), text(lp.get("description")), items))
    return out
