"""What a run tells: the ledger of what it saw, the verdict, the closing summary, and each failure
in one screen.

Private modules; the layers and the module map: hamsa_contract/__init__.py.
"""
