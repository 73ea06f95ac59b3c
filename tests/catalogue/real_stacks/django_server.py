"""The clone endpoint on Django, served over ASGI by uvicorn: a class-based view under the
default middleware of `startproject` (security, common, CSRF, the view exempt as an API
endpoint is), and the URLconf's `handler400`/`handler404`/`handler500` views plus the view's
`http_method_not_allowed` answering with the contract's error envelope (CONTRACT.md decision 5).

Framework defaults kept: Django's ASGI handler joins repeated headers with a comma, so a request
with two Authorization headers is refused (decision 9); `View` answers OPTIONS itself with 200
and an `Allow` header (decision 10 allows it); `JsonResponse` escapes non-ASCII characters;
SecurityMiddleware adds its headers to every answer.

Django's settings and URLconf belong to the process, so the view's store does too: one Django
server is served at a time (`serve` refuses a second).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Final

import django
from django.conf import settings
from django.core.handlers.asgi import ASGIHandler
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from hamsa_contract.mock._server import serve_in_thread
from tests.catalogue.real_stacks.agents import MemoryAgents, token_is_valid
from tests.catalogue.real_stacks.serving import StackServer

_SETTINGS: Final[dict[str, Any]] = {
    "DEBUG": False,
    "SECRET_KEY": "real-stack-django-only-for-tests",
    "ALLOWED_HOSTS": ["127.0.0.1", "localhost"],
    "ROOT_URLCONF": __name__,
    "MIDDLEWARE": [
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
    ],
    "INSTALLED_APPS": [],
    "USE_TZ": True,
}
_serving = threading.Lock()
_store: MemoryAgents | None = None


def _error(status: int, message: str, key: str) -> JsonResponse:
    return JsonResponse({"success": False, "message": message, "messageKey": key}, status=status)


@method_decorator(csrf_exempt, name="dispatch")
class CloneVoiceAgent(View):  # type: ignore[misc]  # Django ships no types
    def post(self, request: HttpRequest) -> JsonResponse:
        if not token_is_valid(request.headers.get("Authorization")):
            return _error(401, "Unauthorized", "UNAUTHORIZED")
        source_id = request.GET.get("voiceAgentId")
        if not source_id:
            return _error(400, "voiceAgentId is required", "VALIDATION_ERROR")
        if request.content_type != "application/json":
            return _error(400, "the body must be sent as application/json", "VALIDATION_ERROR")
        try:
            body = json.loads(request.body)
        except ValueError:
            return _error(400, "the body is not JSON", "VALIDATION_ERROR")
        name = body.get("agentName") if isinstance(body, dict) else None
        if not isinstance(name, str) or not name:
            return _error(400, "agentName must be a non-empty string", "VALIDATION_ERROR")
        assert _store is not None, "no Django server is being served"
        clone = _store.clone(source_id, name)
        if clone is None:
            return _error(404, "Voice agent not found", "VOICE_AGENT_NOT_FOUND")
        return JsonResponse({"success": True, "message": "success", "data": clone})

    def http_method_not_allowed(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponse:
        response = _error(405, "Method not allowed", "METHOD_NOT_ALLOWED")
        response["Allow"] = ", ".join(self._allowed_methods())
        return response


def bad_request(request: HttpRequest, exception: Exception) -> JsonResponse:
    return _error(400, "Bad request", "VALIDATION_ERROR")


def not_found(request: HttpRequest, exception: Exception) -> JsonResponse:
    return _error(404, "Not found", "NOT_FOUND")


def server_error(request: HttpRequest) -> JsonResponse:
    return _error(500, "Internal server error", "INTERNAL_ERROR")


urlpatterns = [path("v1/voice-agents/clone", CloneVoiceAgent.as_view())]
handler400 = bad_request
handler404 = not_found
handler500 = server_error


def _application() -> ASGIHandler:
    if not settings.configured:
        settings.configure(**_SETTINGS)
        django.setup(set_prefix=False)
    return ASGIHandler()


def server() -> StackServer:
    store = MemoryAgents()

    @contextmanager
    def serving() -> Iterator[str]:
        global _store
        if not _serving.acquire(blocking=False):
            raise RuntimeError("a Django server is already being served in this process")
        _store = store
        try:
            with serve_in_thread(_application()) as base_url:
                yield base_url
        finally:
            _store = None
            _serving.release()

    return StackServer("Django", store, serving)
