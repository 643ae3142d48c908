"""Subcommands of the knowledge base: ingest, search, eval. (Filled in by the kb work.)"""

COMMANDS: list = []
