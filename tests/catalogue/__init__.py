"""The catalogue of servers the suite is proven against: conformant and broken variants of the
mock, and conformant servers on real web stacks, with the tests that run the suite on each."""
