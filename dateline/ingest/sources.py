"""Raw documents from the inputs a user names: files, folders, JSONL corpora, URLs and feeds.

Every failure becomes an InputError naming its input (a path, `file.jsonl:12`, a URL) and the
run goes on with the next document.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from dateline.ingest.decode import MAX_BYTES, declared_charset, decode_bytes
from dateline.ingest.feeds import feed_documents
from dateline.ingest.fetch import fetch, page_document
from dateline.ingest.safety import open_regular_file, printable, read_regular_file, scrub_surrogates
from dateline.model import InputError, RawDocument

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES

_ISO_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ].*)?")


def iter_documents(specs: list[str]) -> Iterator[RawDocument | InputError]:
    """Yields a raw document, or an InputError, for every article in the inputs, in order."""
    for spec in specs:
        yield from spec_documents(spec)


def spec_documents(spec: str) -> Iterator[RawDocument | InputError]:
    """Yields the documents of one input: an http(s) URL, a file, or a folder (recursively)."""
    if spec.lower().startswith(("http://", "https://")):
        yield from url_documents(spec)
        return
    if not spec.strip():
        # Path("") is the current folder: an empty argument (an unset shell variable) must not
        # ingest whatever the folder holds.
        yield InputError(repr(spec), "is an empty name, not a file, folder or URL")
        return
    path = Path(spec)
    if path.is_dir():
        for file in folder_files(path):
            yield from _guarded(file_documents(file), printable(str(file)))
    elif path.is_file():
        yield from _guarded(file_documents(path), printable(spec))
    elif path.exists():
        yield InputError(printable(spec), "is neither a regular file nor a folder")
    else:
        yield InputError(printable(spec), "no such file, folder or URL")


def _guarded(documents: Iterator[RawDocument | InputError], origin: str) -> Iterator[RawDocument | InputError]:
    """Yields what `documents` yields; an unexpected failure while reading a file becomes one
    InputError for it and the run goes on with the next file."""
    try:
        yield from documents
    except Exception as error:  # a parser's bug costs the rest of one file, not the run
        yield InputError(origin, f"could not be read ({type(error).__name__}:"
                                 f" {' '.join(str(error).split())[:200]})")


def folder_files(folder: Path) -> list[Path]:
    """Returns the files under a folder, recursively and sorted, leaving out hidden ones."""
    found: list[Path] = []
    for root, folders, files in os.walk(folder):
        # Hidden entries are editor backups, VCS metadata and OS litter, never articles; a
        # folder's own documentation (README.md, LICENSE, SOURCE.md) describes it, it is not news.
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        found.extend(Path(root) / name for name in files
                     if not name.startswith(".") and not _is_documentation(name))
    return sorted(found, key=lambda path: path.relative_to(folder).parts)


def _is_documentation(name: str) -> bool:
    lowered = name.lower()
    return lowered.endswith((".md", ".rst")) or lowered.split(".")[0] in ("readme", "license", "licence",
                                                                          "copying", "notice")


def file_documents(path: Path) -> Iterator[RawDocument | InputError]:
    """Yields the documents in one file, read by its extension; others give an InputError.

    The origin and the id derived from the name are printable: a name's control characters and
    undecodable bytes are escaped (`\\x1b`, `\\xff`)."""
    origin = printable(str(path))
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from jsonl_documents(path)
        return
    if suffix not in SUPPORTED_SUFFIXES:
        # Refused rather than skipped in silence, so the user sees what a folder held that was
        # not read; the run goes on.
        expected = ", ".join(sorted(SUPPORTED_SUFFIXES))
        yield InputError(origin, f"unsupported file type {suffix or '(no extension)'};"
                                 f" expected one of {expected}")
        return
    try:
        data = read_regular_file(path, origin, MAX_BYTES)
        if suffix in FEED_SUFFIXES:
            decode_bytes(data, origin)  # the same empty/binary/size checks as any other file
            yield from feed_documents(data, origin)
        elif suffix in HTML_SUFFIXES:
            html = decode_bytes(data, origin, declared_charset(data))
            yield RawDocument(origin=origin, id=printable(path.stem), html=html)
        else:
            yield RawDocument(origin=origin, id=printable(path.stem), text=decode_bytes(data, origin))
    except InputError as error:
        yield error
    except OSError as error:
        yield InputError(origin, f"cannot be read ({error.strerror or error})")


def url_documents(url: str) -> Iterator[RawDocument | InputError]:
    """Yields the article at a URL, or the items of the feed at it."""
    try:
        fetched = fetch(url)
        if fetched.is_feed:
            yield from feed_documents(fetched.body, url, feed_url=fetched.url)
        else:
            yield page_document(fetched, url)
    except InputError as error:
        yield error


def jsonl_documents(path: Path) -> Iterator[RawDocument | InputError]:
    """Yields one document per line of a JSONL corpus; a bad line gives InputError `file:LINE`."""
    name = printable(str(path))
    try:
        handle = os.fdopen(open_regular_file(path, name), "rb")
    except InputError as error:
        yield error
        return
    with handle:
        for number, line in enumerate(_capped_lines(handle, MAX_BYTES), start=1):
            origin = f"{name}:{number}"
            if line is None:
                yield InputError(origin, f"line is over the {MAX_BYTES / 1_048_576:.0f} MB limit"
                                         " for one document")
                continue
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                yield record_document(record, origin)
            except InputError as error:
                yield error
            except UnicodeDecodeError:
                yield InputError(origin, "line is not valid UTF-8")
            except json.JSONDecodeError as error:
                yield InputError(origin, f"line is not valid JSON ({error.msg},"
                                         f" column {error.colno})")
            except RecursionError:
                yield InputError(origin, "line is not usable JSON (arrays or objects nested too deeply)")


def _capped_lines(handle: Any, max_bytes: int) -> Iterator[bytes | None]:
    """Yields the lines of a binary file, or None for a line over `max_bytes` (skipped to its
    end without holding it in memory)."""
    while True:
        line = handle.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def record_document(record: Any, origin: str) -> RawDocument:
    """Returns the raw document a JSONL record describes; raises InputError for a malformed record.

    A record has `text` or `html` (when both are given, `text` is used: it is what the user
    curated), an optional `id` (else one is derived from the text), and optional `url`, `title`,
    `outlet`, `author` and `published` (YYYY-MM-DD).
    """
    if not isinstance(record, dict):
        raise InputError(origin, f"line holds a JSON {type(record).__name__}, not an object")
    text = _optional_string(record, "text", origin)
    html = _optional_string(record, "html", origin)
    if not (text and text.strip()) and not (html and html.strip()):
        raise InputError(origin, "record has no `text` or `html` with content")
    identifier = record.get("id")
    if identifier is not None and (isinstance(identifier, bool)
                                   or not isinstance(identifier, (str, int))
                                   or not str(identifier).strip()):
        raise InputError(origin, "`id` must be a non-empty string or a number")
    use_text = bool(text and text.strip())
    return RawDocument(
        origin=origin,
        id=printable(str(identifier).strip()) if identifier is not None else None,
        text=text if use_text else None,
        html=None if use_text else html,
        url=_optional_string(record, "url", origin),
        title=_optional_string(record, "title", origin),
        outlet=_optional_string(record, "outlet", origin),
        author=_optional_string(record, "author", origin),
        published=_published(record.get("published"), origin),
    )


def _optional_string(record: dict[str, Any], name: str, origin: str) -> str | None:
    """Returns a string field of a record, None when absent or null; raises InputError otherwise."""
    value = record.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(origin, f"`{name}` must be a string, not {type(value).__name__}")
    # JSON can spell a lone surrogate (`"\\ud800"`), which no UTF-8 writer accepts.
    return scrub_surrogates(value)


def _published(value: Any, origin: str) -> date | None:
    """Returns the date of a `published` field (YYYY-MM-DD, a time after it is ignored)."""
    if value is None or value == "":
        return None
    found = _ISO_DAY.fullmatch(value) if isinstance(value, str) else None
    try:
        if found:
            return date.fromisoformat(found.group(1))
    except ValueError:
        pass  # reported below with the value
    raise InputError(origin, f"`published` must be a date as YYYY-MM-DD, not {value!r}")
