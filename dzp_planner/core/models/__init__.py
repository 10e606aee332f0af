"""Kinetics, mixing, extraction and fitting: the models of what a reaction gives."""
