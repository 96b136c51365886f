"""Analyst accounts, sessions, CSRF and --private: reading is public, writing needs an analyst."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from test_web_support import PASSWORD, client_for, csrf_of, make_ledger, sign_in

from dateline.cli import main
from dateline.store.accounts import audit_entries, authenticate
from dateline.store.db import Store


@pytest.fixture()
def ledger(tmp_path: Path) -> Path:
    return make_ledger(tmp_path / "ledger.db")


def test_user_add_stores_an_argon2id_hash_and_refuses_bad_input(tmp_path: Path) -> None:
    db = str(tmp_path / "users.db")
    runner = CliRunner()
    result = runner.invoke(main, ["--db", db, "user", "add", "bob"], input="long enough pw\nlong enough pw\n")
    assert result.exit_code == 0, result.output
    stored = Store(db).connection.execute("SELECT password_hash FROM analysts WHERE name = 'bob'").fetchone()[0]
    assert stored.startswith("$argon2id$") and "long enough pw" not in stored
    assert authenticate(Store(db).connection, "bob", "long enough pw") is not None
    assert authenticate(Store(db).connection, "bob", "wrong password!") is None
    again = runner.invoke(main, ["--db", db, "user", "add", "bob", "--password", "another long one"])
    assert again.exit_code != 0 and "already" in again.output
    short = runner.invoke(main, ["--db", db, "user", "add", "carol", "--password", "short"])
    assert short.exit_code != 0 and "at least 10" in short.output
    listed = runner.invoke(main, ["--db", db, "user", "list"])
    assert "bob" in listed.output and "carol" not in listed.output


def test_sign_in_sets_a_httponly_samesite_session_cookie(ledger: Path) -> None:
    client = client_for(ledger)
    token = csrf_of(client)
    response = client.post("/login", data={"name": "alice", "password": PASSWORD, "csrf_token": token,
                                           "next": "/review"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/review"
    cookies = response.headers.get_list("set-cookie")
    session = next(c for c in cookies if c.startswith("dateline_session="))
    assert "HttpOnly" in session and "SameSite=lax" in session
    assert client.get("/review").status_code == 200
    assert "Signed in as" in client.get("/").text


def test_a_wrong_password_is_refused_and_logged(ledger: Path) -> None:
    client = client_for(ledger)
    token = csrf_of(client)
    response = client.post("/login", data={"name": "alice", "password": "not the password", "csrf_token": token})
    assert response.status_code == 400
    assert "dateline_session" not in response.headers.get("set-cookie", "")
    entries = audit_entries(Store(ledger).connection)
    assert entries[0]["action"] == "session.login_failed" and entries[0]["target"] == "alice"


def test_sign_out_ends_the_session_on_the_server(ledger: Path) -> None:
    client = client_for(ledger)
    sign_in(client)
    stolen = client.cookies.get("dateline_session")
    token = csrf_of(client, "/")
    assert client.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    other = client_for(ledger)
    other.cookies.set("dateline_session", stolen or "")
    assert other.get("/review", follow_redirects=False).status_code == 303  # the old token is dead


def test_forms_without_the_csrf_token_are_refused(ledger: Path) -> None:
    client = client_for(ledger)
    sign_in(client)
    missing = client.post("/review/ev-asad", data={"decision": "confirm"})
    assert missing.status_code == 403
    forged = client.post("/review/ev-asad", data={"decision": "confirm", "csrf_token": "guessed"})
    assert forged.status_code == 403
    login = client_for(ledger).post("/login", data={"name": "alice", "password": PASSWORD})
    assert login.status_code == 403
    assert Store(ledger).connection.execute("SELECT count(*) FROM reviews").fetchone()[0] == 0


def test_writes_need_a_signed_in_analyst(ledger: Path) -> None:
    client = client_for(ledger)
    token = csrf_of(client)
    response = client.post("/review/ev-asad", data={"decision": "reject", "reason": "x", "csrf_token": token},
                           follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login?next=")
    assert client.get("/review", follow_redirects=False).status_code == 303
    assert Store(ledger).connection.execute("SELECT count(*) FROM reviews").fetchone()[0] == 0


def test_reading_is_public_unless_private(ledger: Path) -> None:
    assert client_for(ledger).get("/events").status_code == 200
    private = client_for(ledger, private=True)
    page = private.get("/events?country=Iraq", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login?next=%2Fevents%3Fcountry%3DIraq"
    assert private.get("/api/events").status_code == 401
    assert private.get("/export/csv", follow_redirects=False).status_code == 303
    assert private.get("/login").status_code == 200
    sign_in(private)
    assert private.get("/events").status_code == 200
    assert private.get("/api/events").status_code == 200


def test_sign_in_never_redirects_to_another_site(ledger: Path) -> None:
    client = client_for(ledger)
    token = csrf_of(client)
    response = client.post("/login", data={"name": "alice", "password": PASSWORD, "csrf_token": token,
                                           "next": "//evil.example/steal"}, follow_redirects=False)
    assert response.headers["location"] == "/"
