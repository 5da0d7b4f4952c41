#!/usr/bin/env python3
"""Checks that `cmbench surface` token counts equal Python tiktoken's, surface by surface.

Usage: scripts/tiktoken-crosscheck.py CMBENCH SPEC [SPEC ...]

Python's tiktoken normally downloads its rank files; here it is pointed (through
TIKTOKEN_CACHE_DIR) at the copies embedded in the tiktoken-rs crate, which tiktoken
itself verifies against OpenAI's published SHA-256 before using them. Exit 0 when every
count matches, 1 on any mismatch, 3 when tiktoken is not installed.
"""
import glob
import hashlib
import json
import os
import subprocess
import sys
import tempfile

URLS = {
    "o200k_base": "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
    "cl100k_base": "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
}


def prepare_cache():
    cache = tempfile.mkdtemp(prefix="cmbench-tiktoken-")
    cargo_home = os.environ.get("CARGO_HOME", os.path.expanduser("~/.cargo"))
    for name, url in URLS.items():
        found = sorted(glob.glob(f"{cargo_home}/registry/src/*/tiktoken-rs-*/assets/{name}.tiktoken"))
        if not found:
            sys.exit(f"no {name}.tiktoken under {cargo_home}/registry: build the harness first (cargo fetch)")
        key = hashlib.sha1(url.encode()).hexdigest()
        with open(found[-1], "rb") as src, open(os.path.join(cache, key), "wb") as dst:
            dst.write(src.read())
    os.environ["TIKTOKEN_CACHE_DIR"] = cache


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    try:
        import tiktoken
    except ImportError:
        print("tiktoken is not installed (pip install tiktoken): cross-check skipped", file=sys.stderr)
        return 3
    prepare_cache()
    cmbench, specs = sys.argv[1], sys.argv[2:]
    failures = 0
    for spec in specs:
        for encoding in URLS:
            enc = tiktoken.get_encoding(encoding)
            out = subprocess.run([cmbench, "surface", "--spec", spec, "--format", "json", "--encoding", encoding],
                                 check=True, capture_output=True, text=True).stdout
            report = json.loads(out)
            for s in report["surfaces"]:
                which = f'{s["name"]}:{s["variant"]}'
                tools = subprocess.run([cmbench, "surface", "--spec", spec, "--dump", which],
                                       check=True, capture_output=True, text=True).stdout.rstrip("\n")
                theirs = len(enc.encode_ordinary(tools))
                ok = theirs == s["tokens"]
                failures += not ok
                print(f'{"ok  " if ok else "DIFF"} {os.path.basename(spec):<45} {encoding:<12} {which:<26} '
                      f'cmbench {s["tokens"]:>10,}  tiktoken {theirs:>10,}')
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
