-- Admin tools (issue 6): one row per admin action, for /audit. `counts` is a JSON object of
-- whole numbers ({"added": 16, "duplicates": 0}); `detail` holds the error of a failed action.
CREATE TABLE admin_audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    admin_id INTEGER NOT NULL,
    admin_name TEXT,
    action TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    counts TEXT NOT NULL DEFAULT '{}',
    outcome TEXT NOT NULL DEFAULT 'ok' CHECK (outcome IN ('ok', 'failed')),
    detail TEXT
);
