"""Reactions that put an aryl on the nitrogen: SNAr (no metal) and Buchwald–Hartwig (palladium)."""
