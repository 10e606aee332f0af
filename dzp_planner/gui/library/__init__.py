"""The plan library dialog, its table model and thumbnails."""
