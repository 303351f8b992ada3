# Defaults live in the package so `newsarchive serve` finds them when installed.
from webapp.gunicorn_defaults import *  # noqa: F401,F403
