"""Headless-browser helpers for tests (see screenshot.py)."""
