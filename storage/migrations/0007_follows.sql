-- Keyword alerts (issue 8). A follow is a /search query a chat wants to hear about, compiled
-- into a pattern (storage/follow_pattern.py). Chats following the same query share one
-- follow_patterns row. follow_terms holds the forms of its lookup group (its rarest): a load
-- finds the patterns its new snippets may match by looking up those snippets' own words (never
-- by rescanning the store); follow_checks holds the pattern's other groups and exclusions, read
-- by pattern id for the few patterns the lookup group finds. Matching reads no other copy of
-- the pattern: the text in follow_patterns only tells two follows of the same query apart.
CREATE TABLE followers (
    chat_id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('user', 'group', 'channel')),
    language TEXT NOT NULL DEFAULT 'fr',
    quiet_from TEXT,
    quiet_until TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    inactive_reason TEXT,
    updated_at TEXT NOT NULL
);
-- AUTOINCREMENT here and on follows: an id is never reused, so a load's matches (by pattern)
-- and its last_follow_id never reach a pattern or a follow made after it.
CREATE TABLE follow_patterns (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    pattern TEXT NOT NULL UNIQUE
);
-- term: a word form, "+" and two words in a row ("+w1 w2": a two-word phrase), or "*" + a
-- prefix (the marked terms sort before every word: a load reads them in one range).
-- phrase: a phrase that its term does not settle (one word, or three and more, space-separated;
-- its term is a pair it holds), '' otherwise. whole: a hit on any row of the pattern is a match
-- (one group, no exclusions, no phrase to verify), which SQLite settles alone.
CREATE TABLE follow_terms (
    term TEXT NOT NULL,
    pattern_id INTEGER NOT NULL REFERENCES follow_patterns (id) ON DELETE CASCADE,
    phrase TEXT NOT NULL,
    whole INTEGER NOT NULL,
    PRIMARY KEY (term, pattern_id, phrase)
) WITHOUT ROWID;
CREATE INDEX follow_terms_by_pattern ON follow_terms (pattern_id);
-- grp: 1.. for the other required groups (each must be found), -1 for the exclusions.
CREATE TABLE follow_checks (
    pattern_id INTEGER NOT NULL REFERENCES follow_patterns (id) ON DELETE CASCADE,
    grp INTEGER NOT NULL,
    term TEXT NOT NULL,
    phrase TEXT NOT NULL,
    PRIMARY KEY (pattern_id, grp, term, phrase)
) WITHOUT ROWID;
CREATE TABLE follows (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id INTEGER NOT NULL REFERENCES followers (chat_id) ON DELETE CASCADE,
    pattern_id INTEGER NOT NULL REFERENCES follow_patterns (id),
    query TEXT NOT NULL,
    canonical TEXT NOT NULL,
    created_by INTEGER,
    created_at TEXT NOT NULL,
    UNIQUE (chat_id, canonical)
);
CREATE INDEX follows_by_pattern ON follows (pattern_id);
-- What a load matched: one row per pattern, with the ids of the new snippets it matches (JSON:
-- lists of ids, one per term it was found by, which may overlap), committed with the content; the alert of a chat lists those of its follows'
-- patterns. Follows made after the load (id past last_follow_id) are not part of its alerts.
-- The bot turns a load into one alert row per chat when it first sees it (alerted 0 -> 1, in
-- one transaction with the rows: storage/alerts.py, queue_new_loads).
-- AUTOINCREMENT: a load's id is never reused, even after the last load's rows are gone.
CREATE TABLE alert_loads (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    snippets INTEGER NOT NULL,
    last_follow_id INTEGER NOT NULL,
    alerted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX alert_loads_to_alert ON alert_loads (id) WHERE alerted = 0;
CREATE TABLE load_matches (
    load_id INTEGER NOT NULL REFERENCES alert_loads (id) ON DELETE CASCADE,
    pattern_id INTEGER NOT NULL,
    snippets TEXT NOT NULL,
    PRIMARY KEY (load_id, pattern_id)
) WITHOUT ROWID;
-- The alert ledger: one row per (chat, load), like deliveries per (chat, day), so a restart
-- never sends an alert twice. A load that matched nothing leaves no row anywhere. An alert's
-- due_at is NULL until quiet hours hold it: it is due as soon as the bot sees it (the bot's
-- clock, not that of the process that loaded the file, says when that is).
CREATE TABLE alerts (
    chat_id INTEGER NOT NULL,
    load_id INTEGER NOT NULL REFERENCES alert_loads (id),
    state TEXT NOT NULL
        CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'skipped')),
    attempts INTEGER NOT NULL DEFAULT 0,
    due_at TEXT,
    in_doubt INTEGER NOT NULL DEFAULT 0,
    message_id INTEGER,
    error TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (chat_id, load_id)
);
CREATE INDEX alerts_by_state ON alerts (state, due_at);
