"""rutin: an assistant for the routines of home health care."""

__version__ = "0.1.0"
