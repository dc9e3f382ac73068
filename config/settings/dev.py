"""The embedded default: `make run` on a laptop."""

from config.env import env_bool
from config.settings.base import *  # noqa: F403

DEBUG = True

# The OpenAPI document and Swagger UI are public on a developer's machine.
API_DOCS_PUBLIC = env_bool("API_DOCS_PUBLIC", True)
