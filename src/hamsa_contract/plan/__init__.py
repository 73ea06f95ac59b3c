"""The write plan and cap: which checks need an agent created, decided before anything is sent, and
which requests may create one.

Private modules; the layers and the module map: hamsa_contract/__init__.py.
"""
