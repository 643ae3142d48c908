"""Ingest: load routine documents, clean extraction artefacts, find sections, chunk."""
