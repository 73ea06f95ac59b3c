"""Tests of hamsa_contract.drift."""
