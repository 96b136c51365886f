"""Guards for hostile or broken input: text that cannot be encoded, names that would drive the
terminal, files that are not files, and text that holds no words at all.

Each guard is cheap (linear in the input) and returns a value or raises InputError naming the
input, so one bad document costs one line of output and the run goes on.
"""
from __future__ import annotations

import errno
import logging
import os
import re
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from dateline.model import InputError

# A `str` holds surrogate code points only when something is broken: a lone `\ud800` escape in
# JSON, or a file name's undecodable byte kept by Python's surrogateescape (U+DC80..U+DCFF).
# Neither can be written as UTF-8 (to SQLite, a hash, a terminal).
_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 and C1 control characters, DEL, and the bidirectional overrides that can disguise a name.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def scrub_surrogates(text: str) -> str:
    """Returns `text` with every lone surrogate replaced by U+FFFD (the replacement character)."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def printable(text: str) -> str:
    """Returns `text` safe to print on a terminal and to store as a name: control characters
    become `\\x1b`-style escapes and a file name's undecodable bytes become `\\xff`."""
    return _UNPRINTABLE.sub(_escape, text) if _UNPRINTABLE.search(text) else text


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    if 0xDC80 <= code <= 0xDCFF:  # a raw byte of a file name (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def read_regular_file(path: Path, origin: str, max_bytes: int) -> bytes:
    """Returns the bytes of a regular file, reading at most `max_bytes` (one more to tell that
    it is over); raises InputError for a FIFO, a device, a socket or a file over the cap.

    The file is opened without blocking (a FIFO with no writer would wait forever) and its
    type is checked on the open descriptor, so a symlink to /dev/zero is refused, not read.
    """
    descriptor = open_regular_file(path, origin)
    with os.fdopen(descriptor, "rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(origin, f"is over the {max_bytes / 1_048_576:.0f} MB limit for one document")
    return data


def open_regular_file(path: Path, origin: str) -> int:
    """Returns a descriptor open for reading on a regular file (blocking mode restored);
    raises InputError naming what else it is."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        if error.errno == errno.ENXIO:  # a FIFO or socket with nobody at the other end
            raise InputError(origin, "is not a regular file (a pipe or socket); skipped") from error
        raise InputError(origin, f"cannot be read ({error.strerror or error})") from error
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        raise InputError(origin, f"is not a regular file (a {_kind(mode)}); skipped")
    os.set_blocking(descriptor, True)
    return descriptor


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISDIR(mode):
        return "folder"
    return "special file"


# Letters of the scripts of the news Dateline reads: Latin (with its accented and extended
# letters), Cyrillic, Hebrew and Arabic (with its vowel marks).
_LATIN = ("A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0400-\u04ff\u05d0-\u05ea"
          "\u0620-\u065f\u066e-\u06d3")
# Four words in a row (the first and last of two letters or more: "hit a base"), with only
# spaces or light punctuation between them: the least a sentence of news is made of. Random
# symbols and noise in other scripts have none.
_SEP = "[ ,;:'’\"()\\-]{1,3}"
_WORD_RUN = re.compile(rf"(?<![{_LATIN}])[{_LATIN}]{{2,}}(?:{_SEP}[{_LATIN}]+){{2}}{_SEP}[{_LATIN}]{{2,}}")


def has_sentence_of_words(text: str) -> bool:
    """Tells whether `text` holds at least one run of four words in a supported script."""
    return _WORD_RUN.search(text) is not None


@contextmanager
def echo_notes(echo: Callable[[str], None]) -> Iterator[None]:
    """Within the block, passes each ingest note (a document read with repairs) to `echo`."""
    logger = logging.getLogger("dateline.ingest.notes")

    class _Echo(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            echo(printable(record.getMessage()))

    handler = _Echo()
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
