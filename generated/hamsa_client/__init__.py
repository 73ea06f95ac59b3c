"""A client library for accessing Hamsa Voice Agents API (clone)"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
