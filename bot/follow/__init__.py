"""Keyword alerts: following a query, matching loads against it, delivering the alerts."""
