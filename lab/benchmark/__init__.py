"""The catalogue search benchmark: a synthetic catalogue (generate) and its measurements (run)."""
