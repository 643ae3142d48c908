"""Subcommands of the rules: visit. (Filled in by the rules work.)"""

COMMANDS: list = []
