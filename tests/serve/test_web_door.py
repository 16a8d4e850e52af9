"""The browser door (``pathfinder serve web``) in Debian's headless Chromium, driven by Playwright."""

from __future__ import annotations

import http.client
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from ssh_helpers import HERE, wait_until
from web_helpers import WebServer, open_tab, open_tab_on, start_web_server

from pathfinder.plan.models import new_plan
from pathfinder.plan.store import plan_from_toml, plan_to_toml

pytestmark = pytest.mark.web


@pytest.fixture(scope="module")
def real_web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebServer]:
    server = start_web_server(tmp_path_factory.mktemp("web-real"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def standin_web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebServer]:
    server = start_web_server(
        tmp_path_factory.mktemp("web-standin"),
        app="standin_app:make_app",
        app_path=str(HERE),
        max_sessions=20,
        metrics="127.0.0.1:0",
    )
    yield server
    server.stop()


def palette(tab: Any, command: str) -> None:
    tab.page.focus(".xterm-helper-textarea")  # where the browser's terminal takes keys
    tab.page.keyboard.press("Control+p")
    tab.wait_for_text("Search for commands")
    tab.page.keyboard.type(command)
    tab.page.wait_for_timeout(300)
    tab.page.keyboard.press("Enter")


def test_welcome_keys_upload_and_download(real_web: WebServer, chromium: Any, tmp_path: Path) -> None:
    """The real app in the browser: the welcome screen, keys reach it, a plan uploaded from the visitor's
    computer comes back as a download through Textual's file delivery."""
    context = chromium.new_context(accept_downloads=True, viewport={"width": 1200, "height": 800})
    downloads: list[Any] = []
    context.on("page", lambda page: page.on("download", lambda download: downloads.append(download)))
    try:
        tab = open_tab(context, real_web.url)
        tab.wait_for_text("What would you like to do?")
        tab.page.wait_for_selector("body.-first-byte")  # the browser's terminal has drawn it
        palette(tab, "Download plan")
        tab.wait_for_text("Save it with ctrl+s first")  # nothing saved yet in this visit
        plan = new_plan(datetime(2026, 11, 25, 12, 0, tzinfo=UTC)).model_copy(
            update={"name": "From my laptop"}
        )
        upload = tmp_path / "mine.toml"
        upload.write_text(plan_to_toml(plan), encoding="utf-8")
        tab.page.set_input_files("#plan-tools input[type=file]", str(upload))
        tab.page.wait_for_function(
            "document.getElementById('upload-status').textContent.includes('Uploaded')"
        )
        assert "'from-my-laptop'" in tab.page.inner_text("#upload-status")
        palette(tab, "Download plan")
        wait_until(lambda: downloads or tab.page.wait_for_timeout(50), 20, "the download")
        saved = tmp_path / "downloaded.toml"
        downloads[0].save_as(saved)
        assert downloads[0].suggested_filename == "from-my-laptop.toml"
        assert plan_from_toml(saved.read_text(encoding="utf-8"), saved).name == "From my laptop"
        assert str(real_web.data_dir) not in tab.text()  # no server path on the visitor's screen
    finally:
        context.close()


def test_the_eleventh_session_from_one_address_is_refused(standin_web: WebServer, chromium: Any) -> None:
    context = chromium.new_context(viewport={"width": 1600, "height": 600})
    try:
        tabs = [open_tab(context, standin_web.url) for _ in range(10)]
        for tab in tabs:
            tab.wait_for_text("Stand-in demo")
        eleventh = context.new_page()
        response = eleventh.goto(standin_web.url)
        assert response is not None and response.status == 429
        assert "Too many sessions from your address (10)" in eleventh.inner_text("#refusal")
        port = int(re.search(r"Metrics on http://127\.0\.0\.1:(\d+)/", standin_web.log()).group(1))  # type: ignore[union-attr]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
            metrics = response.read().decode()
        assert 'pathfinder_sessions_active{door="web"} 10.0' in metrics
        assert 'pathfinder_refusals_total{door="web",reason="per_ip"} 1.0' in metrics
        apps = standin_web.app_pids()
        assert len(apps) == 10  # one process per tab, forked by the fork server, under the session limits
        for pid in apps:
            limits = Path(f"/proc/{pid}/limits").read_text()
            assert re.search(r"Max address space\s+1073741824\s+1073741824", limits)
            assert re.search(r"Max open files\s+256\s+256", limits)
        tabs[0].page.close()  # one leaves: the next visitor from that address gets in
        wait_until(lambda: standin_web.log().count('"end": "disconnected"') >= 1, 10, "the session to end")
        tab = open_tab(context, standin_web.url)
        tab.wait_for_text("Stand-in demo")
        # The app's whole environment, as the stand-in shows it (laid out at the page's width, one line).
        allowed = "COLUMNS HOME LANG PATH PATHFINDER_HOSTED ROWS TEXTUAL_COLOR_SYSTEM"
        allowed += " TEXTUAL_DRIVER TEXTUAL_FPS TMPDIR"
        tab.wait_for_text(f"env: {allowed} ")
    finally:
        context.close()


def test_a_hostile_upload_is_refused_without_growing_the_server(
    standin_web: WebServer, chromium: Any, tmp_path: Path
) -> None:
    """An 80 KB plan of 40,000 dotted keys (which once grew a parser to gigabytes) is checked in a
    limited child process, never in the web server: refused with a reason, and the server stays small."""
    bomb = tmp_path / "bomb.toml"
    bomb.write_bytes(("[" + ".".join(["a"] * 40000) + "]\nx=1\n").encode())
    context = chromium.new_context()
    try:
        tab = open_tab(context, standin_web.url)
        tab.wait_for_text("Stand-in demo")
        tab.page.set_input_files("#plan-tools input[type=file]", str(bomb))
        tab.page.wait_for_function(
            "document.getElementById('upload-status').textContent.includes('Not uploaded')", timeout=30000
        )
        assert "not imported" in tab.page.inner_text("#upload-status")
        status = Path(f"/proc/{standin_web.process.pid}/status").read_text()
        peak_kib = int(re.search(r"VmHWM:\s+(\d+)", status).group(1))  # type: ignore[union-attr]
        assert peak_kib < 200 * 1024
        assert not list((standin_web.data_dir / "web-sessions").glob("*/plans/*.toml"))
    finally:
        context.close()


def test_idle_sessions_end_and_the_password_is_required(tmp_path: Path, chromium: Any) -> None:
    password = tmp_path / "password"
    password.write_text("open sesame\n")
    server = start_web_server(tmp_path, app="standin_app:make_app", app_path=str(HERE), idle_timeout=2,
                              password_file=str(password))  # fmt: skip
    try:
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(server.url, timeout=5)
        assert refused.value.code == 401
        context = chromium.new_context(http_credentials={"username": "visitor", "password": "open sesame"})
        tab = open_tab(context, server.url)
        tab.wait_for_text("Stand-in demo")
        tab.page.wait_for_selector("body.-closed", timeout=10_000)  # "Session ended."
        wait_until(lambda: '"end": "idle timeout"' in server.log(), 5, "the idle timeout")
        context.close()
    finally:
        server.stop()


def page_from(server: WebServer, source: str, headers: dict[str, str]) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5, source_address=(source, 0))
    try:
        connection.request("GET", "/", headers=headers)
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


FORWARDED = {"X-Forwarded-For": "10.9.8.7, 198.51.100.20", "X-Forwarded-Proto": "https",
             "X-Forwarded-Host": "demo.example.org"}  # fmt: skip


def test_forwarded_headers_are_believed_from_the_trusted_proxy_only(tmp_path: Path) -> None:
    server = start_web_server(tmp_path, app="standin_app:make_app", app_path=str(HERE),
                              forwarded_from=["127.0.0.1"])  # fmt: skip
    try:
        status, page = page_from(server, "127.0.0.1", FORWARDED)
        assert status == 200 and 'data-session-websocket-url="wss://demo.example.org/ws?token=' in page
        status, page = page_from(server, "127.0.0.2", FORWARDED)  # not the proxy: headers ignored
        assert status == 200 and f'data-session-websocket-url="ws://127.0.0.1:{server.port}/ws?token=' in page
    finally:
        server.stop()


HAPROXY_TLS = """\
global
    maxconn 100
defaults
    mode http
    timeout connect 2s
    timeout client 1h
    timeout server 1h
    timeout tunnel 1h
frontend pathfinder_https
    bind 127.0.0.1:{front} ssl crt {pem}
    option forwardfor
    http-request set-header X-Forwarded-Proto https
    http-request set-header X-Forwarded-Host %[req.hdr(host)]
    default_backend pathfinder_web
backend pathfinder_web
    server web 127.0.0.1:{port}
"""


def test_behind_a_tls_reverse_proxy_the_page_talks_wss(tmp_path: Path, chromium: Any) -> None:
    """HAProxy terminates TLS in front of the door; Chromium opens https:// and the app runs over wss://."""
    if shutil.which("haproxy") is None or shutil.which("openssl") is None:
        pytest.skip("haproxy and openssl are needed (.ci/run installs haproxy)")
    server = start_web_server(tmp_path, app="standin_app:make_app", app_path=str(HERE),
                              forwarded_from=["127.0.0.1"])  # fmt: skip
    key, cert, pem = tmp_path / "key.pem", tmp_path / "cert.pem", tmp_path / "demo.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
                    "-days", "1", "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True,
                   timeout=30)  # fmt: skip
    pem.write_bytes(cert.read_bytes() + key.read_bytes())
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        front = probe.getsockname()[1]
    config = tmp_path / "haproxy.cfg"
    config.write_text(HAPROXY_TLS.format(front=front, pem=pem, port=server.port))
    haproxy = subprocess.Popen(["haproxy", "-db", "-f", str(config)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)  # fmt: skip
    context = chromium.new_context(ignore_https_errors=True)
    sockets: list[str] = []
    try:

        def listening() -> bool:
            with socket.socket() as sock:
                return sock.connect_ex(("127.0.0.1", front)) == 0

        wait_until(listening, 10, "haproxy to listen")
        page = context.new_page()
        page.on("websocket", lambda websocket: sockets.append(websocket.url))
        tab = open_tab_on(page, f"https://127.0.0.1:{front}/")
        tab.wait_for_text("Stand-in demo")
        assert sockets and sockets[0].startswith(f"wss://127.0.0.1:{front}/ws?token=")
    finally:
        context.close()
        haproxy.terminate()
        haproxy.wait(5)
        server.stop()


@pytest.mark.skipif(os.geteuid() != 0, reason="dropping privileges needs root")
def test_browser_visitors_apps_run_as_the_configured_user(chromium: Any) -> None:
    """With ``user = "nobody"`` a browser visitor's app runs as nobody, with no supplementary groups,
    and what it saves in the visit's folder is nobody's."""
    nobody = pwd.getpwnam("nobody")
    base = Path(tempfile.mkdtemp(prefix="pf-web-user-"))  # pytest's tmp dirs are 0700 up the tree
    base.chmod(0o755)
    server = start_web_server(base, app="standin_app:make_app", app_path=str(HERE), user="nobody")
    context = chromium.new_context()
    try:
        tab = open_tab(context, server.url)
        tab.wait_for_text("Stand-in demo")
        (pid,) = server.app_pids()
        status = Path(f"/proc/{pid}/status").read_text()
        uids = next(line for line in status.splitlines() if line.startswith("Uid:")).split()[1:]
        groups = next(line for line in status.splitlines() if line.startswith("Groups:")).split()[1:]
        assert set(uids) == {str(nobody.pw_uid)} and groups == []
        tab.page.focus(".xterm-helper-textarea")
        tab.page.keyboard.type("kept")
        tab.page.keyboard.press("Enter")  # the stand-in saves a plan named after what was typed
        tab.wait_for_text("saved kept")
        (plan,) = (server.data_dir / "web-sessions").glob("*/plans/kept.toml")
        assert plan.stat().st_uid == nobody.pw_uid
    finally:
        context.close()
        server.stop()
        shutil.rmtree(base, ignore_errors=True)


def test_browser_visitors_get_apps_drawn_ahead(chromium: Any) -> None:
    """The browser door's spares draw the welcome screen before anyone comes; a visitor's page gets one,
    drawn in full at the page's size, with the browser's own palette command, keys work, and (as root)
    the app runs as the configured user from the moment it is the visitor's."""
    as_root = os.geteuid() == 0
    base = Path(tempfile.mkdtemp(prefix="pf-web-spares-"))  # pytest's tmp dirs are 0700 up the tree
    base.chmod(0o755)
    settings: dict[str, object] = {"spares": 2, "max_sessions": 4}
    if as_root:
        settings["user"] = "nobody"
    server = start_web_server(base, **settings)
    context = chromium.new_context(viewport={"width": 1800, "height": 900})
    try:
        wait_until(lambda: "2 apps started ahead of visitors are ready" in server.log(), 60, "two spares")
        spares = set(server.spare_pids())
        assert len(spares) == 2 and not server.app_pids()
        tab = open_tab(context, server.url)
        tab.wait_for_text("What would you like to do?")
        tab.wait_for_text("plans are kept only for this visit")
        tab.page.wait_for_selector("body.-first-byte")
        (app,) = server.app_pids()
        assert app in spares  # a spare became the visitor's app: nothing forked on their time
        if as_root:
            status = Path(f"/proc/{app}/status").read_text()
            uids = next(line for line in status.splitlines() if line.startswith("Uid:")).split()[1:]
            assert set(uids) == {str(pwd.getpwnam("nobody").pw_uid)}
        palette(tab, "Download plan")  # keys reach it, and the browser's command was added on arrival
        tab.wait_for_text("Save it with ctrl+s first")
        moves = re.findall(rb"\x1b\[\d+;(\d+)H", b"".join(tab.received))
        assert max(int(column) for column in moves) > 81  # laid out anew at the page's width, not 80
    finally:
        context.close()
        server.stop()
        shutil.rmtree(base, ignore_errors=True)
