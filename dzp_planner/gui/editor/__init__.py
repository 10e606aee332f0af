"""The structure editor: a 2D drawing canvas over an RDKit molecule, and its panel."""
