"""Keep what lives as long as the process out of the garbage collector's full passes.

A full collection walks every tracked object: with the app's modules and a large catalog's
snapshot that took up to 70 ms, stalling every request in flight, a few times a minute
under load (the slowest 1% of POST /recommendations answers waited 80-100 ms for it).
Objects made at start and the snapshot live until the next catalog change; frozen, they are
left out of those passes. Reference counting still frees a snapshot once it is replaced:
its facts hold no cycles.
"""

import gc


def settle_startup() -> None:
    """Once the app is made: collect what starting left behind, then freeze the rest."""
    gc.collect()
    gc.freeze()


def settle_long_lived() -> None:
    """After a new long-lived structure (a snapshot, list indexes) is built: collect first,
    since what built it may have left cycles (the catalog's records refer to each other), and
    a frozen cycle is never freed."""
    gc.collect()
    gc.freeze()
