"""Reactions that put an sp3 carbon on the nitrogen: reductive amination, alkylation, aza-Michael, epoxide opening."""
