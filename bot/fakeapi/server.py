"""The HTTP side: aiohttp serving ``/bot<token>/<method>`` and ``/file/bot<token>/<path>``."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from aiohttp import web

from .errors import ApiError
from .methods import METHODS, Method
from .models import Call
from .params import Params, read_params
from .world import World


def _dumps(body: Any) -> str:
    return json.dumps(body, ensure_ascii=False)


def _error_response(error: ApiError) -> web.Response:
    return web.json_response(error.payload(), status=error.error_code, dumps=_dumps)


class BotApiServer:
    """Serves one :class:`World` over HTTP on ``host:port`` (0 picks a free port)."""

    def __init__(self, world: World, host: str = "127.0.0.1", port: int = 0) -> None:
        self.world = world
        self.host = host
        self.port = port
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/{path:.*}", self._dispatch)
        # handler_cancellation: a poll whose client went away stops waiting at once.
        self._runner = web.AppRunner(
            app, handler_cancellation=True, shutdown_timeout=1.0, access_log=None
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        server = site._server
        if server is not None and self.port == 0:
            sockets = getattr(server, "sockets", None) or []
            self.port = int(sockets[0].getsockname()[1])

    async def stop(self) -> None:
        self.world.closed = True
        self.world.notify()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        path = request.match_info["path"]
        if path.startswith("file/bot"):
            return self._download(path.removeprefix("file/bot"))
        if path.startswith("bot") and "/" in path:
            token, method_name = path.removeprefix("bot").split("/", 1)
            return await self._api(request, token, method_name)
        return _error_response(ApiError(404, "Not Found"))

    def _download(self, rest: str) -> web.StreamResponse:
        token, _, file_path = rest.partition("/")
        stored = self.world.file_by_path(file_path) if token == self.world.token else None
        if stored is None:
            return _error_response(ApiError(404, "Not Found"))
        content_type = stored.mime_type or "application/octet-stream"
        return web.Response(body=stored.data, content_type=content_type)

    async def _api(self, request: web.Request, token: str, method_name: str) -> web.Response:
        method = METHODS.get(method_name.lower())
        name = method.name if method is not None else method_name
        params, injected = Params(), False
        try:
            params = await read_params(request)
            if token != self.world.token:
                raise ApiError(401, "Unauthorized")
            if method is None:
                raise ApiError(404, "Not Found")
            outcome, injected = await self._answer(method, params)
        except ApiError as error:
            outcome = error
        self.world.record(_call(name, params.values, outcome, self.world.clock(), injected))
        if isinstance(outcome, ApiError):
            return _error_response(outcome)
        return web.json_response({"ok": True, "result": outcome}, dumps=_dumps)

    async def _answer(self, method: Method, params: Params) -> tuple[Any, bool]:
        """The method's result, or an injected fault (then ``True``: it was injected)."""
        fault = self.world.take_fault(method.name)
        if fault is not None and fault.delay:
            await asyncio.sleep(fault.delay)
        if fault is not None and fault.error is not None:
            return fault.error, True
        return await method.handler(self.world, params), False


def _call(name: str, params: dict[str, Any], outcome: Any, at: float, injected: bool) -> Call:
    if isinstance(outcome, ApiError):
        return Call(
            method=name,
            params=params,
            ok=False,
            error_code=outcome.error_code,
            description=outcome.description,
            parameters=outcome.parameters,
            at=at,
            injected=injected,
        )
    return Call(method=name, params=params, ok=True, result=outcome, at=at)
