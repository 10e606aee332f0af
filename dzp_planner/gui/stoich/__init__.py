"""The stoichiometry panel: the reaction table, the addition line, the dilution dialog."""
