"""Checkout-only tools (not in the wheel): they edit openapi/ and run `make`.

- tools/adopt_drift.py: `make adopt-drift`, the fields the last run saw, into the spec.
- tools/drift_adoption.py: where in the spec each observed field belongs, and writing it there.
- tools/drift_field_schema.py: the spec's own form of an observed field, from genson's schema.
- tools/set_up.py: the checkout's virtualenv, for `make install` and `./contract-test`.
"""
