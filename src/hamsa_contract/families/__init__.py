"""The test families pytest runs for `hamsa-contract-test`: one test_<family>.py per marker (`-m
semantics` runs one), and conftest.py, which wires them to the run, shows each failure in one
screen and ends with the verdict.

Private modules; the layers and the module map: hamsa_contract/__init__.py.
"""
