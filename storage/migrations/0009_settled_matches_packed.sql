-- Keyword alerts (issue 8): most patterns a load matches are settled by a hit on one of their
-- lookup rows (follow_terms.whole). Writing a load_matches row for each of them, in the load's
-- transaction, cost more than finding them (a third of what matching added to a load at
-- 100 000 follows, bench/follow.py). The load now keeps them as two values on its row:
-- terms, the snippet ids of each followed word, pair and prefix it holds ({term: [id, ...]},
-- JSON), and settled, the patterns those terms settle ([[pattern id, term], ...]). The bot
-- lays them out as load_matches rows when it queues the load's alerts, in the transaction
-- that marks the load alerted (storage/alerts.py, queue_new_loads), and empties them.
ALTER TABLE alert_loads ADD COLUMN terms TEXT NOT NULL DEFAULT '{}';
ALTER TABLE alert_loads ADD COLUMN settled TEXT NOT NULL DEFAULT '[]';
