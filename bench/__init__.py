"""Benchmarks of the client, the contract suite, the mock and the generator (`make bench`).

Speed is measured, never asserted: every figure is a median with its spread over stated
repetitions, on a stated machine, and every ratio compares two variants run in the same process.
"""
