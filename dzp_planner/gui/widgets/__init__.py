"""Small widgets and helpers every room may use (layouts, spin boxes, dialogs, fonts, forms)."""
