from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parents[2]


class Settings(BaseSettings):
    """Runtime settings, read from the environment (and `.env` when present)."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    # A user with nothing installed gets a SQLite file under var/; production sets
    # postgresql+psycopg://... here.
    database_url: str = f"sqlite:///{ROOT / 'var' / 'certpath.db'}"


@lru_cache
def get_settings() -> Settings:
    return Settings()
