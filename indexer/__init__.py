"""Morphology-aware search over the regional news archive."""
