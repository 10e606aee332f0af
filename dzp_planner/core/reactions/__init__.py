"""Reaction types: what each N-functionalisation is, one module per type, found through `registry`.

A reaction type declares how its reagents are recognised (SMARTS), the products it makes
(reaction SMARTS), its k2/k1 preset with the reason, its conditions, its protocol template and
decision tree, and the words its checks and LCMS notes use. Products, checks, the procedure, the
trees' facts, `show` and the GUI ask the registry; none of them compares reaction-type strings.
"""
