-- The daily push: why a chat stopped receiving it, a channel's @name and who added it, when
-- each delivery was due and whether it was in flight at a crash, and one row per push run.
ALTER TABLE subscribers ADD COLUMN username TEXT;
ALTER TABLE subscribers ADD COLUMN inactive_reason TEXT;
ALTER TABLE subscribers ADD COLUMN added_by INTEGER;
UPDATE subscribers SET inactive_reason = 'unsubscribed' WHERE active = 0;
CREATE INDEX subscribers_by_username ON subscribers (username COLLATE NOCASE);
ALTER TABLE deliveries ADD COLUMN due_at TEXT;
ALTER TABLE deliveries ADD COLUMN in_doubt INTEGER NOT NULL DEFAULT 0;
CREATE INDEX deliveries_by_state ON deliveries (state, due_at);
CREATE TABLE push_runs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('scheduled', 'publish')),
    days TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    total INTEGER NOT NULL DEFAULT 0,
    sent INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    blocked INTEGER NOT NULL DEFAULT 0,
    in_doubt INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    messages INTEGER NOT NULL DEFAULT 0,
    no_content TEXT NOT NULL DEFAULT ''
);
