-- Failed sign-ins per account name and per client address, kept in the database so that every
-- server worker process sees the same count (an in-process count gave N workers N times the
-- guesses). `last` is wall-clock seconds (Unix time) of the latest failure.
CREATE TABLE login_failures (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last REAL NOT NULL
);
