"""The UI strings, one module per feature; bot.i18n merges them."""
