"""Triage engine."""
