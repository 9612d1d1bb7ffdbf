"""End-to-end fixtures: real `walletdesk serve` processes on loopback ports, on SQLite and (when configured) PostgreSQL.

Every test module gets its own database: a temporary data directory for SQLite, a fresh `wd_e2e_<random>` database for
PostgreSQL (created and dropped through `psql` with the admin URL in `WALLETDESK_TEST_PG_ADMIN_URL`). Servers are stopped
with SIGTERM at the end of the module, and must exit 0 within 10 s; any process a test leaves behind is killed.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

BINARY = os.environ.get("WALLETDESK_BIN", "/work/main/.build/debug/walletdesk")
PG_ADMIN_URL = os.environ.get("WALLETDESK_TEST_PG_ADMIN_URL", "")
READY_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0
SETUP_CODE = re.compile(r"one-time code ([A-Z0-9]{5}-[A-Z0-9]{5})")
NO_PG_REASON = "PostgreSQL not configured: set WALLETDESK_TEST_PG_ADMIN_URL (e.g. postgres://postgres@127.0.0.1:55432/postgres)"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def psql(admin_url: str, sql: str) -> None:
    subprocess.run(["psql", admin_url, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql], check=True, capture_output=True, timeout=60)


@dataclass
class Backend:
    """One database: where a server keeps its data. Several servers may share one (restarts, two nodes)."""

    kind: str  # "sqlite" or "postgres"
    location: str  # data directory or postgres:// URL

    @property
    def args(self) -> list[str]:
        return ["--data-dir", self.location] if self.kind == "sqlite" else ["--database", self.location]

    def execute(self, sql: str) -> None:
        """Runs one statement directly on the database (only with values the test made itself)."""
        if self.kind == "sqlite":
            import sqlite3

            with sqlite3.connect(os.path.join(self.location, "walletdesk.sqlite"), timeout=10) as connection:
                connection.execute(sql)
        else:
            psql(self.location, sql)


class BackendFactory:
    """Makes fresh databases of one kind and removes them all at the end."""

    def __init__(self, kind: str, tmp_root: Path):
        self.kind = kind
        self.tmp_root = tmp_root
        self.made: list[Backend] = []

    def __call__(self) -> Backend:
        if self.kind == "sqlite":
            backend = Backend("sqlite", tempfile.mkdtemp(prefix="wd-e2e-", dir=self.tmp_root))
        else:
            name = f"wd_e2e_{secrets.token_hex(6)}"
            psql(PG_ADMIN_URL, f"CREATE DATABASE {name}")
            parts = urllib.parse.urlsplit(PG_ADMIN_URL)
            backend = Backend("postgres", urllib.parse.urlunsplit(parts._replace(path="/" + name)))
        self.made.append(backend)
        return backend

    def cleanup(self) -> None:
        for backend in self.made:
            if backend.kind == "sqlite":
                shutil.rmtree(backend.location, ignore_errors=True)
            else:
                name = urllib.parse.urlsplit(backend.location).path.lstrip("/")
                psql(PG_ADMIN_URL, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@dataclass
class Node:
    """A running `walletdesk serve` process."""

    backend: Backend
    port: int
    process: subprocess.Popen
    stdout_path: Path
    stderr_path: Path
    token: str = ""
    setup_code: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stdout(self) -> str:
        return self.stdout_path.read_text(errors="replace")

    def log_tail(self, lines: int = 40) -> str:
        text = self.stderr_path.read_text(errors="replace").splitlines()[-lines:]
        return "\n".join(text)

    def alive(self) -> bool:
        return self.process.poll() is None

    def wait_ready(self, expect_setup_code: bool) -> None:
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if not self.alive():
                raise RuntimeError(f"walletdesk exited with {self.process.returncode} before it was ready:\n{self.stdout()}\n{self.log_tail()}")
            try:
                if requests.get(f"{self.base_url}/readyz", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            time.sleep(0.1)
        else:
            raise RuntimeError(f"walletdesk not ready within {READY_TIMEOUT} s:\n{self.log_tail()}")
        if not expect_setup_code:
            return
        # The banner with the code is written as the listener comes up; give stdout a moment to flush.
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            match = SETUP_CODE.search(self.stdout())
            if match:
                self.setup_code = match.group(1)
                return
            time.sleep(0.05)
        raise RuntimeError(f"no setup code on stdout:\n{self.stdout()}")

    def complete_setup(self) -> dict:
        assert self.setup_code, "this node printed no setup code"
        response = requests.post(
            f"{self.base_url}/api/v1/setup", json={"code": self.setup_code, "name": "E2E Admin", "email": "admin@e2e.example.com"}, timeout=10
        )
        assert response.status_code == 201, response.text
        body = response.json()
        self.token = body["token"]
        return body

    def terminate(self) -> int:
        """SIGTERM and wait; returns the exit code, or raises when the process does not stop in time."""
        if self.alive():
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
            raise AssertionError(f"walletdesk did not stop within {STOP_TIMEOUT} s of SIGTERM:\n{self.log_tail()}")

    def kill9(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)


class Launcher:
    """Starts server processes and makes sure none outlives the module."""

    def __init__(self, log_dir: Path):
        self.log_dir = log_dir
        self.nodes: list[Node] = []

    def start(self, backend: Backend, env: dict[str, str] | None = None, expect_setup_code: bool = True) -> Node:
        if not os.path.exists(BINARY):
            pytest.fail(f"walletdesk binary not found at {BINARY}: build it with `swift build --product walletdesk` or set WALLETDESK_BIN")
        last_error: Exception | None = None
        for _ in range(3):  # a port picked as free can be taken before the server binds it
            port = free_port()
            index = len(self.nodes)
            stdout_path = self.log_dir / f"node{index}-{port}.out"
            stderr_path = self.log_dir / f"node{index}-{port}.err"
            process_env = {k: v for k, v in os.environ.items() if not k.startswith("WALLETDESK_")}
            process_env.update(env or {})
            with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
                process = subprocess.Popen(
                    [BINARY, "serve", "--hostname", "127.0.0.1", "--port", str(port), "--log-level", "warning", *backend.args],
                    stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=process_env,
                )
            node = Node(backend, port, process, stdout_path, stderr_path)
            self.nodes.append(node)
            try:
                node.wait_ready(expect_setup_code)
                return node
            except RuntimeError as error:
                last_error = error
                if node.alive():
                    node.process.kill()
                    node.process.wait(timeout=5)
        raise RuntimeError(f"could not start walletdesk: {last_error}")

    def cleanup(self) -> None:
        for node in self.nodes:
            if node.alive():
                node.process.kill()
                node.process.wait(timeout=5)


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def backend_kind(request) -> str:
    if request.param == "postgres" and not PG_ADMIN_URL:
        pytest.skip(NO_PG_REASON)
    return request.param


@pytest.fixture(scope="module")
def make_backend(backend_kind, tmp_path_factory):
    factory = BackendFactory(backend_kind, tmp_path_factory.mktemp("data"))
    yield factory
    factory.cleanup()


@pytest.fixture(scope="module")
def launcher(tmp_path_factory):
    launcher = Launcher(tmp_path_factory.mktemp("logs"))
    yield launcher
    launcher.cleanup()


@pytest.fixture(scope="module")
def server(make_backend, launcher) -> Node:
    """A set-up server on a fresh database, stopped gracefully (exit 0) at the end of the module."""
    # The lowest bcrypt cost: the fuzzer signs in with random passwords, and the production cost is for production.
    node = launcher.start(make_backend(), env={"WALLETDESK_BCRYPT_COST": "4"})
    node.complete_setup()
    yield node
    assert node.terminate() == 0, f"walletdesk exited non-zero after SIGTERM:\n{node.log_tail()}"


class ServerError(AssertionError):
    pass


class Api:
    """A small client that checks every exchange: never a 5xx, and (when a spec is given) request and response match it."""

    def __init__(self, base_url: str, token: str | None, openapi=None, language: str = "en"):
        self.base_url = base_url
        self.token = token
        self.openapi = openapi
        self.language = language
        self.session = requests.Session()
        self.exchanges = 0

    def with_token(self, token: str | None) -> "Api":
        return Api(self.base_url, token, self.openapi, self.language)

    def request(self, method: str, path: str, *, json_body=None, data=None, headers=None, params=None,
                validate_request: bool = True, expect: int | None = None, language: str | None = None) -> requests.Response:
        all_headers = {"Accept-Language": language or self.language}
        if self.token:
            all_headers["Authorization"] = f"Bearer {self.token}"
        if json_body is not None:
            data = json.dumps(json_body, ensure_ascii=False).encode()
            all_headers["Content-Type"] = "application/json"
        all_headers.update(headers or {})
        request = requests.Request(method, self.base_url + path, data=data, headers=all_headers, params=params)
        prepared = self.session.prepare_request(request)
        response = self.session.send(prepared, timeout=30)
        self.exchanges += 1
        if response.status_code >= 500:
            raise ServerError(f"{method} {path} answered {response.status_code}: {response.text[:2000]}")
        if self.openapi is not None:
            self.openapi.check(prepared, response, validate_request=validate_request)
        if expect is not None:
            assert response.status_code == expect, f"{method} {path}: expected {expect}, got {response.status_code}: {response.text[:2000]}"
        return response

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, json_body=body, **kw)

    def patch(self, path, body=None, **kw):
        return self.request("PATCH", path, json_body=body, **kw)


class OpenAPIChecker:
    """openapi-core request and response validation against the document the server itself serves."""

    def __init__(self, spec: dict, base_url: str):
        from openapi_core import OpenAPI
        from openapi_core import Config

        spec = json.loads(json.dumps(spec))
        spec["servers"] = [{"url": base_url}]
        # openapi-core knows application/json only; problem details are JSON too.
        config = Config(extra_media_type_deserializers={"application/problem+json": json.loads})
        self.openapi = OpenAPI.from_dict(spec, config=config)
        self.checked = 0

    def check(self, prepared: requests.PreparedRequest, response: requests.Response, validate_request: bool = True) -> None:
        from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse

        openapi_request = RequestsOpenAPIRequest(prepared)
        if validate_request:
            try:
                self.openapi.validate_request(openapi_request)
            except Exception as error:  # noqa: BLE001 - report every kind of validation failure the same way
                raise AssertionError(f"request {prepared.method} {prepared.url} does not match the OpenAPI document: {describe(error)}") from error
        try:
            self.openapi.validate_response(openapi_request, RequestsOpenAPIResponse(response))
        except Exception as error:  # noqa: BLE001
            raise AssertionError(
                f"response {response.status_code} to {prepared.method} {prepared.url} does not match the OpenAPI document: "
                f"{describe(error)}\nbody: {response.text[:2000]}\nheaders: {dict(response.headers)}"
            ) from error
        self.checked += 1


def describe(error: BaseException) -> str:
    parts = [repr(error)]
    for attr in ("schema_errors", "errors"):
        for inner in getattr(error, attr, None) or []:
            parts.append(describe(inner))
    if error.__cause__ is not None:
        parts.append("caused by " + describe(error.__cause__))
    return "; ".join(parts)


@pytest.fixture(scope="module")
def openapi_spec(server) -> dict:
    response = requests.get(f"{server.base_url}/api/v1/openapi.json", timeout=10)
    assert response.status_code == 200
    return response.json()


@pytest.fixture(scope="module")
def api(server, openapi_spec) -> Api:
    """An admin client whose every exchange is validated against the served OpenAPI document."""
    return Api(server.base_url, server.token, OpenAPIChecker(openapi_spec, server.base_url))


@pytest.fixture(scope="module")
def client_for(openapi_spec):
    """Makes a validating admin client for another node (same document, that node's URL and token)."""
    return lambda node: Api(node.base_url, node.token, OpenAPIChecker(openapi_spec, node.base_url))
