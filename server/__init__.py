"""The HTTP service: JSON API, pages, widget and administration."""
