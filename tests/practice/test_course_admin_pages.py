"""The issue-4 pages of the practice Chamilo through Flask's test client (no browser): their effects
on the data, the settings they honour, the 1.11.32 quirks they keep."""
from __future__ import annotations

import re


def token_of(html: str) -> str:
    return re.search(r'name="sec_token"[^>]*value="([0-9a-f]+)"|value="([0-9a-f]+)"[^>]*name="sec_token"', html).group(1)


def test_recycle_needs_the_token_and_the_code(client, practice_server):
    c, st = client(), practice_server.state
    page = c.get("/main/coursecopy/recycle_course.php?cidReq=DEMO101").get_data(as_text=True)
    files = st.course_files("DEMO101")
    # no token: the form again, nothing deleted
    again = c.post("/main/coursecopy/recycle_course.php?cidReq=DEMO101",
                   data={"recycle_option": "full_backup", "course_code_confirmation": "DEMO101"}).get_data(as_text=True)
    assert 'name="recycle_course"' in again and st.course_files("DEMO101") == files
    token = token_of(again)
    wrong = c.post("/main/coursecopy/recycle_course.php?cidReq=DEMO101",
                   data={"recycle_option": "full_backup", "course_code_confirmation": "demo", "sec_token": token})
    assert "The course password is incorrect" in wrong.get_data(as_text=True) and st.course_files("DEMO101") == files
    token = token_of(c.get("/main/coursecopy/recycle_course.php?cidReq=DEMO101").get_data(as_text=True))
    done = c.post("/main/coursecopy/recycle_course.php?cidReq=DEMO101",
                  data={"recycle_option": "full_backup", "course_code_confirmation": "DEMO101", "sec_token": token})
    assert "Recycle is finished" in done.get_data(as_text=True)
    assert st.course_files("DEMO101") == {} and st.documents("DEMO101") == [] and st.links("DEMO101") == []
    assert st.course_users("DEMO101") and 'name="recycle_course"' in page


def test_recycle_selected_items_only(client, practice_server):
    c, st = client(), practice_server.state
    token = token_of(c.get("/main/coursecopy/recycle_course.php?cidReq=DEMO101").get_data(as_text=True))
    form = c.post("/main/coursecopy/recycle_course.php?cidReq=DEMO101",
                  data={"recycle_option": "select_items", "sec_token": token}).get_data(as_text=True)
    assert 'name="course_select_form"' in form and 'name="course" value="Tzo' in form  # base64 of O:…
    folder = next(d for d in st.documents("DEMO101") if d["path"] == "/Semaine-1")
    link = st.links("DEMO101")[0]
    done = c.post("/main/coursecopy/recycle_course.php?cidReq=DEMO101&id_session=0&gidReq=0&gradebook=0&origin=",
                  data={"action": "course_select_form", f"resource[document][{folder['iid']}]": "on",
                        f"resource[link][{link['iid']}]": "on", "sec_token": token_of(form)})
    assert "Recycle is finished" in done.get_data(as_text=True)
    files = st.course_files("DEMO101")
    assert not [p for p in files if p.startswith("Semaine-1/")] and "notes.txt" in files  # the folder took its files
    assert [lk["iid"] for lk in st.links("DEMO101") if lk["iid"] == link["iid"]] == [] and len(st.links("DEMO101")) == 1


def test_delete_course_checks_the_code_in_the_session_course(client, practice_server):
    c, st = client(), practice_server.state
    c.get("/main/course_info/delete_course.php?cidReq=DEMO101")
    assert c.get("/main/course_info/delete_course.php?course_code=HIST2026&yes=&_qf__delete=").status_code == 200
    assert st.course("DEMO101") and st.course("HIST2026")
    gone = c.get("/main/course_info/delete_course.php?course_code=DEMO101&yes=&_qf__delete=")
    assert gone.status_code == 302 and gone.headers["Location"] == "http://localhost/"  # the site root
    assert st.course("DEMO101") is None and "DEMO101 has been deleted" in c.get("/").get_data(as_text=True)


def test_infocours_saves_the_course_row(client, practice_server):
    c, st = client(), practice_server.state
    r = c.post("/main/course_info/infocours.php?cidReq=HIST2026",
               data={"title": "Histoire 2026 (archive)", "course_language": "french", "visibility": "0",
                     "subscribe": "0", "unsubscribe": "1", "submit_save": ""})
    assert r.status_code == 302 and "infocours.php?cidReq=HIST2026" in r.headers["Location"]
    course = st.course("HIST2026")
    assert (course["title"], course["visibility"], course["subscribe"], course["unsubscribe"]) == \
        ("Histoire 2026 (archive)", 0, 0, 1)
    page = c.get(r.headers["Location"]).get_data(as_text=True)
    assert "Mise à jour enregistrée" in page and 'name="visibility" value="0" type="radio"' in page


def test_user_list_paging_export_and_unsubscribe(client, practice_server):
    c, st = client(), practice_server.state
    page = c.get("/main/user/user.php?cidReq=HIST2026&type=5").get_data(as_text=True)
    assert page.count('name="user[]"') == 20 and "1 - 20 / 25" in page
    assert "type=5&amp;amp;student_list_column=3&amp;amp;student_list_page_nr=2" in page  # the 1.11.32 bug
    # the broken link shows page 1 again; the per-page choice stays in the session
    assert "1 - 20 / 25" in c.get("/main/user/user.php?type=5&amp;student_list_page_nr=2").get_data(as_text=True)
    assert "1 - 25 / 25" in c.get("/main/user/user.php?type=5&student_list_per_page=25").get_data(as_text=True)
    assert c.get("/main/user/user.php?cidReq=HIST2026&type=5").get_data(as_text=True).count('name="user[]"') == 25
    # the CSV export as captured (40f, §14.5): a BOM, ';', no e-mail unless show_email_addresses
    export = "/main/user/user.php?cidReq={}&action=export&format=csv&type=5"
    stock = c.get(export.format("DEMO101"))  # an English course (the headings follow the page's language)
    assert stock.headers["Content-Disposition"] == "attachment; filename= Learners-list.csv"
    csv_text = stock.get_data().decode("utf-8")
    assert csv_text.startswith('\ufeffid;"First name";"Last name";Username;Phone;Code;active\n')
    assert csv_text.endswith(";student;;;1\n") and "@" not in csv_text
    assert "@" not in c.get(export.format("HIST2026")).get_data(as_text=True)
    st.settings["show_email_addresses"] = "true"
    shown = c.get(export.format("HIST2026")).get_data().decode("utf-8")
    assert len(shown.strip().splitlines()) == 26 and ";etu01;etu01@practice.test;;;1\n" in shown
    ids = [str(u["id"]) for u in st.course_users("HIST2026")]
    r = c.post("/main/user/user.php?student_list_per_page=25&type=5",
               data={"user[]": ids, "action": "unsubscribe", "type": "5"})
    assert "Les utilisateurs sélectionnés ont été désinscrits de ce cours" in r.get_data(as_text=True)  # a French course
    assert [u["username"] for u in st.course_users("HIST2026")] == ["teacher"]  # never yourself


def test_subscribe_user_register_and_the_admin_only_setting(client, practice_server):
    c, st = client(), practice_server.state
    colleague = st.user_by_username("colleague")
    listed = c.get("/main/user/subscribe_user.php?cidReq=HIST2026&type=1").get_data(as_text=True)
    assert f"user_id={colleague['id']}" in listed and f"user_id={st.user_by_username('etu01')['id']}\"" not in listed
    r = c.get(f"/main/user/subscribe_user.php?cidReq=HIST2026&register=yes&type=1&user_id={colleague['id']}")
    assert r.status_code == 302 and "type=1" in r.headers["Location"]
    assert st.course_status(colleague["id"], "HIST2026") == 1
    st.settings["allow_user_course_subscription_by_course_admin"] = "false"
    assert "alert-danger" in c.get("/main/user/subscribe_user.php?cidReq=HIST2026&type=1").get_data(as_text=True)
    teachers = c.get("/main/user/user.php?cidReq=HIST2026&type=1").get_data(as_text=True)
    assert "unregister=yes" not in teachers and "data-action" not in teachers
    c.get(f"/main/user/user.php?cidReq=HIST2026&type=1&unregister=yes&user_id={colleague['id']}")
    assert st.course_status(colleague["id"], "HIST2026") == 1  # refused


def test_announcement_add_preview_and_list(client, practice_server):
    c, st = client(), practice_server.state
    form = c.get("/main/announcements/announcements.php?cidReq=DEMO101&action=add").get_data(as_text=True)
    preview = c.post("/main/inc/ajax/announcement.ajax.php?cidReq=DEMO101&a=preview").get_data(as_text=True)
    assert preview.startswith("Announcement will be sent to") and "Sam Student" in preview
    r = c.post("/main/announcements/announcements.php?action=add&id=0&cidReq=DEMO101",
               data={"title": "Bye", "content": "<p>See you</p>", "sec_token": token_of(form)})
    assert r.status_code == 302 and "action=list" in r.headers["Location"]
    assert st.announcements("DEMO101")[-1]["title"] == "Bye" and st.announcements("DEMO101")[-1]["email_sent"] == 0
    data = c.get("/main/inc/ajax/model.ajax.php?a=get_course_announcements&cidReq=DEMO101&rows=20&page=1").get_json()
    assert data["records"] == 3 and ">Bye<" in data["rows"][0]["cell"][0]
    assert re.match(r"[A-Z][a-z]+ \d{1,2}, \d{4} at \d{2}:\d{2} [AP]M$", data["rows"][0]["cell"][2])
    # without the token: not allowed, nothing added
    c.post("/main/announcements/announcements.php?action=add&id=0&cidReq=DEMO101", data={"title": "X", "content": "Y"})
    assert len(st.announcements("DEMO101")) == 3
    listed = c.get("/main/announcements/announcements.php?cidReq=DEMO101").get_data(as_text=True)
    assert 'id="announcements"' in listed and "get_course_announcements" in listed and "no-data-view" not in listed
    # no announcement (captures 53a, UI-REFERENCE §18): no grid, no script asking for the list
    c.get("/main/announcements/announcements.php?cidReq=DEMO101&action=delete_all")
    empty = c.get("/main/announcements/announcements.php?cidReq=DEMO101").get_data(as_text=True)
    assert 'id="no-data-view"' in empty and "action=add" in empty
    assert 'id="announcements"' not in empty and "get_course_announcements" not in empty
