#!/usr/bin/env python3
"""Verify a Papertape evidence bundle with the Python standard library and the openssl command.

Usage: python3 verify.py [BUNDLE_DIR] [--pubkey PEM | --trust-bundled-key] [--last-checkpoint FILE] [--json]
Exit: 0 every check holds, 1 integrity failure, 2 usage or I/O error,
      3 every check holds but no key was pinned (--trust-bundled-key accepts the bundled key).

Independent of Papertape's code: it re-derives everything from the bytes (see docs/verify-by-hand.md).
Ed25519 signatures are checked with `openssl pkeyutl -verify -rawin` (OpenSSL >= 3).
"""
import base64
import hashlib
import json
import os
import re
import sqlite3
import stat
import subprocess
import sys
import tempfile

CHECKS = [
    "bundle.safety", "bundle.layout", "manifest", "key.pinned", "sums.signature", "sums.files",
    "checkpoint.signature", "checkpoint.body", "events.encoding", "events.profile", "events.seq",
    "events.log", "events.chain", "events.size", "events.root", "snapshot.events", "previous.checkpoint",
]
REQUIRED = ["manifest.json", "events.jsonl", "session.sqlite", "checkpoint.note", "report.html",
            "public-key.pem", "verify.sh", "verify.py", "SHA256SUMS", "SHA256SUMS.sig"]
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
MAX_FILES = 32
MAX_LINE = 1024 * 1024
MAX_SMALL = 16 * 1024 * 1024
GENESIS = "0" * 64
ENVELOPE_KEYS = ["v", "log", "seq", "ts", "type", "session_id", "actor", "payload", "prev_hash"]
TS_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
TYPE_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")
HEX64 = re.compile(r"^[0-9a-f]{64}$")
ASCII_KEY = re.compile(r"^[\x20-\x7e]+$")
SPKI_ED25519_PREFIX = bytes.fromhex("302a300506032b6570032100")
MAX_NESTING = 32  # objects and arrays; the envelope is level 1, its payload level 2
HEX8 = re.compile(r"^[0-9a-f]{8}$")
EVENT_COLUMNS = [("log", 1, 0), ("seq", 2, 0), ("canonical", 0, 0), ("prev_hash", 0, 0), ("event_hash", 0, 0)]
SNAPSHOT_TABLES = ("audit_logs", "audit_events", "audit_checkpoints")


class Usage(Exception):
    pass


def sha256(b):
    return hashlib.sha256(b).digest()


def leaf(b):
    return sha256(b"\x00" + b)


def node(l, r):
    return sha256(b"\x01" + l + r)


class Frontier:
    """RFC 6962 Merkle tree hash, built incrementally (one subtree root per set bit of the size)."""

    def __init__(self):
        self.nodes = []
        self.size = 0

    def push(self, h):
        s = self.size
        while s & 1:
            h = node(self.nodes.pop(), h)
            s >>= 1
        self.nodes.append(h)
        self.size += 1

    def root(self):
        if not self.nodes:
            return sha256(b"")
        acc = self.nodes[-1]
        for n in reversed(self.nodes[:-1]):
            acc = node(n, acc)
        return acc


def ed25519_verify(pub_pem_path, message, signature):
    """True when `signature` (64 raw bytes) is a valid Ed25519 signature of `message` by the key."""
    if len(signature) != 64:
        return False
    with tempfile.TemporaryDirectory() as d:
        m, s = os.path.join(d, "msg"), os.path.join(d, "sig")
        with open(m, "wb") as f:
            f.write(message)
        with open(s, "wb") as f:
            f.write(signature)
        r = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", pub_pem_path, "-rawin", "-in", m, "-sigfile", s],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        return r.returncode == 0


def raw_public_key(pub_pem_path):
    r = subprocess.run(["openssl", "pkey", "-pubin", "-in", pub_pem_path, "-outform", "DER"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    der = r.stdout
    if r.returncode != 0 or len(der) != 44 or not der.startswith(SPKI_ED25519_PREFIX):
        return None
    return der[12:]


def note_key_id(name, raw):
    return sha256(name.encode("utf-8") + b"\x0a\x01" + raw)[:4]


def open_note(note, key_name, pub_pem, raw):
    """The note body if some signature line is by key_name with this key and verifies; other lines are ignored."""
    i = note.rfind("\n\n")
    if i < 0 or not note.endswith("\n"):
        return None
    body = note[: i + 1]
    for line in note[i + 2: -1].split("\n"):
        m = re.match(r"^\u2014 (\S+) ([A-Za-z0-9+/=]+)$", line)
        if not m:
            return None
        try:
            blob = base64.b64decode(m.group(2), validate=True)
        except ValueError:
            return None
        if len(blob) != 68 or base64.b64encode(blob).decode() != m.group(2):
            return None
        if m.group(1) == key_name and blob[:4] == note_key_id(key_name, raw) and ed25519_verify(pub_pem, body.encode("utf-8"), blob[4:]):
            return body
    return None


def parse_checkpoint(body):
    lines = body.split("\n")
    if len(lines) != 4 or lines[3] != "" or lines[0] == "" or not re.match(r"^(0|[1-9][0-9]*)$", lines[1]):
        return None
    try:
        root = base64.b64decode(lines[2], validate=True)
    except Exception:
        return None
    if len(root) != 32 or base64.b64encode(root).decode() != lines[2]:
        return None
    return {"origin": lines[0], "size": int(lines[1]), "root": root}


def _no_float(_):
    raise ValueError("non-integer number")


def _no_const(_):
    raise ValueError("non-finite number")


def _pairs(pairs):
    d = dict(pairs)
    if len(d) != len(pairs):
        raise ValueError("duplicate key")
    return d


def canonical(v):
    """RFC 8785 for the strict profile (integers only, ASCII keys): sorted keys, no spaces, UTF-8."""
    return json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


SURROGATE = re.compile("[\ud800-\udfff]")
INT_LIMIT = 2 ** 53


def _scalar_problem(x):
    """Why a scalar is outside the strict profile, None when it is fine, False when it is not a scalar."""
    t = type(x)
    if t is str:
        return "lone surrogate" if SURROGATE.search(x) else None
    if t is int:
        return "integer not below 2^53" if (x >= INT_LIMIT or x <= -INT_LIMIT) else None
    if x is None or t is bool:
        return None
    return False


def profile_problem(v, path="", depth=1):
    """The first value outside the strict profile, as (JSON pointer, why), or None.

    Scalars inside a container are judged in place and a pointer is only built for a finding: this
    runs for every event, so the common case makes no call and no string per value."""
    why = _scalar_problem(v)
    if why is not False:
        return (path, why) if why else None
    t = type(v)
    if t is not dict and t is not list:
        return (path, "not JSON")
    if depth > MAX_NESTING:
        return (path, "nested deeper than %d levels" % MAX_NESTING)
    is_dict = t is dict
    for k, x in (v.items() if is_dict else enumerate(v)):
        # Printable ASCII (0x20-0x7e), not empty: the same rule as ASCII_KEY, without a regex call per key.
        if is_dict and not (k and k.isascii() and k.isprintable()):
            return ("%s/%s" % (path, k), "non-ASCII or empty key")
        why = _scalar_problem(x)
        if why is False:
            p = profile_problem(x, "%s/%s" % (path, k), depth + 1)
            if p:
                return p
        elif why:
            return ("%s/%s" % (path, k), why)
    return None


def valid_date_time(ts):
    """The calendar fields of an RFC 3339 stamp are real (no 2026-02-30, no hour 24), as the CLI requires."""
    y, mo, d, h, mi, se = int(ts[0:4]), int(ts[5:7]), int(ts[8:10]), int(ts[11:13]), int(ts[14:16]), int(ts[17:19])
    if not (1 <= mo <= 12 and d >= 1 and h <= 23 and mi <= 59 and se <= 59):
        return False
    leap = (y % 4 == 0 and y % 100 != 0) or y % 400 == 0
    days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]
    return d <= days


def too_deep(v):
    """True when objects and arrays nest deeper than MAX_NESTING; iterative, so any depth is safe to ask about."""
    stack = [(v, 1)]
    while stack:
        x, depth = stack.pop()
        if isinstance(x, (list, dict)):
            if depth > MAX_NESTING:
                return True
            stack.extend((c, depth + 1) for c in (x if isinstance(x, list) else x.values()))
    return False


def _str(v, empty_ok=False):
    return isinstance(v, str) and (empty_ok or v != "")


def _opt_str(v):
    return v is None or isinstance(v, str)


def manifest_problem(m):
    """The manifest's shape, field by field, as the CLI's schema has it (strict: no missing or extra keys)."""
    keys = ["format", "format_version", "origin", "log", "session_id", "checkpoint_origin", "key", "genesis", "size", "root",
            "run_spec", "data", "data_fingerprints", "code_version", "created_at", "notice"]
    if not isinstance(m, dict):
        return "manifest.json is not an object"
    if sorted(m.keys()) != sorted(keys):
        return "manifest keys differ from the supported format"
    if m["format"] != "papertape-evidence-bundle" or m["format_version"] != 1 or isinstance(m["format_version"], bool):
        return "unsupported bundle format"
    k = m["key"]
    if not isinstance(k, dict) or sorted(k.keys()) != ["fingerprint", "id", "name"] or not _str(k["name"]) \
            or not (_str(k["id"]) and HEX8.match(k["id"])) or not (_str(k["fingerprint"]) and HEX64.match(k["fingerprint"])):
        return "manifest key is malformed"
    d = m["data"]
    if not isinstance(d, dict) or sorted(d.keys()) != ["file", "fingerprint", "id", "included", "sha256"] \
            or not isinstance(d["included"], bool) or not all(_opt_str(d[f]) for f in ("file", "id", "fingerprint")) \
            or not (d["sha256"] is None or (_str(d["sha256"]) and HEX64.match(d["sha256"]))):
        return "manifest data is malformed"
    if not all(_str(m[f]) for f in ("origin", "log", "session_id", "checkpoint_origin")) \
            or not all(_str(m[f], True) for f in ("code_version", "created_at", "notice")) \
            or not (isinstance(m["size"], int) and not isinstance(m["size"], bool) and m["size"] >= 0) \
            or not (_str(m["root"]) and HEX64.match(m["root"])) or not (m["run_spec"] is None or isinstance(m["run_spec"], dict)) \
            or not (isinstance(m["data_fingerprints"], list) and all(isinstance(x, str) for x in m["data_fingerprints"])):
        return "manifest fields are malformed"
    if m["genesis"] != GENESIS:
        return "the genesis hash is not 64 zeros"
    return None


ENVELOPE_KEY_SET = frozenset(ENVELOPE_KEYS)


def envelope_problem(e):
    if not isinstance(e, dict):
        return "envelope is not an object"
    if e.keys() != ENVELOPE_KEY_SET:
        return "envelope keys differ"
    if e["v"] != 1 or isinstance(e["v"], bool):
        return "unsupported envelope version"
    if not isinstance(e["log"], str) or not e["log"]:
        return "bad log"
    if not isinstance(e["seq"], int) or isinstance(e["seq"], bool) or e["seq"] < 0:
        return "bad seq"
    if not isinstance(e["ts"], str) or not TS_RE.match(e["ts"]) or not valid_date_time(e["ts"]):
        return "bad ts"
    if not isinstance(e["type"], str) or not TYPE_RE.match(e["type"]):
        return "bad type"
    if e["session_id"] is not None and not isinstance(e["session_id"], str):
        return "bad session_id"
    if not isinstance(e["actor"], str) or not e["actor"]:
        return "bad actor"
    if not isinstance(e["payload"], dict):
        return "payload is not an object"
    if not isinstance(e["prev_hash"], str) or not HEX64.match(e["prev_hash"]):
        return "bad prev_hash"
    if e["seq"] == 0 and e["prev_hash"] != GENESIS:
        return "first event without the genesis prev_hash"
    p = profile_problem(e)
    return "%s: %s" % p if p else None


def read_small(path):
    st = os.stat(path)
    if st.st_size > MAX_SMALL:
        raise ValueError("%s is too large" % os.path.basename(path))
    with open(path, "rb") as f:
        b = f.read()
    if b.startswith(b"\xef\xbb\xbf"):
        raise ValueError("%s starts with a byte-order mark" % os.path.basename(path))
    return b, b.decode("utf-8")


def file_sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def verify(bundle, pubkey=None, last_checkpoint=None):
    res = {}

    def put(check, status, detail, seq=None):
        if check not in res:
            res[check] = {"check": check, "status": status, "detail": detail, "seq": seq}

    def p(n):
        return os.path.join(bundle, n)

    if not os.path.isdir(bundle):
        raise Usage("%s is not a bundle folder" % bundle)
    names = sorted(os.listdir(bundle))
    reason = None
    if len(names) > MAX_FILES:
        reason = "too many files"
    for n in names:
        st = os.lstat(p(n))
        if reason:
            break
        if stat.S_ISLNK(st.st_mode):
            reason = "%s is a symbolic link" % n
        elif stat.S_ISDIR(st.st_mode):
            reason = "%s is a folder" % n
        elif not stat.S_ISREG(st.st_mode):
            reason = "%s is not a regular file" % n
        elif not SAFE_NAME.match(n):
            reason = "%r is not a plain file name" % n
    if reason:
        put("bundle.safety", "fail", "refused: " + reason)
        return finish(res)
    put("bundle.safety", "pass", "%d plain files" % len(names))
    present = set(names)

    sums = None
    sums_bytes = None
    sums_err = None
    if "SHA256SUMS" in present:
        try:
            sums_bytes, text = read_small(p("SHA256SUMS"))
            sums = []
            if not text.endswith("\n"):
                raise ValueError("SHA256SUMS does not end with a line feed")
            for i, line in enumerate(text[:-1].split("\n")):
                m = re.match(r"^([0-9a-f]{64})  ([^\n\r/\\]+)$", line)
                if not m or (sums and sums[-1][1] >= m.group(2)):
                    raise ValueError("SHA256SUMS line %d is malformed or out of order" % (i + 1))
                sums.append((m.group(1), m.group(2)))
        except (ValueError, UnicodeDecodeError) as e:
            sums, sums_err = None, str(e)
    else:
        sums_err = "SHA256SUMS is missing"
    problems = ["missing " + r for r in REQUIRED if r not in present]
    if sums is not None:
        listed = set(n for _, n in sums)
        problems += ["listed but missing " + n for n in sorted(listed) if n not in present]
        problems += [("stray SQLite side file " if re.search(r"-(wal|shm|journal)$", n) else "unlisted file ") + n
                     for n in names if n not in ("SHA256SUMS", "SHA256SUMS.sig") and n not in listed]
        problems += [r + " is not listed" for r in REQUIRED if r not in ("SHA256SUMS", "SHA256SUMS.sig") and r not in listed]
    else:
        problems.append(sums_err)
    if problems:
        put("bundle.layout", "fail", "; ".join(problems))
    else:
        put("bundle.layout", "pass", "%d files, all listed in SHA256SUMS" % len(names))

    manifest = None
    try:
        mb, mt = read_small(p("manifest.json"))
        m = json.loads(mt, parse_float=_no_float, parse_constant=_no_const, object_pairs_hook=_pairs)
        problem = ("manifest.json is nested deeper than %d levels" % MAX_NESTING) if too_deep(m) else manifest_problem(m)
        if problem:
            put("manifest", "fail", problem)
        elif canonical(m) + "\n" != mt:
            put("manifest", "fail", "manifest.json is not canonical JSON followed by one LF")
        else:
            manifest = m
            put("manifest", "pass", "log %s, %d events" % (m["log"], m["size"]))
    except FileNotFoundError:
        put("manifest", "fail", "manifest.json is missing")
    except (ValueError, UnicodeDecodeError, RecursionError) as e:
        put("manifest", "fail", "manifest.json is not JSON: %s" % e)

    key_pem = pubkey if pubkey else (p("public-key.pem") if "public-key.pem" in present else None)
    raw = raw_public_key(key_pem) if key_pem else None
    if raw is None:
        put("key.pinned", "fail", "no usable Ed25519 public key")
    elif pubkey:
        put("key.pinned", "pass", "pinned key, fingerprint %s" % hashlib.sha256(raw).hexdigest())
    else:
        put("key.pinned", "warn", "no --pubkey given: checked with the key shipped inside the bundle (fingerprint %s), which is only a hint; pin the analyst's key with --pubkey" % hashlib.sha256(raw).hexdigest())

    if sums_bytes is None:
        put("sums.signature", "fail", sums_err or "SHA256SUMS unreadable")
    elif "SHA256SUMS.sig" not in present:
        put("sums.signature", "fail", "SHA256SUMS.sig is missing")
    elif raw is None:
        put("sums.signature", "fail", "no key to check it with")
    else:
        with open(p("SHA256SUMS.sig"), "rb") as f:
            sig = f.read(65)
        if ed25519_verify(key_pem, sums_bytes, sig):
            put("sums.signature", "pass", "SHA256SUMS is signed by the key")
        else:
            put("sums.signature", "fail", "the signature of SHA256SUMS does not verify with the key")
    if sums is None:
        put("sums.files", "fail", sums_err or "SHA256SUMS unreadable")
    else:
        bad = [n for h, n in sums if n in present and file_sha256(p(n)) != h]
        if bad:
            put("sums.files", "fail", "SHA-256 differs for " + ", ".join(bad))
        else:
            put("sums.files", "pass", "%d files match their SHA-256" % len(sums))

    cp = None
    try:
        _, note = read_small(p("checkpoint.note"))
        body = open_note(note, manifest["key"]["name"], key_pem, raw) if (manifest and raw) else None
        if body is None:
            put("checkpoint.signature", "fail", "checkpoint.note has no valid signature by the key")
        else:
            put("checkpoint.signature", "pass", "signed by %s" % manifest["key"]["name"])
        i = note.rfind("\n\n")
        parsed = parse_checkpoint(body if body is not None else (note[: i + 1] if i >= 0 else ""))
        if not parsed:
            put("checkpoint.body", "fail", "checkpoint.note is not a C2SP tlog-checkpoint")
        elif not manifest:
            put("checkpoint.body", "fail", "no manifest to compare with")
        elif parsed["origin"] != manifest["checkpoint_origin"] or parsed["size"] != manifest["size"] or parsed["root"].hex() != manifest["root"]:
            put("checkpoint.body", "fail", "the checkpoint's origin, size or root differs from the manifest")
        else:
            cp = parsed
            put("checkpoint.body", "pass", "%s, %d events" % (parsed["origin"], parsed["size"]))
    except FileNotFoundError:
        put("checkpoint.signature", "fail", "checkpoint.note is missing")
        put("checkpoint.body", "fail", "checkpoint.note is missing")
    except (ValueError, UnicodeDecodeError) as e:
        put("checkpoint.signature", "fail", str(e))
        put("checkpoint.body", "fail", str(e))

    prev = None
    if last_checkpoint is not None:
        try:
            with open(last_checkpoint, "rb") as f:
                old = f.read().decode("utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise Usage("cannot read %s: %s" % (last_checkpoint, e))
        body = open_note(old, manifest["key"]["name"], key_pem, raw) if (manifest and raw) else None
        prev = parse_checkpoint(body) if body else None
        if not prev:
            put("previous.checkpoint", "fail", "the earlier checkpoint has no valid signature by the key, or is malformed")
        elif prev["origin"] != manifest["checkpoint_origin"]:
            put("previous.checkpoint", "fail", "the earlier checkpoint is for another log")
            prev = None
    else:
        put("previous.checkpoint", "skip", "no --last-checkpoint given")

    count = 0
    prefix_root = Frontier().root() if (prev and prev["size"] == 0) else None
    lines_hash = hashlib.sha256()
    events_ok = False
    if "events.jsonl" not in present:
        put("events.encoding", "fail", "events.jsonl is missing")
    elif not manifest:
        put("events.encoding", "skip", "no manifest")
    else:
        log, sid = manifest["log"], manifest["session_id"]
        fr = Frontier()
        prev_hash = GENESIS
        failed = False
        with open(p("events.jsonl"), "rb") as f:
            seq = 0
            while True:
                b = f.readline(MAX_LINE + 2)
                if not b:
                    break
                if len(b) > MAX_LINE and not (len(b) == MAX_LINE + 1 and b.endswith(b"\n")):
                    put("events.encoding", "fail", "line %d is longer than %d bytes: refused" % (seq + 1, MAX_LINE), seq)
                    failed = True
                    break
                if not b.endswith(b"\n"):
                    put("events.encoding", "fail", "events.jsonl does not end with a line feed", seq)
                    failed = True
                    break
                b = b[:-1]
                if seq == 0 and b.startswith(b"\xef\xbb\xbf"):
                    put("events.encoding", "fail", "events.jsonl starts with a byte-order mark", seq)
                    failed = True
                    break
                if b"\r" in b:
                    put("events.encoding", "fail", "seq %d holds a carriage return (CRLF or CR)" % seq, seq)
                    failed = True
                    break
                if not b:
                    put("events.encoding", "fail", "line %d is empty" % (seq + 1), seq)
                    failed = True
                    break
                try:
                    text = b.decode("utf-8")
                except UnicodeDecodeError:
                    put("events.encoding", "fail", "seq %d is not valid UTF-8" % seq, seq)
                    failed = True
                    break
                try:
                    e = json.loads(text, parse_float=_no_float, parse_constant=_no_const, object_pairs_hook=_pairs)
                    problem = envelope_problem(e)
                    if problem is None and canonical(e) != text:
                        problem = "not RFC 8785 canonical JSON (re-encoded or re-formatted)"
                except (ValueError, RecursionError) as ex:
                    problem = "not strict JSON: %s" % ex
                if problem:
                    put("events.profile", "fail", "seq %d: %s" % (seq, problem), seq)
                    failed = True
                    break
                if e["seq"] != seq:
                    put("events.seq", "fail", "line %d carries seq %d, expected %d" % (seq + 1, e["seq"], seq), seq)
                    failed = True
                    break
                if e["log"] != log or e["session_id"] != sid:
                    put("events.log", "fail", "seq %d belongs to %s, not %s: a foreign event" % (seq, e["log"], log), seq)
                    failed = True
                    break
                if e["prev_hash"] != prev_hash:
                    put("events.chain", "fail", "seq %d: prev_hash is not the hash of seq %d" % (seq, seq - 1), seq)
                    failed = True
                    break
                h = leaf(b)
                fr.push(h)
                lines_hash.update(b + b"\n")
                prev_hash = h.hex()
                seq += 1
                count = seq
                if prev and count == prev["size"]:
                    prefix_root = fr.root()
        if failed:
            for c in ("events.profile", "events.seq", "events.log", "events.chain", "events.size", "events.root"):
                put(c, "skip", "not reached: an earlier event check failed")
        else:
            events_ok = True
            put("events.encoding", "pass", "%d lines, LF only, UTF-8, no BOM" % count)
            put("events.profile", "pass", "every line is canonical JSON of a valid envelope")
            put("events.seq", "pass", "seq 0..%d without gaps" % (count - 1))
            put("events.log", "pass", "every event belongs to " + log)
            put("events.chain", "pass", "prev_hash chains from the genesis")
            expected = cp["size"] if cp else manifest["size"]
            signed_root = cp["root"].hex() if cp else manifest["root"]
            if count < expected:
                put("events.size", "fail", "%d events, the signed checkpoint covers %d: truncated from seq %d" % (count, expected, count), count)
            elif count > expected:
                put("events.size", "fail", "%d events, the signed checkpoint covers only %d" % (count, expected), expected)
            else:
                put("events.size", "pass", "%d events, as signed" % count)
            if count != expected:
                put("events.root", "fail", "not comparable: the event count differs from the signed size")
            elif fr.root().hex() != signed_root:
                put("events.root", "fail", "root %s differs from the signed root %s: events were rewritten and re-chained" % (fr.root().hex(), signed_root))
            else:
                put("events.root", "pass", "root " + signed_root)

    if "session.sqlite" not in present:
        put("snapshot.events", "fail", "session.sqlite is missing")
    elif res["sums.signature"]["status"] != "pass" or res["sums.files"]["status"] != "pass":
        # A hostile SQLite file can make a reader hang or fill the disk: it is opened only once its bytes are the signed ones.
        put("snapshot.events", "skip", "not opened: SHA256SUMS or its signature did not verify")
    elif not events_ok:
        put("snapshot.events", "skip", "events did not verify")
    else:
        put("snapshot.events", *snapshot_check(p("session.sqlite"), manifest["log"], count, lines_hash.digest()))

    if prev and "previous.checkpoint" not in res:
        if not events_ok:
            put("previous.checkpoint", "skip", "events did not verify")
        elif prev["size"] > count:
            put("previous.checkpoint", "fail", "rollback: an earlier checkpoint covered %d events, the bundle holds %d" % (prev["size"], count), count)
        elif prefix_root is None or prefix_root != prev["root"]:
            put("previous.checkpoint", "fail", "fork: the first %d events differ from the earlier checkpoint" % prev["size"])
        else:
            put("previous.checkpoint", "pass", "the earlier checkpoint of %d events is a prefix of this log" % prev["size"])
    return finish(res)


def snapshot_problem(con):
    """Why the schema is not one the export writes (views, triggers, virtual tables, generated columns run code), or None."""
    objs = con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master LIMIT 65").fetchall()
    if len(objs) > 64:
        return "more schema objects than a snapshot holds"
    for typ, name, tbl, sql in objs:
        if typ == "table":
            if name not in SNAPSHOT_TABLES:
                return "table %s is not one a snapshot holds" % json.dumps(str(name)[:60])
            if not isinstance(sql, str) or not re.match(r"(?i)^CREATE TABLE\s", sql):
                return "table %s is not a plain table" % json.dumps(name)
        elif typ == "index":
            if sql is not None or not str(name).startswith("sqlite_autoindex_") or tbl not in SNAPSHOT_TABLES:
                return "index %s is not one the export writes" % json.dumps(str(name)[:60])
        else:
            return "it holds a %s (%s); a snapshot holds tables only" % (typ, json.dumps(str(name)[:60]))
    cols = [tuple(r) for r in con.execute("SELECT name, pk, hidden FROM pragma_table_xinfo('audit_events')")]
    if not cols:
        return "there is no audit_events table"
    if cols != EVENT_COLUMNS:
        return "audit_events does not have the columns and primary key (log, seq) the store writes"
    return None


def snapshot_check(path, log, count, lines_digest):
    try:
        uri = "file:%s?immutable=1" % os.path.abspath(path).replace("?", "%3f").replace("#", "%23")
        con = sqlite3.connect(uri, uri=True)
        try:
            con.execute("PRAGMA trusted_schema = OFF")
            con.execute("PRAGMA query_only = ON")
            problem = snapshot_problem(con)
            if problem:
                return "fail", "session.sqlite refused: " + problem
            h, n = hashlib.sha256(), 0
            # The schema check pinned the primary key (log, seq): one index range, no sort, no temp file; LIMIT bounds it.
            for (t, c) in con.execute("SELECT typeof(canonical), canonical FROM audit_events WHERE log = ? ORDER BY seq LIMIT ?",
                                      (log, count + 1)):
                if t != "text":
                    return "fail", "the snapshot's event %d is stored as %s, not text" % (n, t)
                h.update(c.encode("utf-8", "surrogatepass") + b"\n")
                n += 1
        finally:
            con.close()
    except sqlite3.Error as e:
        return "fail", "session.sqlite cannot be read as SQLite: %s" % e
    if n != count:
        return "fail", "the snapshot holds %s events of %s, events.jsonl %d" % (("more than %d" % count) if n > count else n, log, count)
    if h.digest() != lines_digest:
        return "fail", "the snapshot events differ from events.jsonl"
    return "pass", "%d events, byte-identical to events.jsonl" % n


def finish(res):
    checks = [res.get(c, {"check": c, "status": "skip", "detail": "not reached", "seq": None}) for c in CHECKS]
    first = next((c for c in checks if c["status"] == "fail"), None)
    return {"ok": first is None, "checks": checks, "firstFailure": first}


def main(argv):
    args, pubkey, last, as_json, trust = [], None, None, False, False
    it = iter(argv)
    for a in it:
        if a == "--pubkey":
            pubkey = next(it, None)
        elif a == "--last-checkpoint":
            last = next(it, None)
        elif a == "--json":
            as_json = True
        elif a == "--trust-bundled-key":
            trust = True
        elif a in ("-h", "--help"):
            print(__doc__)
            return 0
        elif a.startswith("-"):
            sys.stderr.write("verify.py: unknown option %s\n" % a)
            return 2
        else:
            args.append(a)
    if len(args) > 1 or (pubkey is not None and not os.path.isfile(pubkey)):
        sys.stderr.write("usage: python3 verify.py [BUNDLE_DIR] [--pubkey PEM | --trust-bundled-key] [--last-checkpoint FILE] [--json]\n")
        return 2
    bundle = args[0] if args else os.path.dirname(os.path.abspath(__file__))
    try:
        r = verify(bundle, pubkey, last)
    except Usage as e:
        sys.stderr.write("verify.py: %s\n" % e)
        return 2
    except (FileNotFoundError, PermissionError, IsADirectoryError) as e:
        sys.stderr.write("verify.py: %s\n" % e)
        return 2
    except Exception as e:  # a malformed input this script did not foresee is a refusal, never a traceback or exit 1
        sys.stderr.write("verify.py: cannot verify %s: %s: %s\n" % (bundle, type(e).__name__, e))
        return 2
    # Success against the bundle's own key proves nothing about who made it: not a finding, not success either.
    unpinned = r["ok"] and pubkey is None and not trust
    r["script"] = {"name": "verify.py", "sha256": file_sha256(os.path.abspath(__file__))}
    if as_json:
        print(json.dumps(r, indent=2))
    else:
        print("verify.py SHA-256 %s: compare it with `papertape verifier-hashes` on a Papertape you trust" % r["script"]["sha256"])
        marks = {"pass": "ok  ", "fail": "FAIL", "warn": "warn", "skip": "skip"}
        for c in r["checks"]:
            seq = "" if c["seq"] is None else "[seq %d] " % c["seq"]
            print("%s  %-20s %s%s" % (marks[c["status"]], c["check"], seq, c["detail"]))
        f = r["firstFailure"]
        if unpinned:
            print(UNPINNED)
        elif r["ok"]:
            print("VERIFIED: %s" % bundle)
        else:
            print("INTEGRITY FAILURE: %s%s: %s" % (f["check"], "" if f["seq"] is None else " at seq %d" % f["seq"], f["detail"]))
    return 3 if unpinned else 0 if r["ok"] else 1


UNPINNED = ("UNPINNED: every check holds, but only against the key shipped inside the bundle, which anyone who rewrote it "
            "could have replaced; pin the analyst's key with --pubkey, or accept the bundled key knowingly with --trust-bundled-key")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
