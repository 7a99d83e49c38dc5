-- Keyword alerts (issue 8): a pattern's other groups and exclusions travel with its lookup rows.
-- A load reads the lookup rows its words hit; reading the checks of those patterns from a table
-- of their own cost a second statement and a row per check (a third of matching at 100 000
-- follows, bench/follow.py). Each lookup row of a pattern a hit does not settle (whole = 0) now
-- holds them packed (storage.follow_pattern.pack_checks): "group<US>term<US>phrase" rows
-- joined by <RS>, the ASCII unit and record separators, which no term or phrase holds.
ALTER TABLE follow_terms ADD COLUMN checks TEXT NOT NULL DEFAULT '';
UPDATE follow_terms SET checks = coalesce((
    SELECT group_concat(c.grp || char(31) || c.term || char(31) || c.phrase, char(30))
    FROM follow_checks AS c WHERE c.pattern_id = follow_terms.pattern_id
), '')
WHERE whole = 0;
DROP TABLE follow_checks;
