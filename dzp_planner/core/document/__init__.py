"""The plan, its edit rules, its title and its derivation (everything that follows from it)."""
