"""Drift: what a server answers that the spec does not say, told apart by how it affects clients,
and written to reports/drift.json (`make adopt-drift`, tools/adopt_drift.py, puts it into the
spec).

Private modules; the layers and the module map: hamsa_contract/__init__.py.
"""
