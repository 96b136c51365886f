"""Exports from the web: the events table's filter as JSONL (EVENTS.md), CSV, GeoJSON or
ACLED-style CSV; with no filter, JSONL holds every kind of record. Rejected events are left out."""
from __future__ import annotations

import io
from datetime import date

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from dateline.serve.exports import EXPORT_FORMATS, MEDIA_TYPES, SUFFIXES, write_export
from dateline.serve.site import get_site
from dateline.serve.views.common import request_filter

router = APIRouter(include_in_schema=False)


@router.get("/export/{fmt}")
def download(request: Request, fmt: str) -> Response:
    if fmt not in EXPORT_FORMATS:
        raise HTTPException(404, f"no export format {fmt} (formats: {', '.join(EXPORT_FORMATS)})")
    site = get_site(request)
    flt = request_filter(request)
    handle = io.StringIO()
    filtered = bool(flt.as_params())
    write_export(site.store(), fmt, handle, flt=flt if filtered else None, directory=site.directory)
    name = f"dateline-{'events' if filtered or fmt != 'jsonl' else 'ledger'}-{date.today():%Y%m%d}{SUFFIXES[fmt]}"
    return Response(handle.getvalue().encode("utf-8"), media_type=MEDIA_TYPES[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
