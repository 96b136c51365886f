"""Names compared the way the merge compares them."""
from __future__ import annotations

import re


def norm(text: str) -> str:
    """Returns the name lower-cased with every run of other characters one space."""
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()
