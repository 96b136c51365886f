"""Running the workbench with uvicorn: one process, or `--workers N` processes on one socket.

Several workers serve the pages in parallel (SQLite in WAL mode lets every reader go on while
an ingest writes). Each worker builds the app from the settings the parent put in the
environment; the parent migrates and indexes the database first, so workers only read.
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

from dateline.serve.app import create_app
from dateline.serve.hardening import allowed_hosts_for

SETTINGS_ENV = "DATELINE_SERVE_SETTINGS"


def serve(db: str, host: str, port: int, private: bool = False, kb_paths: list[str] | None = None,
          secure_cookies: bool = False, workers: int = 1,
          announce: Callable[[], None] | None = None) -> None:
    """Serves `db` until interrupted; raises StoreError when the file is not a Dateline database."""
    import uvicorn

    settings: dict[str, Any] = {"db_path": db, "private": private, "kb_paths": list(kb_paths or []),
                                "secure_cookies": secure_cookies, "allowed_hosts": allowed_hosts_for(host)}
    app = create_app(**settings)  # migrates and indexes the file once, before any worker starts
    if announce:
        announce()
    options: dict[str, Any] = {"host": host, "port": port, "log_level": "warning", "access_log": False}
    if workers <= 1:
        uvicorn.run(app, **options)
        return
    os.environ[SETTINGS_ENV] = json.dumps(settings)
    uvicorn.run("dateline.serve.run:app_from_environment", factory=True, workers=workers, **options)


def app_from_environment() -> FastAPI:
    """Returns the app a worker process serves, from the settings its parent left."""
    return create_app(**json.loads(os.environ[SETTINGS_ENV]))
