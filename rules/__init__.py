"""The rules: exact, date-versioned answers to registration, fee and compensation questions.

Data lives in ``rules/data/*.toml`` (one file per routine version, every value with the verbatim
quote it rests on); ``tables`` loads and checks it, ``engine`` decides, pure and clock-free.
"""
