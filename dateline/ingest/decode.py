"""Text from bytes: UTF-8 or a detected legacy encoding; binary, empty and huge input refused."""
from __future__ import annotations

import codecs
import logging
import re

import charset_normalizer

from dateline.ingest.safety import scrub_surrogates
from dateline.model import InputError

# Notes about documents that were read, but not as they came (printed by `dateline ingest`).
notes = logging.getLogger("dateline.ingest.notes")

# One article page is a few hundred KB at most; anything larger is an archive, a dump or a mistake.
MAX_BYTES = 5 * 1024 * 1024

# Text files hold tabs, newlines, carriage returns and form feeds; any other C0 control byte is a
# sign of binary data. A few stray ones occur in real captures, so only a high share is refused.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
MAX_CONTROL_SHARE = 0.05
# Only the head of a file is inspected: enough to recognise binary data, cheap on big files.
_SNIFF_BYTES = 64 * 1024

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# <meta charset="..."> or <meta http-equiv="Content-Type" content="text/html; charset=...">
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""",
                           re.IGNORECASE)


def check_size(size: int, origin: str, max_bytes: int = MAX_BYTES) -> None:
    """Returns nothing; raises InputError when `size` bytes is over the cap."""
    if size > max_bytes:
        raise InputError(origin, f"is {size / 1_048_576:.1f} MB, over the"
                                 f" {max_bytes / 1_048_576:.0f} MB limit for one document")


def declared_charset(data: bytes) -> str | None:
    """Returns the charset an HTML page declares in a <meta> tag of its head, if any."""
    found = _META_CHARSET.search(data[:4096])
    return found.group(1).decode("ascii").lower() if found else None


def decode_bytes(data: bytes, origin: str, declared: str | None = None,
                 max_bytes: int = MAX_BYTES) -> str:
    """Returns the text of `data`; raises InputError if it is empty, binary, too big or undecodable.

    `declared` is a charset named by the transport or the page (HTTP header, <meta>); it is tried
    after UTF-8, because pages often declare one charset and are served in UTF-8.
    """
    check_size(len(data), origin, max_bytes)
    if not data.strip():
        raise InputError(origin, "is empty")
    if data.startswith(_UTF16_BOMS):
        # UTF-16 text is full of NUL bytes, so it must be recognised before the binary check.
        return _decode_with(data, "utf-16", origin)
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head:
        raise InputError(origin, "looks like a binary file (it holds NUL bytes), not text or HTML")
    controls = sum(head.count(byte) for byte in _CONTROL_BYTES)
    if controls / len(head) > MAX_CONTROL_SHARE:
        raise InputError(origin, "looks like a binary file (too many control characters)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # UTF-8 but for encoded surrogates (CESU-8, or a lone `ED A0 80`): pairs are joined,
        # lone ones replaced.
        wobbly = data.decode("utf-8-sig", errors="surrogatepass")
    except UnicodeDecodeError:
        pass
    else:
        text = wobbly.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
        notes.warning("%s: read as UTF-8; encoded surrogates joined or replaced by U+FFFD", origin)
        return text
    repaired = _mostly_utf8(data)
    if repaired is not None:
        text, bad = repaired
        notes.warning("%s: read as UTF-8 with %d invalid byte sequence%s replaced by U+FFFD",
                      origin, bad, "" if bad == 1 else "s")
        return text
    if declared and declared.replace("-", "").replace("_", "") not in ("utf8", "utf16"):
        try:
            return data.decode(_codec_name(declared))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration is common; detection below decides
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise InputError(origin, "is not UTF-8 and its text encoding cannot be detected")
    return _decode_with(data, best.encoding, origin)


# Multi-byte UTF-8 sequences (a lead byte and its continuation bytes) and the bytes of any
# sequence that is not valid UTF-8 (lone surrogates ED A0..BF included).
_UTF8_MULTI = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
                         rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}"
                         rb"|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}")
# Valid multi-byte characters per invalid sequence for a text to count as UTF-8 with a few bad
# bytes rather than a legacy encoding (in which valid UTF-8 pairs almost never occur by chance).
_UTF8_MAJORITY = 10


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """Returns (text, number of invalid sequences replaced) when `data` is UTF-8 but for a few
    stray bytes (a truncated copy, one byte of another encoding pasted in); None otherwise."""
    text = data.decode("utf-8", errors="replace")
    # U+FFFD in the decoded text beyond those spelled in the bytes = invalid sequences.
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    multi = len(_UTF8_MULTI.findall(data)) - data.count("\ufffd".encode())
    # One bad byte among any real UTF-8 characters is a stray; more need a clear majority.
    if bad <= 0 or multi < max(1, _UTF8_MAJORITY * (bad - 1)):
        return None
    return text.removeprefix("\ufeff"), bad


def _codec_name(charset: str) -> str:
    """Returns the Python codec for a charset label; browsers read latin-1 labels as cp1252."""
    normalized = charset.strip().lower()
    return "cp1252" if normalized in ("iso-8859-1", "latin-1", "latin1", "us-ascii") else normalized


def _decode_with(data: bytes, encoding: str, origin: str) -> str:
    """Returns `data` decoded with `encoding`; raises InputError when it does not decode."""
    try:
        return scrub_surrogates(data.decode(encoding))
    except (LookupError, UnicodeDecodeError) as error:
        raise InputError(origin, f"cannot be decoded as {encoding} ({error.__class__.__name__})"
                         ) from error
