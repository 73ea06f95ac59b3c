"""Helpers shared by tests in more than one folder: running the suite as a user would, live
runs on loopback, in-process runs, made-up run facts, wrapped mocks, fresh virtualenvs, the
client's test doubles, and drift fixtures."""
