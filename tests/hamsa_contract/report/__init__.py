"""Tests of hamsa_contract.report."""
