"""Sending: the target and the run's settings, the door every request goes through (write cap,
journal, 429s), schemathesis' adapter onto the door, and the hand-made clone requests.

Private modules; the layers and the module map: hamsa_contract/__init__.py.
"""
