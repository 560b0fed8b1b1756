"""torchrun, usable where it is broken: `python3 -m ganvas_torch.run --nproc_per_node N train.py …`.

torch 1.13's torchrun reads its --redirects and --tee options (default "0") by iterating an
IntFlag, which from Python 3.11 on leaves out the zero member, so it fails before starting any
process (Debian's python3-torch is this combination). This module mends that one parse and then
is torchrun itself; where torchrun works, the two are the same.
"""
import re
import sys

from torch.distributed.elastic.multiprocessing import Std


def _from_str(cls, value):
    if re.match(r"^[0123]$", value):
        return cls(int(value))
    if re.match(r"^(\d:[0123],)*(\d:[0123])$", value):
        return {int(i): cls(int(v)) for i, v in (m.split(":") for m in value.split(","))}
    raise ValueError(f"{value} does not match: <^[0123]$> or <^(\\d:[0123],)*(\\d:[0123])$>")


if not isinstance(Std.from_str("0"), Std):
    Std.from_str = classmethod(_from_str)

if __name__ == "__main__":
    from torch.distributed.run import main

    sys.exit(main())
