"""`make mutation` (`python -m tools.mutation`): mutmut on the modules in plan.toml, written to
results.json; results.py reads both and checks they agree (tests/tools/mutation/test_results.py)."""
