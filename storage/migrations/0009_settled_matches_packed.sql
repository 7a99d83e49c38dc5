-- Keyword alerts (issue 8): writing a load_matches row for each pattern a load matched, in the
-- load's transaction, cost more than finding them (a third of what matching added to a load
-- at 100 000 follows, bench/follow.py). The load now keeps what it matched as three values on
-- its row:
-- - terms: the snippet ids of each followed word, pair and prefix it holds ({term: [id, ...]});
-- - settled: the patterns a hit on one of their lookup rows settles (follow_terms.whole), and
--   the terms that hit them ([[pattern id, term], ...]);
-- - checked: the other patterns it matched, checked in Python ([[pattern id, [[id, ...]]], ...]).
-- All JSON. The bot lays them out as load_matches rows when it queues the load's alerts, in
-- the transaction that marks the load alerted (storage/alerts.py, queue_new_loads), and
-- empties them.
ALTER TABLE alert_loads ADD COLUMN terms TEXT NOT NULL DEFAULT '{}';
ALTER TABLE alert_loads ADD COLUMN settled TEXT NOT NULL DEFAULT '[]';
ALTER TABLE alert_loads ADD COLUMN checked TEXT NOT NULL DEFAULT '[]';
