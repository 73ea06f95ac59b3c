"""Tests of hamsa_contract.send."""
