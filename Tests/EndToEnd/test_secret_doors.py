"""Secrets never land anywhere: a recovery phrase with a real checksum and a private key are planted through every door
the API has, then the database files (SQLite db/-wal/-shm; the PostgreSQL data directory after CHECKPOINT, and its
server log) and the WalletDesk logs are searched byte by byte: the phrase as UTF-8, the key in hex (both cases) and WIF,
and the phrase's words in order with anything short between them. Nothing may be found.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import subprocess
from pathlib import Path

import pytest
import requests

from conftest import PG_ADMIN_URL

WORDLIST = Path(__file__).resolve().parents[2] / "Sources/DeskCore/Safety/Wordlists/english.txt"
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def new_mnemonic() -> str:
    """Twelve words from 128 random bits with their BIP39 checksum (the first 4 bits of SHA-256)."""
    words = WORDLIST.read_text().split()
    entropy = secrets.token_bytes(16)
    bits = int.from_bytes(entropy, "big") << 4 | hashlib.sha256(entropy).digest()[0] >> 4
    return " ".join(words[(bits >> (11 * (11 - i))) & 0x7FF] for i in range(12))


def base58check(payload: bytes) -> str:
    data = payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    number = int.from_bytes(data, "big")
    text = ""
    while number:
        number, digit = divmod(number, 58)
        text = B58[digit] + text
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + text


class Planted:
    def __init__(self):
        self.phrase = new_mnemonic()
        self.key = secrets.token_bytes(32)
        self.hex = self.key.hex()
        self.wif = base58check(b"\x80" + self.key + b"\x01")
        words = [re.escape(word.encode()) for word in self.phrase.split()]
        self.in_order = re.compile(rb"\b" + rb"\b.{0,48}?\b".join(words) + rb"\b", re.DOTALL)

    def needles(self) -> list[bytes]:
        return [self.phrase.encode(), self.hex.encode(), self.hex.upper().encode(), self.wif.encode()]

    def found_in(self, data: bytes) -> list[str]:
        hits = [needle.decode()[:12] + "…" for needle in self.needles() if needle in data]
        if self.in_order.search(data):
            hits.append("the words in order")
        return hits


def search(paths: list[Path], planted: Planted, marker: bytes) -> tuple[dict[str, list[str]], int]:
    """What was found where, and in how many files the harmless marker (stored beside the secrets) was seen."""
    found = {}
    marker_files = 0
    for root in paths:
        files = [root] if root.is_file() else [p for p in root.rglob("*") if p.is_file()]
        for path in files:
            try:
                data = path.read_bytes()
            except (PermissionError, FileNotFoundError):
                continue
            marker_files += marker in data
            hits = planted.found_in(data)
            if hits:
                found[str(path)] = hits
    return found, marker_files


def plant_everywhere(api, planted: Planted, marker: str) -> None:
    """Every door that takes free text, with the phrase and the key."""
    phrase, hexkey, wif = planted.phrase, planted.hex, planted.wif
    body = {
        "subject": phrase,
        "category": "stolen_funds",
        "channel": "web",
        "requester": {"email": f"victim-{secrets.token_hex(3)}@example.com", "name": phrase, "language": "en",
                      "telegramId": wif, "wechatId": phrase, "walletAccountId": hexkey},
        "crypto": {"device": f"key 0x{hexkey}", "appVersion": wif},
        "message": {"text": f"{marker} My recovery phrase is {phrase} and my private key is 0x{hexkey}", "author": "customer"},
    }
    created = api.post("/api/v1/tickets", body, expect=201).json()
    ticket = created["ticket"]["id"]
    assert phrase not in str(created) and hexkey not in str(created)
    api.post(f"/api/v1/tickets/{ticket}/messages", {"text": f"words: {phrase}\nwif {wif}", "author": "customer"}, expect=201)
    api.post(f"/api/v1/tickets/{ticket}/messages", {"html": f"<p>{phrase}</p><p>{hexkey}</p>", "author": "customer"}, expect=201)
    api.post(f"/api/v1/tickets/{ticket}/messages", {"text": f"agent pasted {phrase}", "author": "agent"}, expect=201)
    api.patch(f"/api/v1/tickets/{ticket}", {"subject": f"again {phrase}", "crypto": {"os": f"0x{hexkey}"}}, expect=200)

    customer = api.post("/api/v1/customers", {"name": phrase, "email": f"c-{secrets.token_hex(3)}@example.com",
                                              "wechatId": wif, "telegramId": phrase}, expect=201).json()
    api.patch(f"/api/v1/customers/{customer['id']}", {"name": f"key {hexkey}"}, expect=200)

    text_file = f"notes\nseed: {phrase}\nkey: {hexkey}\nwif: {wif}\n".encode()
    attachment = api.request("POST", "/api/v1/attachments", data=text_file, params={"filename": "notes.txt"},
                             headers={"Content-Type": "application/octet-stream"}, expect=201).json()
    api.post(f"/api/v1/tickets/{ticket}/messages", {"text": "see attached", "author": "customer", "attachmentIds": [attachment["id"]]},
             expect=201)
    download = api.get(f"/api/v1/attachments/{attachment['id']}", expect=200)
    assert phrase.encode() not in download.content and hexkey.encode() not in download.content

    # The safety area's own doors.
    verdict = api.get("/api/v1/verify", params={"value": phrase}, expect=200).json()
    assert verdict["outcome"] == "secret" and verdict["value"] is None
    api.get("/api/v1/verify", params={"value": f"0x{hexkey}"}, expect=200)
    page = requests.post(f"{api.base_url}/verify", data={"value": phrase}, timeout=10)
    assert page.status_code == 200 and phrase not in page.text
    api.get("/api/v1/verify/message", params={"code": wif[:60]}, validate_request=False)
    api.post("/api/v1/verify/call", {"ticket": ticket, "code": phrase}, expect=200)
    api.request("PUT", f"/api/v1/customers/{customer['id']}/anti-phishing-phrase", json_body={"phrase": phrase}, expect=400,
                validate_request=False)
    api.post("/api/v1/channels", {"kind": "web", "value": "imwallet.com", "label": phrase}, expect=400)
    api.post("/api/v1/channels", {"kind": "web", "value": phrase, "label": "x"}, expect=400)
    api.post(f"/api/v1/tickets/{ticket}/call-codes", expect=201)

    # What came back holds none of it either.
    messages = api.get(f"/api/v1/tickets/{ticket}/messages", expect=200).text
    assert not planted.found_in(messages.encode())
    events = api.get(f"/api/v1/tickets/{ticket}/events", expect=200).text
    assert not planted.found_in(events.encode())


def pg_data_directory() -> Path:
    output = subprocess.run(["psql", PG_ADMIN_URL, "-tAc", "SHOW data_directory"], check=True, capture_output=True, text=True, timeout=30)
    return Path(output.stdout.strip())


def test_secrets_are_nowhere(make_backend, launcher, backend_kind, client_for):
    backend = make_backend()
    node = launcher.start(backend)
    node.complete_setup()
    api = client_for(node)
    planted = Planted()
    # Sanity: the search finds what it looks for.
    assert planted.found_in(f"x {planted.phrase} y".encode()) and planted.found_in(planted.phrase.replace(" ", ", ").encode())

    # A harmless marker travels with the secrets: finding it proves the search reads the files the data went to.
    marker = f"marker-{secrets.token_hex(8)}"
    plant_everywhere(api, planted, marker)

    places: list[Path] = [node.stdout_path, node.stderr_path]
    if backend_kind == "sqlite":
        data = Path(backend.location)
        assert (data / "walletdesk.sqlite").exists()
        places.append(data)
    else:
        subprocess.run(["psql", PG_ADMIN_URL, "-c", "CHECKPOINT"], check=True, capture_output=True, timeout=60)
        directory = pg_data_directory()
        places += [directory, directory.parent / "server.log"]
    found_running, _ = search(places, planted, marker.encode())
    assert node.terminate() == 0
    found_stopped, marker_files = search(places, planted, marker.encode())
    assert marker_files > 0, "the marker stored beside the secrets was not found: the search is not reading the database files"
    assert not found_running and not found_stopped, f"planted secrets found: {found_running or found_stopped}"
