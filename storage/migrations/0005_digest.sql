-- The automatic briefing's stories, one row per day. `content_key` fingerprints the snippets
-- they were built from: when the day's content changes, the key no longer matches and the
-- stories are built again. `stories` is JSON: labels and snippet ids, in rank order.
CREATE TABLE digests (
    day TEXT PRIMARY KEY,
    content_key TEXT NOT NULL,
    stories TEXT NOT NULL,
    built_at TEXT NOT NULL
);
