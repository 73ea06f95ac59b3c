"""Contract suite for Hamsa's voice-agent clone API, and the embedded mock it runs against."""
