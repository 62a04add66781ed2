import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from limits import parse_many
from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

ROOT = Path(__file__).resolve().parents[2]

# scheme://host[:port], as browsers send it in Origin; "*" means any origin. A DNS name has
# at most 253 characters; the bound lets the OpenAPI document promise a length.
ORIGIN_MAX_LENGTH = 270
_ORIGIN = re.compile(rf"^(\*|https?://[^\s/?#]{{1,{ORIGIN_MAX_LENGTH - 8}}})$")
RATE_LIMIT_STORAGES = ("memory://", "redis://", "rediss://", "redis+unix://")


class Settings(BaseSettings):
    """Runtime settings, read from the environment (and `.env` when present)."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    # A user with nothing installed gets a SQLite file under var/; production sets
    # postgresql+psycopg://... here.
    database_url: str = f"sqlite:///{ROOT / 'var' / 'certpath.db'}"

    # CORS, comma-separated origins. Reads (and POST /recommendations, which changes
    # nothing) are open to any origin by default; writes only to the origins listed.
    cors_read_origins: Annotated[list[str], NoDecode] = ["*"]
    cors_write_origins: Annotated[list[str], NoDecode] = []

    # Rate limits, per client IP, in the `limits` notation ("120/minute", "10 per second").
    # Counted in this process by default; point the storage at Redis
    # (redis://host:6379/0) and every instance counts against one budget.
    rate_limit_storage_url: str = "memory://"
    rate_limit_key_prefix: str = "certpath"
    rate_limit_recommendations: str = "120/minute"
    rate_limit_writes: str = "60/minute"

    # Seconds between readings of the catalog version (app/api/catalog_version.py): another
    # instance's write shows here within about this long. At most a second, so that a reading
    # is always fresh well inside the two seconds the README promises.
    catalog_poll_interval: Annotated[float, Field(ge=0.05, le=1.0)] = 0.5

    # Slow and oversized requests (app/core/body_limit.py, app/core/connections.py): seconds
    # a request body may go without a byte arriving; seconds from a connection's opening (or
    # its previous answer) to the end of the next request's head; the largest head (request
    # line and headers); open connections at most, 0 meaning as many as the open-file limit
    # leaves room for.
    request_body_timeout: Annotated[float, Field(ge=0.1, le=300)] = 10.0
    request_header_timeout: Annotated[float, Field(ge=0.1, le=300)] = 10.0
    max_request_header_bytes: Annotated[int, Field(ge=1024, le=2**20)] = 16 * 2**10
    max_connections: Annotated[int, Field(ge=0, le=2**20)] = 0

    @field_validator("cors_read_origins", "cors_write_origins", mode="before")
    @classmethod
    def _comma_separated(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [origin.strip() for origin in value.split(",")]
        if isinstance(value, list):
            value = [origin.rstrip("/").lower() for origin in value if origin]
            for origin in value:
                if not isinstance(origin, str) or not _ORIGIN.match(origin):
                    raise ValueError(f"{origin!r} is not an origin like https://example.org")
        return value

    @field_validator("rate_limit_recommendations", "rate_limit_writes")
    @classmethod
    def _one_rate_limit(cls, value: str) -> str:
        items = list(parse_many(value))  # ValueError names the string it cannot read
        if len(items) != 1:
            raise ValueError(f"{value!r}: give one limit, such as 120/minute")
        return value

    @field_validator("rate_limit_storage_url")
    @classmethod
    def _known_storage(cls, value: str) -> str:
        if not value.startswith(RATE_LIMIT_STORAGES):
            raise ValueError(f"{value!r}: use one of {', '.join(RATE_LIMIT_STORAGES)}")
        return value


@lru_cache
def get_settings() -> Settings:
    return Settings()
