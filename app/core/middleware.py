"""The HTTP middleware, outermost first: request id, access log, CORS, rate limits, body
limits.

The request id comes first so that every later layer, and every response, carries it; the
access log sees every answer, refused preflights and 429s included; CORS sits outside the
rate limit so that a browser can read a 429, and answers preflights before they are counted;
the body limits come after the rate limit, so that a refused upload is counted too.
All are pure ASGI: BaseHTTPMiddleware would cost a task per request and hide contextvars.
"""

from fastapi import FastAPI

from app.core.access_log import AccessLogMiddleware, configure_access_log, configure_json_lines
from app.core.body_limit import BodyLimitMiddleware
from app.core.config import Settings
from app.core.cors import CorsMiddleware, CorsPolicy
from app.core.document import document_of
from app.core.outage import logger as outage_logger
from app.core.ratelimit import RateLimitMiddleware, RateLimits
from app.core.request_id import RequestIdMiddleware


def install_middleware(app: FastAPI, settings: Settings) -> None:
    configure_access_log()
    # What the log says about a database outage, once per interval (app/core/outage.py).
    configure_json_lines(outage_logger)
    # add_middleware puts each one outside those added before it: innermost first.
    # The body limits are read from the OpenAPI document, which routes added later are in.
    app.add_middleware(
        BodyLimitMiddleware,
        document=lambda: document_of(app),
        timeout=settings.request_body_timeout,
    )
    app.add_middleware(RateLimitMiddleware, limits=RateLimits(settings))
    policy = CorsPolicy.from_settings(settings.cors_read_origins, settings.cors_write_origins)
    app.add_middleware(CorsMiddleware, policy=policy)
    app.add_middleware(AccessLogMiddleware)
    app.add_middleware(RequestIdMiddleware)
