"""Tests of the contract suite itself: its parts, and proof that it catches broken servers."""
