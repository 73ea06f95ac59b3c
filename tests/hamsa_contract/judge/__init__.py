"""Tests of hamsa_contract.judge."""
