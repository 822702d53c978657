"""Opaque, time-ordered identifiers (UUIDv7, RFC 9562).

Ordering rows by id is ordering them by creation time, with ties broken by
creation order within a process: lists page through one index with a
one-column keyset cursor.
"""

import os
import re
import threading
import time
import uuid

_lock = threading.Lock()
_last_ms = 0
_counter = 0


def new_id() -> str:
    global _last_ms, _counter
    with _lock:
        now_ms = time.time_ns() // 1_000_000
        if now_ms > _last_ms:
            _last_ms = now_ms
            # Start low in the 12-bit counter space so a burst in one ms never overflows.
            _counter = int.from_bytes(os.urandom(2)) & 0x3FF
        else:
            _counter += 1
            if _counter > 0xFFF:  # 4096 ids in one ms: borrow the next millisecond
                _last_ms += 1
                _counter = 0
        ms, counter = _last_ms, _counter
    rand_b = int.from_bytes(os.urandom(8)) & ((1 << 62) - 1)
    value = (ms << 80) | (0x7 << 76) | (counter << 64) | (0b10 << 62) | rand_b
    return str(uuid.UUID(int=value))


# The canonical text of a UUID (`str(uuid.UUID(...))`): lowercase hex, 8-4-4-4-12. Matched as a
# pattern rather than parsed: every id a request names is checked, a batch check's some 100,
# and parsing each with uuid.UUID took a third of the batch's own time.
_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def is_valid_id(value: str) -> bool:
    """True for the canonical text form of a UUID, the only form we issue."""
    return _CANONICAL_UUID.fullmatch(value) is not None
