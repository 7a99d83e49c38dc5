"""Admin tools in Telegram: loading documents, editing content, corrections, audit."""
