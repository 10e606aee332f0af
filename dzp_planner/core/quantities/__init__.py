"""Units, the reaction table, dilution, additions and salt forms: numbers with units."""
