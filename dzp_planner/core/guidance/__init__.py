"""Decision trees, protocol templates, the procedure text, checks and structure alerts."""
