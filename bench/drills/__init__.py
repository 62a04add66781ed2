"""`make drill`: the drills of issue 12; `python -m bench.drills --help` says what each does."""
