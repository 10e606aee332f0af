"""Reactions that put a carbonyl or sulfonyl on the nitrogen: amides, sulfonamides, ureas, carbamates, Boc."""

# why the acyl types share one k2/k1 reason: the first group is what slows the second N
DEACTIVATING_REASON = ("an estimate: the first acyl group lowers the other nitrogen's basicity (ethyl "
                       "piperazine-1-carboxylate pKaH 8.25 against piperazine's 9.73) and so its rate; a fast "
                       "acylation is often faster than mixing, which looks like a larger k2/k1: fit it from a run")
DEACTIVATING_K2_K1 = 0.25

# the acyl protocols charge 3 equiv of diamine per electrophile (0.33 equiv), not Module A's 10 : 1
PROTOCOL_RATIO = 3.0
PROTOCOL_RATIO_TEXT = "the protocol uses 3 : 1 (Module A's 10 : 1 is its advice for alkylation)"
