"""Tests of hamsa_contract.plan."""
