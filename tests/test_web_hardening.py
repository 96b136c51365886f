"""Web security and robustness (issue 12, defects 11, 12, 14): numbers too large for SQLite, sign-in
throttling with argon2 off the event loop, --private over the OpenAPI document and static
files, CSRF rotation at sign-in, no-store, Permissions-Policy, CSP, trusted hosts."""
from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from test_web_support import PASSWORD, client_for, csrf_of, make_ledger, sign_in

from dateline.serve.app import create_app
from dateline.serve.hardening import allowed_hosts_for
from dateline.serve.throttle import FREE_FAILURES, LoginThrottle, Throttled


@pytest.fixture()
def ledger(tmp_path: Path) -> Path:
    return make_ledger(tmp_path / "ledger.db")


# -- 11 -------------------------------------------------------------------------------------------
HUGE = "100000000000000000000"


@pytest.mark.parametrize(("path", "status"), [(f"/api/articles?offset={HUGE}", 400), (f"/review?page={HUGE}", 400),
                                              (f"/moderation?page={HUGE}", 400), (f"/articles?page={HUGE}", 200),
                                              (f"/events?page={HUGE}", 200)])
def test_huge_numbers_are_a_bad_request_not_a_crash(ledger: Path, path: str, status: int) -> None:
    client = client_for(ledger)
    sign_in(client)
    response = client.get(path)
    assert response.status_code == status, response.text
    if status == 400:
        assert "a number in the request is too large" in response.text


# -- 12 -------------------------------------------------------------------------------------------
def _try(client: TestClient, password: str, name: str = "alice") -> int:
    token = csrf_of(client)
    return client.post("/login", data={"name": name, "password": password, "csrf_token": token},
                       follow_redirects=False).status_code


def test_wrong_passwords_are_throttled_and_then_even_the_right_one_waits(ledger: Path) -> None:
    client = client_for(ledger)
    statuses = [_try(client, f"guess number {n}") for n in range(FREE_FAILURES)]
    assert statuses == [400] * FREE_FAILURES
    refused = client.post("/login", data={"name": "alice", "password": PASSWORD, "csrf_token": csrf_of(client)},
                          follow_redirects=False)
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) >= 1
    assert "Too many failed sign-ins" in refused.text
    # Basic auth on the API is throttled the same way.
    api = client.post("/api/articles", json={"text": "x"}, auth=("alice", PASSWORD))
    assert api.status_code == 429


def test_throttle_backs_off_per_account_and_per_address() -> None:
    now = [1000.0]
    throttle = LoginThrottle(clock=lambda: now[0])
    for _ in range(FREE_FAILURES):
        throttle.check("alice", "10.0.0.1")
        throttle.failed("alice", "10.0.0.1")
    with pytest.raises(Throttled) as first:
        throttle.check("alice", "10.0.0.9")  # the account, from another address
    with pytest.raises(Throttled):
        throttle.check("bob", "10.0.0.1")  # the address, for another account
    throttle.check("bob", "10.0.0.9")
    now[0] += first.value.retry_after + 0.01
    throttle.check("alice", "10.0.0.9")
    throttle.failed("alice", "10.0.0.9")
    with pytest.raises(Throttled) as second:
        throttle.check("alice", "10.0.0.9")
    assert second.value.retry_after == pytest.approx(2 * first.value.retry_after, rel=0.01)
    throttle.succeeded("alice")
    throttle.check("alice", "10.0.0.9")


def test_password_checks_do_not_block_reads(ledger: Path) -> None:
    """While sign-ins are hashed in worker threads, the event loop keeps serving reads."""
    from dateline.serve import throttle

    client = client_for(ledger)
    token = csrf_of(client)
    started = threading.Event()

    def slow_check(function):  # type: ignore[no-untyped-def]
        started.set()
        time.sleep(1.5)
        return function()

    original = throttle.hashed
    throttle.hashed = slow_check
    try:
        worker = threading.Thread(target=lambda: client.post("/login", data={
            "name": "alice", "password": PASSWORD, "csrf_token": token}, follow_redirects=False))
        worker.start()
        assert started.wait(10)
        began = time.monotonic()
        assert client.get("/api/session").status_code == 200
        answered = time.monotonic() - began
        worker.join()
    finally:
        throttle.hashed = original
    assert answered < 1.0, "a read waited for a password check"


# -- 14 -------------------------------------------------------------------------------------------
def test_private_covers_openapi_and_static_but_not_the_sign_in_page(ledger: Path) -> None:
    client = client_for(ledger, private=True)
    assert client.get("/api/openapi.json").status_code == 401
    assert client.get("/static/map.js", follow_redirects=False).status_code == 303
    assert client.get("/static/vendor/leaflet/leaflet.js", follow_redirects=False).status_code == 303
    assert client.get("/login").status_code == 200
    assert client.get("/static/dateline.css").status_code == 200
    sign_in(client)
    assert client.get("/api/openapi.json").status_code == 200
    assert client.get("/static/map.js").status_code == 200


def test_the_csrf_token_changes_at_sign_in(ledger: Path) -> None:
    client = client_for(ledger)
    before = csrf_of(client)
    sign_in(client)
    after = client.cookies.get("dateline_csrf")
    assert after and after != before
    assert csrf_of(client, "/review") == after


def test_headers_no_store_permissions_policy_and_csp(ledger: Path) -> None:
    client = client_for(ledger)
    public = client.get("/")
    assert "no-store" not in public.headers.get("cache-control", "")
    assert "geolocation=()" in public.headers["permissions-policy"]
    csp = public.headers["content-security-policy"]
    assert "unsafe-inline" not in csp and "style-src 'self'" in csp
    assert 'style="' not in public.text and 'style="' not in client.get("/map").text
    assert client.get("/api/session").headers["cache-control"] == "no-store"
    sign_in(client)
    assert client.get("/").headers["cache-control"] == "no-store"
    assert client.get("/review").headers["cache-control"] == "no-store"


def test_type_colours_have_css_classes() -> None:
    from dateline.serve.site import OTHER_COLOUR, TYPE_COLOURS

    css = (Path(__file__).resolve().parents[1] / "dateline" / "serve" / "static" / "dateline.css").read_text()
    for colour in [*TYPE_COLOURS.values(), OTHER_COLOUR]:
        assert re.search(rf"\.c-{colour[1:]} {{ --c: {colour}; }}", css), colour


def test_a_trailing_slash_redirect_stays_on_this_site(ledger: Path) -> None:
    client = client_for(ledger)
    response = client.get("/review/?status=confirmed", headers={"host": "evil.example"}, follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == "/review?status=confirmed"


def test_trusted_hosts_refuse_a_forged_host(ledger: Path) -> None:
    client = TestClient(create_app(str(ledger), allowed_hosts=allowed_hosts_for("127.0.0.1")),
                        base_url="http://127.0.0.1")
    assert client.get("/").status_code == 200
    assert client.get("/review/", headers={"host": "evil.example"}, follow_redirects=False).status_code == 400
    assert allowed_hosts_for("0.0.0.0") is None
    assert allowed_hosts_for("0.0.0.0", ["ledger.example.org"]) == ["ledger.example.org"]


def test_server_processes_share_the_count_of_failed_sign_ins(tmp_path: Path) -> None:
    # `serve --workers 2` runs two processes on one database: each must see the other's failures.
    from dateline.serve.site import Site

    first, second = Site(str(tmp_path / "shared.db")), Site(str(tmp_path / "shared.db"))
    for _ in range(FREE_FAILURES):
        first.throttle.check("alice", "10.0.0.1")
        first.throttle.failed("alice", "10.0.0.1")
    with pytest.raises(Throttled):
        second.throttle.check("alice", "10.0.0.2")
    with pytest.raises(Throttled):
        second.throttle.check("bob", "10.0.0.1")
    second.throttle.succeeded("alice")
    first.throttle.check("alice", "10.0.0.2")
