"""Search as users meet it: gazetteer names, typo correction, one call for handlers."""
