"""A client library for accessing Hamsa Voice Agents API (clone).

Hand-written modules (this one, client, errors and the private _-modules) around the code
`make generate` writes from openapi/: api/, models/ and types.py.
"""

from ._client import AuthenticatedClient, Client
from ._regions import Region
from ._retries import RetryPolicy
from ._watch import ContractWatch

__all__ = (
    "AuthenticatedClient",
    "Client",
    "ContractWatch",
    "Region",
    "RetryPolicy",
)
