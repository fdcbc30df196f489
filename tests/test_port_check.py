"""The process holding a taken port is named even while it opens and closes files (sezatlas/port_check.py)."""

import os
import socket
import threading

from sezatlas.port_check import process_listening_on


def test_the_holder_is_named_while_its_other_files_come_and_go() -> None:
    stop = threading.Event()

    def churn() -> None:  # a server's other threads: database files, log files, client sockets
        while not stop.is_set():
            opened = [os.open(os.devnull, os.O_RDONLY) for _ in range(200)]
            for descriptor in opened:
                os.close(descriptor)

    below = [os.open(os.devnull, os.O_RDONLY) for _ in range(200)]  # the listening socket's number is above
    with socket.socket() as holder:
        for descriptor in below:
            os.close(descriptor)  # ... the numbers the other thread takes and gives back
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        worker = threading.Thread(target=churn)
        worker.start()
        try:
            named = {process_listening_on(port) for _ in range(100)}
        finally:
            stop.set()
            worker.join()
    assert len(named) == 1
    assert str(named.pop()).startswith(f"process {os.getpid()} (")
