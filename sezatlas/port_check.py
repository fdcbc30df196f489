"""Can `sezatlas serve` listen on a port, and if another process holds it, which one?

Checked before anything else is done or printed, so that a taken port is one line naming the holder
instead of "Serving … at …", uvicorn's start-up log and then `[Errno 98] address already in use`.

The holder is found on Linux: a listening socket's inode is in /proc/net/tcp (and tcp6), and the process
owning it has a /proc/PID/fd link to `socket:[inode]`. Elsewhere, or when that process belongs to
another user, the message only says that the port is taken.
"""

import errno
import os
import socket
from pathlib import Path

PROC = Path("/proc")
LISTEN = "0A"  # the TCP state "listen" in /proc/net/tcp


class PortUnavailableError(Exception):
    """The server cannot listen on host:port; the message says why and what to do."""


def check_port_free(host: str, port: int) -> None:
    """Bind `host:port` and let it go again, as uvicorn binds it (same family rule, SO_REUSEADDR)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except socket.gaierror as error:  # a host name that does not resolve
            raise PortUnavailableError(f"--host {host}: {error.strerror}") from None
        except OSError as error:
            raise PortUnavailableError(_reason(host, port, error)) from None


def _reason(host: str, port: int, error: OSError) -> str:
    if error.errno == errno.EADDRINUSE:
        holder = process_listening_on(port)
        by = f" by {holder}" if holder else ""
        return f"port {port} on {host} is already in use{by}; stop it, or choose another with --port"
    if error.errno == errno.EACCES:
        return f"port {port} on {host}: permission denied (ports below 1024 need root); use --port"
    if error.errno == errno.EADDRNOTAVAIL:
        return f"--host {host} is not an address of this machine"
    return f"cannot listen on {host}:{port}: {error.strerror}"


def process_listening_on(port: int) -> str | None:
    """The process listening on `port`, as "process 1234 (python -m sezatlas serve)"; None if not found."""
    sockets = _listening_sockets(port)
    if not sockets or not PROC.is_dir():
        return None
    for process in PROC.iterdir():
        if process.name.isdigit() and _holds_any(process, sockets):
            return f"process {process.name} ({_command_line(process)})"
    return None


def _listening_sockets(port: int) -> set[str]:
    """`socket:[inode]` of every socket listening on `port`, from /proc/net/tcp and tcp6."""
    found = set()
    for table in ("tcp", "tcp6"):
        try:
            lines = (PROC / "net" / table).read_text(encoding="ascii").splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()  # sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
            if len(fields) > 9 and fields[3] == LISTEN and int(fields[1].rpartition(":")[2], 16) == port:
                found.add(f"socket:[{fields[9]}]")
    return found


def _holds_any(process: Path, sockets: set[str]) -> bool:
    try:
        descriptors = list((process / "fd").iterdir())
    except OSError:  # gone meanwhile, or another user's process
        return False
    for descriptor in descriptors:
        try:
            if os.readlink(descriptor) in sockets:
                return True
        except OSError:  # closed since the listing (a server's other threads open and close files): not it
            continue
    return False


def _command_line(process: Path) -> str:
    try:
        words = [word.decode(errors="replace") for word in (process / "cmdline").read_bytes().split(b"\0")]
    except OSError:
        words = []
    text = " ".join(" ".join([Path(words[0]).name, *words[1:]]).split()) if words else ""
    return (text[:77] + "…") if len(text) > 80 else text or "command unknown"
