"""Judging: whether an answer keeps the contract. `_judge` judges every answer the run receives,
whatever made the request; `_checks` are the suite's own checks beside schemathesis' built-in ones
(`_conformance`); `_answers` and `_request_check` state what a documented answer and an allowed
request look like.

Private modules; the layers and the module map: hamsa_contract/__init__.py.
"""
