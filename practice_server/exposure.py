"""Who can reach the practice Chamilo. Its passwords are public (password = username, printed at
start), so it listens on the loopback only unless its user says, in so many words, that it may be
public (``--i-know-this-is-public``)."""
from __future__ import annotations

import ipaddress

PUBLIC_FLAG = "--i-know-this-is-public"
PASSWORDS_ARE_PUBLIC = ("its passwords are public (password = username): anyone who can reach it can sign in as "
                        "any user, admin included")


def is_loopback(host: str) -> bool:
    """A loopback address (127.0.0.0/8, ::1, IPv4-mapped) or exactly ``localhost``."""
    if host.strip().lower() == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host.strip().strip("[]"))
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return bool(address.is_loopback or (mapped is not None and mapped.is_loopback))


def refusal(host: str, public_ok: bool) -> str | None:
    """Why listening on ``host`` is refused, or None when it is allowed."""
    if is_loopback(host) or public_ok:
        return None
    return (f"refusing to listen on {host}, beyond this machine: the practice Chamilo's {PASSWORDS_ARE_PUBLIC}. "
            f"Add {PUBLIC_FLAG} if that is really what you want (a closed training room)")
