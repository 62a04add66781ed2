"""A bound on how often one message may be logged: a flood of bad requests, or of failed
accepts while the process is out of file descriptors, must not fill the disk (issue 12 saw
606 MB in 35 s). Past the bound a message is counted, and said once with its count."""

import logging
import time

PER_MINUTE = 10


class FloodFilter(logging.Filter):
    """At most `per_minute` records of one message template a minute on a logger."""

    def __init__(self, per_minute: int = PER_MINUTE) -> None:
        super().__init__()
        self.per_minute = per_minute
        self._window: dict[str, tuple[float, int]] = {}  # template: (window start, count)

    def filter(self, record: logging.LogRecord) -> bool:
        now = time.monotonic()
        template = str(record.msg)
        start, count = self._window.get(template, (now, 0))
        if now - start >= 60:
            if count > self.per_minute:
                record.msg = f"{template} (and {count - self.per_minute} more in a minute)"
            start, count = now, 0
        self._window[template] = (start, count + 1)
        return count < self.per_minute


def bound_floods(*loggers: str) -> None:
    for name in loggers:
        logging.getLogger(name).addFilter(FloodFilter())
