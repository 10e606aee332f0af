"""The decision-tree panel and its graph."""
