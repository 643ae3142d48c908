"""X-Forwarded-For is believed only from configured proxies (issue 13, finding 1): the options
``rutin serve`` gives uvicorn. The behaviour of a real server is in test_served_sweep.py."""

from __future__ import annotations

from rutin.cli import uvicorn_options
from rutin.config import Settings


def test_no_proxy_is_trusted_by_default():
    options = uvicorn_options(Settings())
    assert options["proxy_headers"] is False
    assert options["forwarded_allow_ips"] is None


def test_configured_proxies_are_the_only_ones_trusted(env):
    env.setenv("RUTIN_TRUSTED_PROXIES", '["10.0.0.5", "192.168.1.0/24"]')
    options = uvicorn_options(Settings())
    assert options["proxy_headers"] is True
    assert options["forwarded_allow_ips"] == ["10.0.0.5", "192.168.1.0/24"]
