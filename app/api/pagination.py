from typing import Any

from fastapi import Request, Response


def next_link(request: Request, response: Response, limit: int, offset: int, total: int) -> Any:
    """The next page's URL, also sent as an RFC 8288 `Link` header; None on the last page."""
    if offset + limit >= total:
        return None
    url = str(request.url.include_query_params(offset=offset + limit, limit=limit))
    response.headers["Link"] = f'<{url}>; rel="next"'
    return url
