"""Morphology-aware search over the regional news archive."""
from . import whoosh_fixes  # noqa: F401  (applied before any index is written or read)
