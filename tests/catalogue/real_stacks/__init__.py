"""Conformant servers built on real Python stacks, the way a team would write the clone endpoint
on each (one module per framework), each with its framework's defaults: the catalogue's proof
that the suite's rules hold on real servers, not only on variants of the mock."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Final

from tests.catalogue.real_stacks import (
    aiohttp_server,
    django_server,
    falcon_server,
    fastapi_server,
    flask_server,
    stdlib_server,
)
from tests.catalogue.real_stacks.serving import StackServer

# Catalogue name -> a fresh server (its own store) each call.
STACKS: Final[Mapping[str, Callable[[], StackServer]]] = MappingProxyType(
    {
        "fastapi_pydantic": fastapi_server.server,
        "fastapi_key_in_handler": fastapi_server.server_checking_the_key_in_the_handler,
        "flask_waitress_sqlite": flask_server.server,
        "aiohttp_web": aiohttp_server.server,
        "aiohttp_any_content_type": aiohttp_server.server_reading_any_content_type,
        "django_asgi": django_server.server,
        "falcon_asgi": falcon_server.server,
        "falcon_binds_forms": falcon_server.server_binding_forms,
        "stdlib_closes_early": stdlib_server.server,
    }
)
