"""The four numbers Windows wants for a version (its version resource, Inno Setup's
VersionInfoVersion), from the app's version string, which may be a pre-release.

    0.1.0 -> (0, 1, 0, 0)      0.2.0rc1 -> (0, 2, 0, 0)      1.2 -> (1, 2, 0, 0)

Only the release part (PEP 440's leading numbers) counts: rc1, .dev3 or +local would
otherwise become a fourth number and make a release candidate look newer than the
release. Used by jining-archive.spec and tests/test_packaging_recipes.py.
"""

from __future__ import annotations

import re


def windows_numbers(version: str) -> tuple[int, int, int, int]:
    release = re.match(r"^\s*v?(\d+(?:\.\d+)*)", version)
    if not release:
        raise ValueError(f"not a version: {version!r}")
    numbers = [int(n) for n in release.group(1).split(".")][:4]
    numbers += [0] * (4 - len(numbers))
    if any(n > 65535 for n in numbers):
        raise ValueError(f"{version!r}: Windows version numbers stop at 65535")
    return numbers[0], numbers[1], numbers[2], numbers[3]
