from typing import Any

from fastapi import Request, Response

LINK_HEADER = {
    "Link": {
        "description": 'The next page, as `<url>; rel="next"` (RFC 8288); absent on the last.',
        # No maxLength: the URL is the request's own, with the next offset (see .spectral.yaml).
        "schema": {"type": "string", "pattern": '^<[^>]+>; rel="next"$'},
    }
}


def next_url(request: Request, limit: int, offset: int, total: int) -> str | None:
    """The next page's URL; None on the last page."""
    if offset + limit >= total:
        return None
    return str(request.url.include_query_params(offset=offset + limit, limit=limit))


def link_header(url: str | None) -> dict[str, str]:
    return {"Link": f'<{url}>; rel="next"'} if url else {}


def next_link(request: Request, response: Response, limit: int, offset: int, total: int) -> Any:
    """The next page's URL, also set as the response's `Link` header."""
    url = next_url(request, limit, offset, total)
    response.headers.update(link_header(url))
    return url
