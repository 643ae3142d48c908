"""Logging that never writes a personnummer.

Every log record is masked where it is made (a log-record factory), so every handler sees the
masked text: the console, a file, uvicorn's access log (whose query strings carry what people type
into the search box) and pytest's ``caplog`` alike. ``RedactingFilter`` does the same for handlers
and loggers that receive records made before the factory was installed.
"""

from __future__ import annotations

import logging
import sys

from rutin.redact import mask_personnummer

# Loggers whose handlers uvicorn configures itself (uvicorn.config.LOGGING_CONFIG).
UVICORN_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access")

_formatter = logging.Formatter()


def _mask_value(value):
    return mask_personnummer(value) if isinstance(value, str) else value


def redact_record(record: logging.LogRecord) -> logging.LogRecord:
    """Mask the message, arguments, traceback and stack of ``record`` in place; return it."""
    if getattr(record, "_rutin_redacted", False):
        return record
    if record.name.startswith("uvicorn.access") and isinstance(record.args, tuple):
        # uvicorn's AccessFormatter unpacks the five arguments (client, method, path with
        # query string, version, status): mask them one by one and keep their shape.
        record.msg = _mask_value(record.msg)
        record.args = tuple(_mask_value(a) for a in record.args)
    else:
        try:
            message = record.getMessage()
        except Exception:  # a malformed call; keep what was given, masked
            message = f"{record.msg} {record.args!r}"
        record.msg = mask_personnummer(message)
        record.args = ()
        # uvicorn's coloured formatter re-formats this with the (now empty) arguments.
        record.__dict__.pop("color_message", None)
    if record.exc_info and not record.exc_text:
        # A traceback repeats exception texts, e.g. pydantic's "input_value='19520101-…'".
        record.exc_text = mask_personnummer(_formatter.formatException(record.exc_info))
    elif record.exc_text:
        record.exc_text = mask_personnummer(record.exc_text)
    if record.stack_info:
        record.stack_info = mask_personnummer(record.stack_info)
    record._rutin_redacted = True
    return record


class RedactingFilter(logging.Filter):
    """A logging filter that masks personnummer in every record it sees; it drops nothing."""

    def filter(self, record: logging.LogRecord) -> bool:
        redact_record(record)
        return True


def _install_factory() -> None:
    previous = logging.getLogRecordFactory()
    if getattr(previous, "_rutin_redacting", False):
        return

    def factory(*args, **kwargs):
        return redact_record(previous(*args, **kwargs))

    factory._rutin_redacting = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)


def _add_filter(target: logging.Filterer) -> None:
    if not any(isinstance(f, RedactingFilter) for f in target.filters):
        target.addFilter(RedactingFilter())


def install_log_redaction() -> None:
    """Mask personnummer in every log record of this process, from now on. Idempotent.

    Call after the logging configuration is in place (uvicorn replaces its loggers' handlers
    when it starts): the factory covers every record anyway, the filters cover handlers that
    get records from elsewhere.
    """
    _install_factory()
    for name in ("", *UVICORN_LOGGERS):
        logger = logging.getLogger(name)
        _add_filter(logger)
        for handler in logger.handlers:
            _add_filter(handler)


def configure_logging(level: str = "INFO") -> None:
    """Basic logging to stderr at ``level``, with personnummer masked."""
    logging.basicConfig(level=level.upper(), stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # the chroma client's HTTP requests (the index poll asks every few seconds) are not news
    if logging.getLogger().isEnabledFor(logging.INFO):
        logging.getLogger("httpx").setLevel(logging.WARNING)
    install_log_redaction()
