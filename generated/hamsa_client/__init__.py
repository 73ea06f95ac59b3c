"""A client library for accessing Hamsa Voice Agents API (clone)"""

from .client import AuthenticatedClient, Client, ContractWatch, Region, RetryPolicy

__all__ = (
    "AuthenticatedClient",
    "Client",
    "ContractWatch",
    "Region",
    "RetryPolicy",
)
