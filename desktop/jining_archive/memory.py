"""The peak resident memory of this process, for the benchmarks."""

from __future__ import annotations

import resource
import sys


def peak_resident_mb() -> float:
    """This process's peak resident memory in MiB since it started its program.

    On Linux this is VmHWM: ``ru_maxrss`` of a process started by a large one counts the
    starter's memory too (the child shares it between fork and exec), so a benchmark's
    2 GB made every child it measured look as large.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)
