"""Tests of hamsa_contract: one folder per sub-package, and tests of behaviour that spans them."""
