"""The test suite (a package, so that tests/kb and tests/bench never shadow the kb and bench
packages under pytest's default import mode)."""
