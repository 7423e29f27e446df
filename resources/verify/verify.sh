#!/usr/bin/env bash
# Verify a Papertape evidence bundle with standard tools only: sqlite3, sha256sum or shasum,
# openssl >= 3 (not LibreSSL) and jq. Bash 3.2 compatible (macOS /bin/bash).
#
# Usage: ./verify.sh [BUNDLE_DIR] [--pubkey PEM | --trust-bundled-key] [--last-checkpoint FILE]
# Exit:  0 every check holds, 1 integrity failure, 2 usage, I/O or missing tool,
#        3 every check holds but no key was pinned (--trust-bundled-key accepts the bundled key).
#
# It reaches the same verdict as `papertape verify` and verify.py; docs/verify-by-hand.md
# explains each step. It is slow on large sessions (a few processes per event): use verify.py there.
set -u
LC_ALL=C
export LC_ALL

usage() { echo "usage: ./verify.sh [BUNDLE_DIR] [--pubkey PEM | --trust-bundled-key] [--last-checkpoint FILE]" >&2; exit 2; }
die() { echo "verify.sh: $*" >&2; exit 2; }

B=""
PUBKEY=""
LASTCP=""
TRUST=""
while [ $# -gt 0 ]; do
  case "$1" in
    --pubkey) [ $# -ge 2 ] || usage; PUBKEY=$2; shift 2 ;;
    --last-checkpoint) [ $# -ge 2 ] || usage; LASTCP=$2; shift 2 ;;
    --trust-bundled-key) TRUST=1; shift ;;
    -h|--help) usage ;;
    -*) echo "verify.sh: unknown option $1" >&2; usage ;;
    *) [ -z "$B" ] || usage; B=$1; shift ;;
  esac
done
[ -n "$B" ] || B=$(cd "$(dirname "$0")" && pwd)
[ -d "$B" ] || die "$B is not a bundle folder"
[ -z "$PUBKEY" ] || [ -f "$PUBKEY" ] || die "cannot read $PUBKEY"
[ -z "$LASTCP" ] || [ -f "$LASTCP" ] || die "cannot read $LASTCP"

for t in sqlite3 openssl jq od tr cut awk cmp; do
  command -v "$t" >/dev/null 2>&1 || die "$t is required but not installed"
done
if command -v sha256sum >/dev/null 2>&1; then
  sha256hex() { sha256sum | cut -c1-64; }
elif command -v shasum >/dev/null 2>&1; then
  sha256hex() { shasum -a 256 | cut -c1-64; }
else
  die "sha256sum or shasum is required"
fi
case "$(openssl version 2>/dev/null)" in
  LibreSSL*) die "this openssl is LibreSSL ($(openssl version)); it cannot verify raw Ed25519 signatures (no pkeyutl -rawin). Install OpenSSL 3 (e.g. brew install openssl@3) and put it first on PATH." ;;
  "OpenSSL 0"*|"OpenSSL 1"*) die "OpenSSL >= 3 is required for Ed25519 pkeyutl -rawin; found $(openssl version)" ;;
esac

# A copy inside a bundle is only as trustworthy as the bundle: say which script this is.
echo "verify.sh SHA-256 $(sha256hex < "$0"): compare it with \`papertape verifier-hashes\` on a Papertape you trust"

T=$(mktemp -d "${TMPDIR:-/tmp}/papertape-verify.XXXXXX") || die "cannot make a temporary folder"
trap 'rm -rf "$T"' EXIT
RES="$T/results"
: > "$RES"
TAB=$(printf '\t')

# put CHECK STATUS DETAIL [SEQ]: the first result for a check wins.
put() {
  grep -q "^$1$TAB" "$RES" && return 0
  printf '%s\t%s\t%s\t%s\n' "$1" "$2" "${4:-}" "$3" >> "$RES"
}
status_of() { awk -F "$TAB" -v c="$1" '$1 == c { print $2; exit }' "$RES"; }

CHECKS="bundle.safety bundle.layout manifest key.pinned sums.signature sums.files checkpoint.signature checkpoint.body events.encoding events.profile events.seq events.log events.chain events.size events.root snapshot.events previous.checkpoint"

finish() {
  first=""
  for c in $CHECKS; do
    line=$(awk -F "$TAB" -v c="$c" '$1 == c { print; exit }' "$RES")
    [ -n "$line" ] || line="$c${TAB}skip${TAB}${TAB}not reached"
    st=$(printf '%s' "$line" | cut -f2)
    sq=$(printf '%s' "$line" | cut -f3)
    de=$(printf '%s' "$line" | cut -f4-)
    case "$st" in pass) mk="ok  " ;; fail) mk="FAIL" ;; warn) mk="warn" ;; *) mk="skip" ;; esac
    [ -n "$sq" ] && de="[seq $sq] $de"
    printf '%s  %-20s %s\n' "$mk" "$c" "$de"
    if [ "$st" = fail ] && [ -z "$first" ]; then first="$c${sq:+ at seq $sq}: $(printf '%s' "$line" | cut -f4-)"; fi
  done
  if [ -z "$first" ] && [ -z "$PUBKEY" ] && [ -z "$TRUST" ]; then
    echo "UNPINNED: every check holds, but only against the key shipped inside the bundle, which anyone who rewrote it could have replaced; pin the analyst's key with --pubkey, or accept the bundled key knowingly with --trust-bundled-key"
    exit 3
  fi
  if [ -z "$first" ]; then echo "VERIFIED: $B"; exit 0; fi
  echo "INTEGRITY FAILURE: $first"
  exit 1
}

# hex2esc HEX: sets ESC to printf escapes for the bytes (no subshell, bash 3.2 substrings).
hex2esc() {
  ESC=""
  _i=0
  while [ $_i -lt ${#1} ]; do ESC="$ESC\\x${1:$_i:2}"; _i=$((_i + 2)); done
}
hexof() { od -An -v -tx1 | tr -d ' \n'; }

# ed_verify PEM MSGFILE SIGFILE: raw Ed25519 (RFC 8032) over the whole message.
ed_verify() { openssl pkeyutl -verify -pubin -inkey "$1" -rawin -in "$2" -sigfile "$3" >/dev/null 2>&1; }

# ---- bundle.safety: plain files only, nothing followed ----
n=$(find "$B" -mindepth 1 -maxdepth 1 | wc -l | tr -d ' ')
odd=$(find "$B" -mindepth 1 -maxdepth 1 ! -type f | head -n 1)
badname=$(find "$B" -mindepth 1 -maxdepth 1 -type f | sed 's|.*/||' | grep -Ev '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$' | head -n 1)
if [ "$n" -gt 32 ]; then put bundle.safety fail "refused: too many files: $n"; finish
elif [ -n "$odd" ]; then put bundle.safety fail "refused: ${odd##*/} is not a plain file (symlink, folder or device)"; finish
elif [ -n "$badname" ]; then put bundle.safety fail "refused: '$badname' is not a plain file name"; finish
fi
put bundle.safety pass "$n plain files"

# ---- bundle.layout: SHA256SUMS lists exactly the files present ----
REQUIRED="manifest.json events.jsonl session.sqlite checkpoint.note report.html public-key.pem verify.sh verify.py SHA256SUMS SHA256SUMS.sig"
SUMS="$B/SHA256SUMS"
SUMS_OK=0
if [ -f "$SUMS" ]; then
  if grep -Evq '^[0-9a-f]{64}  [^/\\]+$' "$SUMS" || [ "$(tail -c 1 "$SUMS" | hexof)" != "0a" ] || grep -q "$(printf '\r')" "$SUMS"; then
    SUMS_ERR="SHA256SUMS is malformed"
  elif ! cut -c67- "$SUMS" | sort -c -u 2>/dev/null; then
    SUMS_ERR="SHA256SUMS names must be sorted and unique"
  else
    SUMS_OK=1
  fi
else
  SUMS_ERR="SHA256SUMS is missing"
fi
problems=""
for r in $REQUIRED; do [ -f "$B/$r" ] || problems="$problems; missing $r"; done
if [ $SUMS_OK = 1 ]; then
  cut -c67- "$SUMS" > "$T/listed"
  while IFS= read -r f; do [ -f "$B/$f" ] || problems="$problems; listed but missing $f"; done < "$T/listed"
  for p in "$B"/* "$B"/.[!.]*; do
    [ -e "$p" ] || continue
    f=${p##*/}
    case "$f" in SHA256SUMS|SHA256SUMS.sig) continue ;; esac
    if ! grep -Fxq "$f" "$T/listed"; then
      case "$f" in *-wal|*-shm|*-journal) problems="$problems; stray SQLite side file $f" ;; *) problems="$problems; unlisted file $f" ;; esac
    fi
  done
  for r in $REQUIRED; do
    case "$r" in SHA256SUMS|SHA256SUMS.sig) continue ;; esac
    grep -Fxq "$r" "$T/listed" || problems="$problems; $r is not listed"
  done
else
  problems="$problems; $SUMS_ERR"
fi
if [ -n "$problems" ]; then put bundle.layout fail "${problems#; }"; else put bundle.layout pass "all files listed in SHA256SUMS"; fi

# ---- manifest: canonical JSON (sorted keys, compact, one LF) of the supported format ----
M="$B/manifest.json"
MANIFEST_OK=0
if [ ! -f "$M" ]; then put manifest fail "manifest.json is missing"
elif ! jq -cS . "$M" > "$T/manifest.c" 2>/dev/null; then put manifest fail "manifest.json is not JSON"
elif ! cmp -s "$T/manifest.c" "$M"; then put manifest fail "manifest.json is not canonical JSON followed by one LF"
elif ! jq -e '.format == "papertape-evidence-bundle" and .format_version == 1 and .genesis == ("0" * 64) and (.size|type) == "number" and (.root|test("^[0-9a-f]{64}$")) and (.log|test("^session/[A-Za-z0-9][A-Za-z0-9._-]*$")) and (.key.name|type) == "string"' "$M" >/dev/null 2>&1; then
  put manifest fail "unsupported format or malformed fields"
else
  MANIFEST_OK=1
  LOG=$(jq -r .log "$M"); SID=$(jq -r .session_id "$M"); MSIZE=$(jq -r .size "$M"); MROOT=$(jq -r .root "$M")
  KEYNAME=$(jq -r .key.name "$M"); CPORIGIN=$(jq -r .checkpoint_origin "$M")
  put manifest pass "log $LOG, $MSIZE events"
fi

# ---- key.pinned ----
if [ -n "$PUBKEY" ]; then KEY=$PUBKEY; elif [ -f "$B/public-key.pem" ]; then KEY="$B/public-key.pem"; else KEY=""; fi
RAWHEX=""
if [ -n "$KEY" ] && openssl pkey -pubin -in "$KEY" -outform DER > "$T/spki.der" 2>/dev/null; then
  spki=$(hexof < "$T/spki.der")
  case "$spki" in 302a300506032b6570032100*) [ ${#spki} = 88 ] && RAWHEX=${spki#302a300506032b6570032100} ;; esac
fi
if [ -z "$RAWHEX" ]; then put key.pinned fail "no usable Ed25519 public key"
else
  hex2esc "$RAWHEX"; FPR=$(printf "$ESC" | sha256hex)
  if [ -n "$PUBKEY" ]; then put key.pinned pass "pinned key, fingerprint $FPR"
  else put key.pinned warn "no --pubkey given: checked with the key shipped inside the bundle (fingerprint $FPR), which is only a hint; pin the analyst's key with --pubkey"; fi
fi

# ---- sums.signature: SHA256SUMS.sig is a raw 64-byte Ed25519 signature of SHA256SUMS ----
if [ ! -f "$SUMS" ]; then put sums.signature fail "SHA256SUMS is missing"
elif [ ! -f "$B/SHA256SUMS.sig" ]; then put sums.signature fail "SHA256SUMS.sig is missing"
elif [ -z "$RAWHEX" ]; then put sums.signature fail "no key to check it with"
elif [ "$(wc -c < "$B/SHA256SUMS.sig" | tr -d ' ')" != 64 ]; then put sums.signature fail "SHA256SUMS.sig is not 64 bytes"
elif ed_verify "$KEY" "$SUMS" "$B/SHA256SUMS.sig"; then put sums.signature pass "SHA256SUMS is signed by the key"
else put sums.signature fail "the signature of SHA256SUMS does not verify with the key"; fi

# ---- sums.files ----
if [ $SUMS_OK = 1 ]; then
  bad=""
  while IFS= read -r l; do
    h=${l%%  *}; f=${l#*  }
    [ -f "$B/$f" ] || continue
    [ "$(sha256hex < "$B/$f")" = "$h" ] || bad="$bad, $f"
  done < "$SUMS"
  if [ -n "$bad" ]; then put sums.files fail "SHA-256 differs for ${bad#, }"; else put sums.files pass "every listed file matches its SHA-256"; fi
else
  put sums.files fail "$SUMS_ERR"
fi

# open_note NOTEFILE: on success writes the body to $T/body and returns 0. Signature lines by other keys are skipped.
open_note() {
  _n=$1
  [ "$(tail -c 1 "$_n" | hexof)" = "0a" ] || return 1
  # A tlog-checkpoint body is exactly three lines; line 4 is blank; then signature lines.
  head -n 3 "$_n" > "$T/body"
  [ "$(sed -n 4p "$_n")" = "" ] || return 1
  _ok=1
  _want=""
  if [ -n "$RAWHEX" ]; then hex2esc "$RAWHEX"; _want=$( { printf '%s' "$KEYNAME"; printf '\012\001'; printf "$ESC"; } | sha256hex | cut -c1-8); fi
  _lines=0
  while IFS= read -r sl; do
    _lines=$((_lines + 1))
    case "$sl" in "— "*) ;; *) return 1 ;; esac
    rest=${sl#"— "}; name=${rest%% *}; b64=${rest#* }
    [ -n "$name" ] && [ "$name" != "$rest" ] || return 1
    printf '%s' "$b64" | grep -Eq '^[A-Za-z0-9+/=]+$' || return 1
    printf '%s' "$b64" | openssl base64 -d -A > "$T/blob" 2>/dev/null || return 1
    [ "$(wc -c < "$T/blob" | tr -d ' ')" = 68 ] || return 1
    [ "$(openssl base64 -A < "$T/blob")" = "$b64" ] || return 1
    [ "$name" = "$KEYNAME" ] || continue
    [ "$(head -c 4 "$T/blob" | hexof)" = "$_want" ] || continue
    tail -c 64 "$T/blob" > "$T/sig"
    if ed_verify "$KEY" "$T/body" "$T/sig"; then _ok=0; fi
  done <<EOF
$(tail -n +5 "$_n")
EOF
  [ $_lines -gt 0 ] || return 1
  return $_ok
}

# parse_body FILE: sets CP_ORIGIN CP_SIZE CP_ROOTHEX from a 3-line checkpoint body, or returns 1.
parse_body() {
  CP_ORIGIN=$(sed -n 1p "$1"); CP_SIZE=$(sed -n 2p "$1"); _b64=$(sed -n 3p "$1")
  [ -n "$CP_ORIGIN" ] || return 1
  printf '%s' "$CP_SIZE" | grep -Eq '^(0|[1-9][0-9]*)$' || return 1
  printf '%s' "$_b64" | openssl base64 -d -A > "$T/root" 2>/dev/null || return 1
  [ "$(wc -c < "$T/root" | tr -d ' ')" = 32 ] || return 1
  [ "$(openssl base64 -A < "$T/root")" = "$_b64" ] || return 1
  CP_ROOTHEX=$(hexof < "$T/root")
}

# ---- checkpoint.signature and checkpoint.body ----
CP_OK=0
NOTE="$B/checkpoint.note"
if [ ! -f "$NOTE" ]; then put checkpoint.signature fail "checkpoint.note is missing"; put checkpoint.body fail "checkpoint.note is missing"
else
  if [ $MANIFEST_OK = 1 ] && [ -n "$RAWHEX" ] && open_note "$NOTE"; then put checkpoint.signature pass "signed by $KEYNAME"
  else put checkpoint.signature fail "checkpoint.note has no valid signature by the key"; head -n 3 "$NOTE" > "$T/body"; fi
  if ! parse_body "$T/body"; then put checkpoint.body fail "checkpoint.note is not a C2SP tlog-checkpoint"
  elif [ $MANIFEST_OK != 1 ]; then put checkpoint.body fail "no manifest to compare with"
  elif [ "$CP_ORIGIN" != "$CPORIGIN" ] || [ "$CP_SIZE" != "$MSIZE" ] || [ "$CP_ROOTHEX" != "$MROOT" ]; then
    put checkpoint.body fail "the checkpoint's origin, size or root differs from the manifest"
  else CP_OK=1; put checkpoint.body pass "$CP_ORIGIN, $CP_SIZE events"; fi
fi

# ---- previous.checkpoint (parsed now; judged after the event pass) ----
PREV_SIZE=""
if [ -n "$LASTCP" ]; then
  if [ $MANIFEST_OK = 1 ] && [ -n "$RAWHEX" ] && open_note "$LASTCP" && parse_body "$T/body"; then
    if [ "$CP_ORIGIN" != "$CPORIGIN" ]; then put previous.checkpoint fail "the earlier checkpoint is for another log"
    else PREV_SIZE=$CP_SIZE; PREV_ROOT=$CP_ROOTHEX; fi
  else put previous.checkpoint fail "the earlier checkpoint has no valid signature by the key, or is malformed"; fi
else
  put previous.checkpoint skip "no --last-checkpoint given"
fi

# ---- events: encoding, profile, seq, log, chain, size, root ----
# Judged line by line as the CLI and verify.py judge them: the first line at fault decides, and on that
# line the encoding comes before the profile, the profile before seq, log and chain. Each encoding rule is
# one pass over the file that names its first line; the profile is judged on the lines before any of those.
E="$B/events.jsonl"
EVENTS_OK=0
COUNT=0
ev_fail() { put "$1" fail "$3" "$2"; for c in events.profile events.seq events.log events.chain events.size events.root; do put $c skip "not reached: an earlier event check failed"; done; }
# first_line_with OCTAL: the first line holding that byte (every other byte is mapped away first, so NUL is safe).
first_line_with() { tr -c "\\$1\\n" 'a' < "$E" | tr "\\$1" 'X' | grep -n -m 1 X | cut -d: -f1; }
# A line of well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF), as the CLI's strict decoder has it.
U8=$(printf '^([\001-\177]|[\302-\337][\200-\277]|\340[\240-\277][\200-\277]|[\341-\354\356\357][\200-\277][\200-\277]|\355[\200-\237][\200-\277]|\360[\220-\277][\200-\277][\200-\277]|[\361-\363][\200-\277][\200-\277][\200-\277]|\364[\200-\217][\200-\277][\200-\277])*$')
ENC_LINE=""
ENC_MSG=""
# enc_at LINE MESSAGE: keeps the earliest complete line; on a tie the earlier call (the CLI's order) wins.
enc_at() {
  [ -n "$1" ] || return 0
  [ "$1" -le "$TOTAL" ] || return 0
  if [ -z "$ENC_LINE" ] || [ "$1" -lt "$ENC_LINE" ]; then ENC_LINE=$1; ENC_MSG=$2; fi
}
if [ ! -f "$E" ]; then put events.encoding fail "events.jsonl is missing"
elif [ $MANIFEST_OK != 1 ]; then put events.encoding skip "no manifest"
else
  TOTAL=$(wc -l < "$E" | tr -d ' ')
  ln=$(awk 'length($0) > 1048576 { print NR; exit }' "$E"); enc_at "$ln" "line $ln is longer than 1048576 bytes: refused"
  [ "$(head -c 3 "$E" | hexof)" = "efbbbf" ] && enc_at 1 "events.jsonl starts with a byte-order mark"
  ln=$(first_line_with 015); enc_at "$ln" "seq $((${ln:-0} - 1)) holds a carriage return (CRLF or CR)"
  ln=$(grep -a -n -m 1 '^$' "$E" | cut -d: -f1); enc_at "$ln" "line $ln is empty"
  ln=$(tr '\000' ' ' < "$E" | grep -a -n -v -E -m 1 "$U8" | cut -d: -f1); enc_at "$ln" "seq $((${ln:-0} - 1)) is not valid UTF-8"
  if [ -z "$ENC_LINE" ] && [ -s "$E" ] && [ "$(tail -c 1 "$E" | hexof)" != "0a" ]; then
    ENC_LINE=$((TOTAL + 1)); ENC_MSG="events.jsonl does not end with a line feed (truncated or edited last line)"
  fi
  # The profile, on the lines before the first encoding fault: strict JSON of a valid envelope, canonical.
  head -n $((${ENC_LINE:-$((TOTAL + 1))} - 1)) "$E" > "$T/pre"
  if ! jq -R -r '
      def vdate: (.[0:4]|tonumber) as $y | (.[5:7]|tonumber) as $mo | (.[8:10]|tonumber) as $d
        | (.[11:13]|tonumber) as $h | (.[14:16]|tonumber) as $mi | (.[17:19]|tonumber) as $s
        | $mo >= 1 and $mo <= 12 and $d >= 1 and $h <= 23 and $mi <= 59 and $s <= 59
          and $d <= ([31, (if ($y % 4 == 0 and $y % 100 != 0) or $y % 400 == 0 then 29 else 28 end), 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][$mo - 1]);
      def ok: (keys == ["actor","log","payload","prev_hash","seq","session_id","ts","type","v"])
        and .v == 1 and (.log|type) == "string" and .log != "" and (.seq|type) == "number" and .seq >= 0
        and (.ts|type) == "string" and (.ts|test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[.][0-9]{3}Z$")) and (.ts|vdate)
        and (.type|type) == "string" and (.type|test("^[a-z][a-z0-9_]*([.][a-z0-9_]+)*$"))
        and ((.session_id|type) == "string" or .session_id == null)
        and (.actor|type) == "string" and .actor != "" and (.payload|type) == "object"
        and (.prev_hash|type) == "string" and (.prev_hash|test("^[0-9a-f]{64}$"))
        and (.seq != 0 or .prev_hash == ("0" * 64))
        and (([paths(type == "object" or type == "array") | length] | max // 0) + 1 <= 32)
        and ([.. | numbers | select(fabs >= 9007199254740992 or (tostring | test("^(0|-?[1-9][0-9]*)$") | not))] | length == 0)
        and ([.. | objects | keys[] | select(test("^[\u0020-\u007e]+$") | not)] | length == 0);
      try (fromjson | if (type == "object") and ok then [.seq, .log, (.session_id // ""), .prev_hash] | @tsv else "BAD" end) catch "BAD"' \
      "$T/pre" > "$T/fields" 2>/dev/null \
    || ! jq -R -c -S 'try fromjson catch "\u0001"' "$T/pre" > "$T/canon.jq" 2>/dev/null; then
    ev_fail events.profile "" "jq could not read events.jsonl"
  else
    # jq writes DEL as \u007f where RFC 8785 keeps the byte (only an escape preceded by an even run of backslashes).
    DEL=$(printf '\177')
    sed -E -e ':a' -e "s/(^|[^\\\\])((\\\\\\\\)*)\\\\u007f/\\1\\2$DEL/" -e 'ta' "$T/canon.jq" > "$T/canon"
    PROF_LINE=$(grep -n -m 1 '^BAD$' "$T/fields" | cut -d: -f1)
    if ! cmp -s "$T/canon" "$T/pre"; then
      ln=$(cmp "$T/canon" "$T/pre" 2>/dev/null | awk '{ print $NF }')
      case "$ln" in ''|*[!0-9]*) ln=$(($(wc -l < "$T/pre") + 1)) ;; esac
      if [ -z "$PROF_LINE" ] || [ "$ln" -lt "$PROF_LINE" ]; then PROF_LINE=$ln; fi
    fi
  # Walk the lines before the first profile fault: seq, log, chain; leaf hash SHA-256(0x00 || line); RFC 6962 root by a frontier.
  prev="0000000000000000000000000000000000000000000000000000000000000000"
  seq=0
  NS=0
  failed=0
  PREFIX_ROOT=""
  [ "$PREV_SIZE" = "0" ] && PREFIX_ROOT=$(printf '' | sha256hex)
  while IFS= read -r line <&3 && IFS="$TAB" read -r eseq elog esid eprev <&4; do
    [ "$((seq + 1))" = "${PROF_LINE:-0}" ] && break
    if [ "$eseq" != "$seq" ]; then ev_fail events.seq $seq "line $((seq + 1)) carries seq $eseq, expected $seq"; failed=1; break; fi
    if [ "$elog" != "$LOG" ] || [ "$esid" != "$SID" ]; then ev_fail events.log $seq "seq $seq belongs to $elog, not $LOG: a foreign event"; failed=1; break; fi
    if [ "$eprev" != "$prev" ]; then ev_fail events.chain $seq "seq $seq: prev_hash is not the hash of seq $((seq - 1))"; failed=1; break; fi
    h=$( { printf '\000'; printf '%s' "$line"; } | sha256hex)
    prev=$h
    # frontier push: merge while the old size has trailing 1-bits
    s=$seq
    while [ $((s % 2)) = 1 ]; do
      NS=$((NS - 1)); eval "left=\$N$NS"
      hex2esc "$left"; L=$ESC; hex2esc "$h"
      h=$( { printf '\001'; printf "$L"; printf "$ESC"; } | sha256hex)
      s=$((s / 2))
    done
    eval "N$NS=\$h"; NS=$((NS + 1))
    seq=$((seq + 1))
    if [ -n "$PREV_SIZE" ] && [ "$seq" = "$PREV_SIZE" ]; then
      i=$((NS - 1)); eval "acc=\$N$i"; i=$((i - 1))
      while [ $i -ge 0 ]; do eval "left=\$N$i"; hex2esc "$left"; L=$ESC; hex2esc "$acc"; acc=$( { printf '\001'; printf "$L"; printf "$ESC"; } | sha256hex); i=$((i - 1)); done
      PREFIX_ROOT=$acc
    fi
  done 3< "$E" 4< "$T/fields"
  COUNT=$seq
  if [ $failed = 0 ] && [ -n "$PROF_LINE" ]; then
    ev_fail events.profile "$((PROF_LINE - 1))" "seq $((PROF_LINE - 1)): not strict canonical JSON of a valid envelope"; failed=1
  elif [ $failed = 0 ] && [ -n "$ENC_LINE" ]; then
    ev_fail events.encoding "$((ENC_LINE - 1))" "$ENC_MSG"; failed=1
  fi
  if [ $failed = 0 ]; then
    EVENTS_OK=1
    put events.encoding pass "$COUNT lines, LF only, no BOM, no CR"
    put events.profile pass "every line is canonical JSON of a valid envelope"
    put events.seq pass "seq 0..$((COUNT - 1)) without gaps"
    put events.log pass "every event belongs to $LOG"
    put events.chain pass "prev_hash chains from the genesis"
    if [ $NS = 0 ]; then ROOT=$(printf '' | sha256hex); else
      i=$((NS - 1)); eval "ROOT=\$N$i"; i=$((i - 1))
      while [ $i -ge 0 ]; do eval "left=\$N$i"; hex2esc "$left"; L=$ESC; hex2esc "$ROOT"; ROOT=$( { printf '\001'; printf "$L"; printf "$ESC"; } | sha256hex); i=$((i - 1)); done
    fi
    WANT_SIZE=$MSIZE; WANT_ROOT=$MROOT
    if [ "$COUNT" -lt "$WANT_SIZE" ]; then put events.size fail "$COUNT events, the signed checkpoint covers $WANT_SIZE: truncated from seq $COUNT" "$COUNT"
    elif [ "$COUNT" -gt "$WANT_SIZE" ]; then put events.size fail "$COUNT events, the signed checkpoint covers only $WANT_SIZE" "$WANT_SIZE"
    else put events.size pass "$COUNT events, as signed"; fi
    if [ "$COUNT" != "$WANT_SIZE" ]; then put events.root fail "not comparable: the event count differs from the signed size"
    elif [ "$ROOT" != "$WANT_ROOT" ]; then put events.root fail "root $ROOT differs from the signed root $WANT_ROOT: events were rewritten and re-chained"
    else put events.root pass "root $ROOT"; fi
  fi
  fi
fi

# ---- snapshot.events: the SQLite snapshot holds the same bytes (opened immutable: nothing is written) ----
# A hostile SQLite file (a recursive view named audit_events, a trigger, a virtual table) can hang a reader or
# fill the disk: it is opened only once SHA256SUMS and its signature hold, and only if its schema is the export's.
SQ() { sqlite3 -init /dev/null -batch -noheader -list "file:$B/session.sqlite?immutable=1" "PRAGMA trusted_schema = OFF; PRAGMA query_only = ON; $1"; }
if [ ! -f "$B/session.sqlite" ]; then put snapshot.events fail "session.sqlite is missing"
elif [ "$(status_of sums.signature)" != pass ] || [ "$(status_of sums.files)" != pass ]; then put snapshot.events skip "not opened: SHA256SUMS or its signature did not verify"
elif [ $EVENTS_OK != 1 ]; then put snapshot.events skip "events did not verify"
elif ! SQ "SELECT CASE
      WHEN (SELECT count(*) FROM (SELECT 1 FROM sqlite_master LIMIT 65)) > 64 THEN 'more schema objects than a snapshot holds'
      WHEN type = 'table' AND name NOT IN ('audit_logs', 'audit_events', 'audit_checkpoints') THEN 'table ' || quote(substr(name, 1, 60)) || ' is not one a snapshot holds'
      WHEN type = 'table' AND (sql IS NULL OR upper(substr(sql, 1, 13)) <> 'CREATE TABLE ') THEN 'table ' || quote(name) || ' is not a plain table'
      WHEN type = 'index' AND (sql IS NOT NULL OR substr(name, 1, 17) <> 'sqlite_autoindex_' OR tbl_name NOT IN ('audit_logs', 'audit_events', 'audit_checkpoints')) THEN 'index ' || quote(substr(name, 1, 60)) || ' is not one the export writes'
      WHEN type NOT IN ('table', 'index') THEN 'it holds a ' || type || ' (' || quote(substr(name, 1, 60)) || '); a snapshot holds tables only'
    END AS problem FROM (SELECT * FROM sqlite_master LIMIT 65) WHERE problem IS NOT NULL LIMIT 1;
    SELECT CASE WHEN group_concat(name || ':' || pk || ':' || hidden, ',') IS NULL THEN 'there is no audit_events table'
      WHEN group_concat(name || ':' || pk || ':' || hidden, ',') <> 'log:1:0,seq:2:0,canonical:0:0,prev_hash:0:0,event_hash:0:0'
      THEN 'audit_events does not have the columns and primary key (log, seq) the store writes' END
      FROM pragma_table_xinfo('audit_events');" > "$T/schema" 2>"$T/snap.err"; then
  put snapshot.events fail "session.sqlite cannot be read as SQLite: $(head -n 1 "$T/snap.err")"
elif [ -n "$(head -n 1 "$T/schema")" ]; then put snapshot.events fail "session.sqlite refused: $(head -n 1 "$T/schema")"
else
  # The schema pinned the primary key (log, seq): one index range, no sort, no temp file; LIMIT bounds it.
  if SQ "SELECT CASE typeof(canonical) WHEN 'text' THEN canonical ELSE char(1) || 'NOT TEXT' END FROM audit_events WHERE log = '$LOG' ORDER BY seq LIMIT $((COUNT + 1));" \
      > "$T/snap" 2>"$T/snap.err"; then
    if cmp -s "$T/snap" "$E"; then put snapshot.events pass "$COUNT events, byte-identical to events.jsonl"
    elif grep -q "$(printf '\001')NOT TEXT" "$T/snap"; then put snapshot.events fail "the snapshot holds an event stored as something other than text"
    else put snapshot.events fail "the snapshot events differ from events.jsonl"; fi
  else
    put snapshot.events fail "session.sqlite cannot be read as SQLite: $(head -n 1 "$T/snap.err")"
  fi
fi

# ---- previous.checkpoint verdict ----
if [ -n "$PREV_SIZE" ]; then
  if [ $EVENTS_OK != 1 ]; then put previous.checkpoint skip "events did not verify"
  elif [ "$PREV_SIZE" -gt "$COUNT" ]; then put previous.checkpoint fail "rollback: an earlier checkpoint covered $PREV_SIZE events, the bundle holds $COUNT" "$COUNT"
  elif [ "$PREFIX_ROOT" != "$PREV_ROOT" ]; then put previous.checkpoint fail "fork: the first $PREV_SIZE events differ from the earlier checkpoint"
  else put previous.checkpoint pass "the earlier checkpoint of $PREV_SIZE events is a prefix of this log"; fi
fi

finish
