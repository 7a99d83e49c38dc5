-- Search (issue 4). The index now reads two columns: the snippet's own text, so exact words
-- cost no stored copy, and search_text, which holds only the other forms a search may reach a
-- word by (stems, transliterations; storage.normalize.search_form). Computing those needs
-- Python, so existing snippets are queued in search_backlog and storage.search_index.catch_up
-- fills them in; until then they are found by their exact words.
DROP TRIGGER snippets_fts_insert;
DROP TRIGGER snippets_fts_delete;
DROP TRIGGER snippets_fts_update;
DROP TABLE snippets_fts;
UPDATE snippets SET search_text = '';
CREATE TABLE search_backlog (snippet_id INTEGER PRIMARY KEY);
INSERT INTO search_backlog (snippet_id) SELECT id FROM snippets;
CREATE VIRTUAL TABLE snippets_fts USING fts5 (
    text,
    search_text,
    content = 'snippets',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO snippets_fts (snippets_fts) VALUES ('rebuild');
CREATE TRIGGER snippets_fts_insert AFTER INSERT ON snippets BEGIN
    INSERT INTO snippets_fts (rowid, text, search_text)
    VALUES (new.id, new.text, new.search_text);
END;
CREATE TRIGGER snippets_fts_delete AFTER DELETE ON snippets BEGIN
    INSERT INTO snippets_fts (snippets_fts, rowid, text, search_text)
    VALUES ('delete', old.id, old.text, old.search_text);
END;
CREATE TRIGGER snippets_fts_update AFTER UPDATE OF text, search_text ON snippets BEGIN
    INSERT INTO snippets_fts (snippets_fts, rowid, text, search_text)
    VALUES ('delete', old.id, old.text, old.search_text);
    INSERT INTO snippets_fts (rowid, text, search_text)
    VALUES (new.id, new.text, new.search_text);
END;
-- The index's words and how many snippets hold each: typo correction and prefix search.
CREATE VIRTUAL TABLE snippets_vocab USING fts5vocab (snippets_fts, 'col');
-- Names admins add to the gazetteer with `briefbot load` (bot/gazetteer.py merges them).
CREATE TABLE gazetteer_names (
    name TEXT NOT NULL,
    spelling TEXT NOT NULL,
    kind TEXT NOT NULL,
    ambiguous INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    PRIMARY KEY (name, spelling)
);
