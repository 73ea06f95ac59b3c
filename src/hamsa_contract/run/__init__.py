"""One contract run: the Suite (target, settings, write budget, door, journal, ledger, judge), the
planned clones every rule shares, and the property tests' settings.

Private modules; the layers and the module map: hamsa_contract/__init__.py.
"""
