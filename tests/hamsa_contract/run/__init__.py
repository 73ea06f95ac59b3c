"""Tests of hamsa_contract.run."""
