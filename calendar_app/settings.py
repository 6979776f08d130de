"""Settings from the environment (``EDITO_…`` or ``DATABASE_URL``) or a ``.env`` file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from platformdirs import user_data_path
from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    return user_data_path("edito", appauthor=False)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="EDITO_", env_file=".env", extra="ignore")

    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str | None = Field(
        default=None, validation_alias=AliasChoices("EDITO_DATABASE_URL", "DATABASE_URL")
    )
    port: int = 8501
    require_login: bool = Field(default=False, description="Sign-in required (always, when the app listens "
                                                            "beyond localhost: `edito app` sets it)")
    session_hours: float = Field(default=8.0, gt=0, le=24 * 30, description="A session ends after this long unused")

    @property
    def default_database_path(self) -> Path:
        return self.data_dir / "edito.db"

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.default_database_path}"

    @property
    def uses_default_database(self) -> bool:
        return self.database_url is None


@lru_cache
def get_settings() -> Settings:
    return Settings()
