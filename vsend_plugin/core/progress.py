"""Progress of long management commands: a bar on a terminal, a line now and then in a log.

Generating or rebuilding at scale takes minutes; whoever runs it should see
it move, and a log (cron, CI) should get a few readable lines rather than a
thousand carriage returns.
"""

import time


class Progress:
    """Call with the amount done so far (and what is being worked on); ``finish()`` at the end."""

    WIDTH = 30
    LOG_STEPS = 20

    def __init__(self, stream, total, noun):
        self.stream, self.total, self.noun = stream, max(total, 1), noun
        self.started = time.monotonic()
        self._next_line = 0
        self._drawn = False

    def __call__(self, done, detail=""):
        elapsed = time.monotonic() - self.started
        if self.stream.isatty():
            filled = self.WIDTH * min(done, self.total) // self.total
            bar = f"[{'#' * filled}{'.' * (self.WIDTH - filled)}]"
            line = f"\r{bar} {done:,}/{self.total:,} {self.noun} {elapsed:5.0f} s {detail}"
            self.stream.write(line.ljust(78), ending="")
            self.stream.flush()
            self._drawn = True
        elif done >= self._next_line:
            line = f"{done:,}/{self.total:,} {self.noun} ({elapsed:.0f} s) {detail}"
            self.stream.write(line.rstrip())
            step = max(1, self.total // self.LOG_STEPS)
            self._next_line = float("inf") if done >= self.total else min(self.total, done + step)

    def finish(self):
        if self._drawn:
            self.stream.write("")
            self._drawn = False
        return time.monotonic() - self.started
