#!/usr/bin/python3
"""A real SMTP server for the tests, on loopback (Debian's python3-aiosmtpd): every accepted message is written to
DIR as a numbered .eml file. Recipients whose local part contains "reject" get a 550, "tempfail" a 451, so the
tests can provoke permanent and temporary failures, and "slow" makes the server wait STALL seconds (default 30)
before answering that recipient, as an overloaded server does. Prints "ready PORT" once listening.

Usage: smtp-sink.py PORT DIR [STALL]
"""
import asyncio
import itertools
import os
import signal
import sys
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory, stall):
        self.directory = directory
        self.stall = stall
        self.counter = itertools.count(1)
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        if "reject" in local:
            return "550 5.1.1 mailbox unavailable"
        if "tempfail" in local:
            return "451 4.3.0 try again later"
        if "slow" in local:
            await asyncio.sleep(self.stall)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            n = next(self.counter)
        path = os.path.join(self.directory, f"{os.getpid()}-{n:06d}.eml")
        # Written then renamed, so a reader never sees half a message.
        with open(path + ".tmp", "wb") as f:
            f.write(b"X-Envelope-To: " + ",".join(envelope.rcpt_tos).encode() + b"\r\n")
            f.write(envelope.original_content or envelope.content)
        os.rename(path + ".tmp", path)
        return "250 Message accepted"


def main():
    port, directory = int(sys.argv[1]), sys.argv[2]
    stall = float(sys.argv[3]) if len(sys.argv) > 3 else 30.0
    os.makedirs(directory, exist_ok=True)
    controller = Controller(Sink(directory, stall), hostname="127.0.0.1", port=port)
    controller.start()
    print(f"ready {port}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
