-- Keyword alerts (issue 8): a load wrote a load_matches row per pattern it matched, in its own
-- transaction: at 100 000 follows, 8 474 rows, a third of what matching added to the load
-- (bench/follow.py). The load now writes what it matched as one value on its row, matched:
-- [[pattern id, [[snippet id, ...], ...]], ...] (JSON), each pattern with the id lists that
-- load_matches.snippets holds. The bot writes it out as load_matches rows when it queues the
-- load's alerts, in the transaction that marks the load alerted (storage/alerts.py,
-- queue_new_loads), and empties it.
ALTER TABLE alert_loads ADD COLUMN matched TEXT NOT NULL DEFAULT '[]';
