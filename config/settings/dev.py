"""The embedded default: `make run` on a laptop."""

from config.settings.base import *  # noqa: F403

DEBUG = True
